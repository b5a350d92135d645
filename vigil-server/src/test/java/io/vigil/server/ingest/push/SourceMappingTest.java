package io.vigil.server.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Measurements;
import io.vigil.model.Point;
import io.vigil.server.ingest.mapping.ForeignSample;
import io.vigil.server.ingest.mapping.MappingCatalog;
import io.vigil.server.ingest.mapping.MappingFixtures;
import io.vigil.server.ingest.mapping.SampleMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped catalogues on what Telegraf and Glances write (Glances' lines as captured from
 * Debian's glances 3.3): Vigil's measurements come out with the agent's names and units, what no
 * rule maps is stored as it came under a sanitised name, and nothing clashes with the store.
 */
class SourceMappingTest {

  private final MappingCatalog catalog = MappingFixtures.catalog();
  private final SampleMapper.Tally tally = new SampleMapper.Tally();

  private List<ForeignSample> parse(String lines, Precision precision) {
    LineProtocolParserTest.Recorder r = LineProtocolParserTest.parse(lines, precision, 1 << 20);
    assertThat(r.reasons).isEmpty();
    return r.samples;
  }

  /** Maps each sample as the writer would: the host tag (or Glances' hostname) removed first. */
  private List<Point> map(SampleMapper mapper, List<ForeignSample> samples) {
    List<Point> points = new ArrayList<>();
    for (ForeignSample sample : samples) {
      sample.tags().remove("host");
      sample.tags().remove("hostname");
      mapper.map("web01", sample, points, tally);
    }
    return points;
  }

  private static Point only(List<Point> points, String measurement, Map<String, String> tags) {
    List<Point> matching =
        points.stream()
            .filter(p -> p.measurement().equals(measurement))
            .filter(p -> p.tags().entrySet().containsAll(tags.entrySet()))
            .toList();
    assertThat(matching).as("%s %s in %s", measurement, tags, points).hasSize(1);
    return matching.get(0);
  }

  /** Every mapped point of a Vigil measurement uses only the agent's tags and fields. */
  private static void assertAgentSchema(List<Point> points) {
    for (Point p : points) {
      Measurements.Schema schema = Measurements.BY_NAME.get(p.measurement());
      if (schema != null) {
        Set<String> tags = new java.util.HashSet<>(p.tags().keySet());
        tags.remove("host");
        assertThat(schema.tags()).as(p.toString()).containsAll(tags);
        assertThat(schema.fields()).as(p.toString()).containsAll(p.fields().keySet());
      }
    }
  }

  static final String TELEGRAF_FIRST =
      """
      cpu,cpu=cpu-total,host=web01 usage_guest=0,usage_idle=91.5,usage_iowait=0.5,usage_irq=0,usage_nice=0,usage_softirq=0.25,usage_steal=0,usage_system=2.75,usage_user=5 1700000000
      cpu,cpu=cpu0,host=web01 usage_idle=80,usage_user=15,usage_system=5,usage_iowait=0,usage_nice=0,usage_irq=0,usage_softirq=0,usage_steal=0 1700000000
      mem,host=web01 active=1i,available=6000000000i,available_percent=75,free=100i,total=8000000000i,used=1500000000i,used_percent=18.75 1700000000
      swap,host=web01 free=1000i,total=4000i,used=3000i,used_percent=75 1700000000
      swap,host=web01 in=0i,out=0i 1700000000
      disk,device=sda1,fstype=ext4,host=web01,mode=rw,path=/ free=40000000000i,inodes_free=2000000i,inodes_total=2500000i,inodes_used=500000i,total=50000000000i,used=10000000000i,used_percent=20 1700000000
      diskio,host=web01,name=sda io_time=1000i,iops_in_progress=2i,read_bytes=1000000i,reads=100i,write_bytes=2000000i,writes=200i 1700000000
      net,host=web01,interface=eth0 bytes_recv=1000000i,bytes_sent=500000i,drop_in=0i,drop_out=0i,err_in=0i,err_out=0i,packets_recv=1000i,packets_sent=500i,speed=1000i 1700000000
      net,host=web01,interface=all icmp_inmsgs=5i,tcp_activeopens=7i 1700000000
      system,host=web01 load1=0.5,load15=0.2,load5=0.3,n_cpus=4i,n_users=1i 1700000000
      system,host=web01 uptime=12345i 1700000000
      system,host=web01 uptime_format="3 days,  9:25" 1700000000
      nginx,host=web01,port=80,server=localhost accepts=10i,active=1i,handled=10i,requests=20i 1700000000
      """;

  static final String TELEGRAF_SECOND =
      """
      diskio,host=web01,name=sda io_time=3000i,iops_in_progress=0i,read_bytes=3000000i,reads=300i,write_bytes=2000000i,writes=210i 1700000010
      net,host=web01,interface=eth0 bytes_recv=2000000i,bytes_sent=600000i,drop_in=0i,drop_out=0i,err_in=1i,err_out=0i,packets_recv=2000i,packets_sent=600i,speed=1000i 1700000010
      """;

  @Test
  void telegrafsHostInputsBecomeTheAgentsMeasurements() {
    SampleMapper mapper = catalog.lineProtocol("telegraf");
    List<Point> points = map(mapper, parse(TELEGRAF_FIRST, Precision.SECONDS));
    assertAgentSchema(points);
    Point total = only(points, "cpu", Map.of("cpu", "total"));
    assertThat(total.fields())
        .containsEntry("used_pct", 8.5)
        .containsEntry("user_pct", 5.0)
        .containsEntry("idle_pct", 91.5);
    assertThat(total.tags()).isEqualTo(Map.of("host", "web01", "cpu", "total"));
    assertThat(total.timestamp()).isEqualTo(1_700_000_000_000L);
    assertThat(only(points, "cpu", Map.of("cpu", "0")).fields()).containsEntry("used_pct", 20.0);
    assertThat(only(points, "mem", Map.of()).fields())
        .containsEntry("total_bytes", 8e9)
        .containsEntry("used_bytes", 2e9)
        .containsEntry("available_bytes", 6e9)
        .containsEntry("used_pct", 25.0);
    assertThat(only(points, "swap", Map.of()).fields()).containsEntry("used_pct", 75.0);
    Point fs = only(points, "fs", Map.of("mount", "/"));
    assertThat(fs.tags()).containsEntry("device", "sda1").containsEntry("fstype", "ext4");
    assertThat(fs.tags()).doesNotContainKey("mode");
    assertThat(fs.fields())
        .containsEntry("size_bytes", 5e10)
        .containsEntry("used_pct", 20.0)
        .containsEntry("inodes_used_pct", 20.0);
    assertThat(only(points, "load", Map.of()).fields())
        .isEqualTo(Map.of("load1", 0.5, "load5", 0.3, "load15", 0.2));
    assertThat(only(points, "system", Map.of()).fields()).isEqualTo(Map.of("uptime_s", 12345.0));
    // Counters: no rate before a second line; the gauge of disk still comes.
    assertThat(only(points, "disk", Map.of("device", "sda")).fields())
        .isEqualTo(Map.of("queue_length", 2.0));
    assertThat(points.stream().filter(p -> p.measurement().equals("net"))).hasSize(1);
    assertThat(only(points, "net", Map.of("iface", "eth0")).fields())
        .isEqualTo(Map.of("speed_bps", 1e9));
    // Not mapped: stored as they came, Vigil's own names prefixed.
    assertThat(only(points, "nginx", Map.of()).tags())
        .isEqualTo(Map.of("host", "web01", "port", "80", "server", "localhost"));
    assertThat(only(points, "ext_net", Map.of("interface", "all")).fields())
        .isEqualTo(Map.of("icmp_inmsgs", 5.0, "tcp_activeopens", 7.0));
    assertThat(only(points, "ext_swap", Map.of()).fields())
        .isEqualTo(Map.of("in", 0.0, "out", 0.0));
    assertThat(tally.emptySamples).as("uptime_format has only text").isEqualTo(1);
    assertThat(tally.skippedTexts).isEqualTo(1);

    List<Point> later = map(mapper, parse(TELEGRAF_SECOND, Precision.SECONDS));
    assertThat(only(later, "disk", Map.of("device", "sda")).fields())
        .containsEntry("read_bytes_ps", 200_000.0)
        .containsEntry("write_bytes_ps", 0.0)
        .containsEntry("read_ops_ps", 20.0)
        .containsEntry("write_ops_ps", 1.0)
        .containsEntry("busy_pct", 20.0)
        .containsEntry("queue_length", 0.0);
    assertThat(only(later, "net", Map.of("iface", "eth0")).fields())
        .containsEntry("rx_bytes_ps", 100_000.0)
        .containsEntry("tx_bytes_ps", 10_000.0)
        .containsEntry("rx_errors_ps", 0.1)
        .containsEntry("rx_packets_ps", 100.0);
  }

  @Test
  void aCounterThatWentBackwardsGivesNoRateRatherThanASpike() {
    SampleMapper mapper = catalog.lineProtocol("telegraf");
    map(
        mapper,
        parse("net,host=a,interface=e bytes_recv=1000i,bytes_sent=10i 100\n", Precision.SECONDS));
    List<Point> reset =
        map(
            mapper,
            parse("net,host=a,interface=e bytes_recv=10i,bytes_sent=20i 110\n", Precision.SECONDS));
    assertThat(reset.get(0).fields())
        .containsEntry("tx_bytes_ps", 1.0)
        .doesNotContainKey("rx_bytes_ps");
    List<Point> old =
        map(
            mapper,
            parse("net,host=a,interface=e bytes_recv=5i,bytes_sent=5i 105\n", Precision.SECONDS));
    assertThat(old).as("an older line than the last one gives no rate").isEmpty();
  }

  @Test
  void glancesInfluxdbLinesAsCapturedBecomeTheAgentsMeasurements() throws IOException {
    String captured = resource("/ingest/glances-3.3-influxdb.lp");
    List<Point> points = map(catalog.lineProtocol("glances"), parse(captured, Precision.SECONDS));
    assertAgentSchema(points);
    Point cpu = only(points, "cpu", Map.of("cpu", "total"));
    assertThat(cpu.fields().get("used_pct")).isBetween(0.0, 100.0);
    assertThat(cpu.fields().get("used_pct") + cpu.fields().get("idle_pct"))
        .isCloseTo(100.0, within(1e-9));
    assertThat(only(points, "cpu", Map.of("cpu", "1")).fields()).containsKey("used_pct");
    Point mem = only(points, "mem", Map.of());
    assertThat(mem.fields().get("total_bytes")).isPositive();
    assertThat(mem.fields().get("used_pct")).isBetween(0.0, 100.0);
    Point fs = only(points, "fs", Map.of("mount", "/"));
    assertThat(fs.tags()).containsEntry("device", "/dev/vda").containsEntry("fstype", "ext4");
    assertThat(fs.fields().get("size_bytes")).isPositive();
    assertThat(only(points, "net", Map.of("iface", "eth0")).fields().get("rx_bytes_ps"))
        .isGreaterThanOrEqualTo(0.0);
    assertThat(only(points, "net", Map.of("iface", "lo")).fields()).containsEntry("up", 1.0);
    assertThat(only(points, "load", Map.of()).fields()).containsKeys("load1", "load5", "load15");
    assertThat(only(points, "swap", Map.of()).fields()).containsEntry("used_pct", 0.0);
    assertThat(only(points, "system", Map.of()).fields().get("uptime_s")).isPositive();
    assertThat(only(points, "disk", Map.of("device", "vda")).fields()).containsKey("read_bytes_ps");
    assertThat(points)
        .noneMatch(
            p -> p.measurement().equals("disk") && p.tags().get("device").startsWith("loop"));
    // Not mapped: stored as they came, without Glances' thresholds and history size.
    Point connections = only(points, "connections", Map.of());
    assertThat(connections.fields()).containsKey("listen").doesNotContainKey("history_size");
    assertThat(only(points, "processcount", Map.of()).fields()).containsKeys("total", "thread");
    assertThat(points).noneMatch(p -> p.measurement().equals("ext_system"));
    assertThat(points)
        .allSatisfy(p -> assertThat(p.fields().keySet()).noneMatch(f -> f.endsWith("_careful")));
  }

  @Test
  void withoutASourceNameEveryCatalogueIsTriedByTheShapeOfTheLine() throws IOException {
    SampleMapper any = catalog.lineProtocol("metrics");
    List<Point> telegraf = map(any, parse(TELEGRAF_FIRST, Precision.SECONDS));
    assertThat(only(telegraf, "cpu", Map.of("cpu", "total")).fields())
        .containsEntry("used_pct", 8.5);
    List<Point> glances =
        map(any, parse(resource("/ingest/glances-3.3-influxdb.lp"), Precision.SECONDS));
    assertThat(only(glances, "cpu", Map.of("cpu", "total")).fields()).containsKey("used_pct");
    assertThat(catalog.fallbackHostTags("metrics")).containsExactly("hostname");
    assertThat(catalog.fallbackHostTags("telegraf")).isEmpty();
    assertThat(catalog.lineSourceNames()).containsExactly("glances", "telegraf");
  }

  @Test
  void unmappedNamesAreSanitisedAndClashesRefusedPerLine() {
    SampleMapper mapper = catalog.lineProtocol("anything");
    List<Point> points =
        map(
            mapper,
            parse(
                "My-App.Stats,Region=EU\\ West,host=web01,ts=x Requests/s=5,ts=1,Region=2 1\n",
                Precision.SECONDS));
    Point point = only(points, "my_app_stats", Map.of());
    assertThat(point.tags())
        .isEqualTo(Map.of("host", "web01", "region", "EU West", "exported_ts", "x"));
    assertThat(point.fields())
        .isEqualTo(Map.of("requests_s", 5.0, "ts_field", 1.0, "region_field", 2.0));

    map(mapper, parse("clash,a=1 v=1 1\n", Precision.SECONDS));
    ForeignSample reversed = parse("clash a=2 1\n", Precision.SECONDS).get(0);
    assertThatThrownBy(() -> mapper.map("web01", reversed, new ArrayList<>(), tally))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clash: a is a tag of this measurement, not a field");
    ForeignSample tooManyTags =
        parse(
                "wide,"
                    + java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> "t" + i + "=v")
                        .collect(Collectors.joining(","))
                    + " v=1 1\n",
                Precision.SECONDS)
            .get(0);
    assertThatThrownBy(() -> mapper.map("web01", tooManyTags, new ArrayList<>(), tally))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("more than 16 tags");
  }

  @Test
  void measurementsStoredAsTheyCameAreBounded() {
    SampleMapper mapper = MappingFixtures.catalog(3, 4).lineProtocol("x");
    for (String m : List.of("a", "b", "c")) {
      mapper.map("h", parse(m + " v=1 1\n", Precision.SECONDS).get(0), new ArrayList<>(), tally);
    }
    ForeignSample fourth = parse("d v=1 1\n", Precision.SECONDS).get(0);
    assertThatThrownBy(() -> mapper.map("h", fourth, new ArrayList<>(), tally))
        .hasMessageContaining("vigil.mapping.max-measurements");
    ForeignSample wide = parse("a w=1,x=1,y=1,z=1 1\n", Precision.SECONDS).get(0);
    assertThatThrownBy(() -> mapper.map("h", wide, new ArrayList<>(), tally))
        .hasMessageContaining("vigil.mapping.max-columns-per-measurement");
    List<Point> fine = new ArrayList<>();
    mapper.map("h", parse("a v=2,w=1 1\n", Precision.SECONDS).get(0), fine, tally);
    assertThat(fine).hasSize(1);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = SourceMappingTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
