package io.vigil.server.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.model.Measurements;
import io.vigil.model.Point;
import io.vigil.server.ingest.mapping.ForeignSample;
import io.vigil.server.ingest.mapping.MappingCatalog;
import io.vigil.server.ingest.mapping.MappingFixtures;
import io.vigil.server.ingest.mapping.SampleMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** node_exporter's families, grouped and mapped by the shipped catalogue onto the agent's model. */
class NodeExporterMappingTest {

  /** Two scrapes 10 s apart, shaped as node_exporter 1.5 writes them. */
  static String scrape(int n) {
    double cpu0User = 100 + n * 6; // 6 of 10 s busy in user on cpu 0
    double cpu0Idle = 500 + n * 4;
    double cpu1User = 100 + n * 1;
    double cpu1Idle = 500 + n * 9;
    return """
        # TYPE node_cpu_seconds_total counter
        node_cpu_seconds_total{cpu="0",mode="idle"} %s
        node_cpu_seconds_total{cpu="0",mode="system"} 10
        node_cpu_seconds_total{cpu="0",mode="user"} %s
        node_cpu_seconds_total{cpu="1",mode="idle"} %s
        node_cpu_seconds_total{cpu="1",mode="system"} 10
        node_cpu_seconds_total{cpu="1",mode="user"} %s
        # TYPE node_memory_MemTotal_bytes gauge
        node_memory_MemTotal_bytes 8e+09
        node_memory_MemAvailable_bytes 6e+09
        node_memory_SwapTotal_bytes 0
        node_memory_SwapFree_bytes 0
        node_filesystem_size_bytes{device="/dev/vda",fstype="ext4",mountpoint="/"} 1e+11
        node_filesystem_avail_bytes{device="/dev/vda",fstype="ext4",mountpoint="/"} 7e+10
        node_filesystem_free_bytes{device="/dev/vda",fstype="ext4",mountpoint="/"} 8e+10
        node_filesystem_files{device="/dev/vda",fstype="ext4",mountpoint="/"} 1000
        node_filesystem_files_free{device="/dev/vda",fstype="ext4",mountpoint="/"} 750
        node_filesystem_size_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1e+08
        node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1e+08
        node_network_receive_bytes_total{device="eth0"} %s
        node_network_transmit_bytes_total{device="eth0"} %s
        node_network_up{device="eth0"} 1
        node_network_speed_bytes{device="eth0"} -125000
        node_network_info{address="aa:bb",device="eth0",operstate="up"} 1
        node_disk_read_bytes_total{device="vda"} %s
        node_disk_written_bytes_total{device="vda"} 0
        node_disk_io_time_seconds_total{device="vda"} %s
        node_disk_read_bytes_total{device="loop0"} 0
        node_disk_written_bytes_total{device="loop0"} 0
        node_load1 0.5
        node_load5 0.25
        node_load15 0.125
        node_time_seconds %s
        node_boot_time_seconds 1.7e+09
        # TYPE go_gc_duration_seconds summary
        go_gc_duration_seconds{quantile="0.5"} 0.001
        go_gc_duration_seconds_sum 0.5
        go_gc_duration_seconds_count 100
        node_uname_info{machine="x86_64",nodename="vm"} 1
        """
        .formatted(
            cpu0Idle,
            cpu0User,
            cpu1Idle,
            cpu1User,
            1e6 + n * 1e6,
            2e6 + n * 5e5,
            1e6 + n * 4e6,
            10 + n * 2.5,
            1.7e9 + 3600 + n * 10);
  }

  private final MappingCatalog catalog = MappingFixtures.catalog();

  private List<Point> scrapeAndMap(int n) {
    ExpositionParser.Result parsed = new ExpositionParser(10_000).parse(scrape(n));
    assertThat(parsed.malformed()).isZero();
    long at = 1_700_000_000_000L + n * 10_000L;
    SampleMapper mapper = catalog.prometheus();
    SampleMapper.Tally tally = new SampleMapper.Tally();
    List<Point> points = new ArrayList<>();
    for (ForeignSample sample : catalog.group(parsed.samples(), at)) {
      mapper.map("db1", sample, points, tally);
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

  @Test
  void gaugesMapAtOnceAndCountersFromTheSecondScrape() {
    List<Point> first = scrapeAndMap(0);
    assertThat(first).noneMatch(p -> p.measurement().equals("cpu"));
    assertThat(only(first, "mem", Map.of()).fields())
        .containsEntry("used_pct", 25.0)
        .containsEntry("used_bytes", 2e9);
    assertThat(only(first, "swap", Map.of()).fields()).containsEntry("used_pct", 0.0);
    Point fs = only(first, "fs", Map.of("mount", "/"));
    assertThat(fs.tags()).containsEntry("device", "/dev/vda").containsEntry("fstype", "ext4");
    assertThat(fs.fields())
        .containsEntry("size_bytes", 1e11)
        .containsEntry("free_bytes", 7e10)
        .containsEntry("used_bytes", 2e10)
        .containsEntry("inodes_used_pct", 25.0);
    assertThat(fs.fields().get("used_pct")).isCloseTo(100.0 * 2e10 / 9e10, within(1e-9));
    assertThat(first).as("tmpfs is dropped").noneMatch(p -> "/run".equals(p.tags().get("mount")));
    assertThat(only(first, "load", Map.of()).fields())
        .isEqualTo(Map.of("load1", 0.5, "load5", 0.25, "load15", 0.125));
    assertThat(only(first, "system", Map.of()).fields()).isEqualTo(Map.of("uptime_s", 3600.0));
    assertThat(only(first, "net", Map.of("iface", "eth0")).fields())
        .isEqualTo(Map.of("up", 1.0, "speed_bps", 0.0));
    assertThat(first).noneMatch(p -> p.measurement().startsWith("node_network"));
    // Other families under their own names.
    assertThat(only(first, "go_gc_duration_seconds", Map.of("quantile", "0.5")).fields())
        .isEqualTo(Map.of("value", 0.001));
    assertThat(first)
        .filteredOn(p -> p.measurement().equals("go_gc_duration_seconds"))
        .filteredOn(p -> !p.tags().containsKey("quantile"))
        .singleElement()
        .extracting(Point::fields)
        .isEqualTo(Map.of("sum", 0.5, "count", 100.0));
    assertThat(only(first, "node_uname_info", Map.of()).tags()).containsEntry("machine", "x86_64");

    List<Point> second = scrapeAndMap(1);
    Point cpu0 = only(second, "cpu", Map.of("cpu", "0"));
    assertThat(cpu0.fields().get("user_pct")).isCloseTo(60.0, within(1e-9));
    assertThat(cpu0.fields().get("idle_pct")).isCloseTo(40.0, within(1e-9));
    assertThat(cpu0.fields().get("used_pct")).isCloseTo(60.0, within(1e-9));
    assertThat(cpu0.fields().get("system_pct")).isEqualTo(0.0);
    Point total = only(second, "cpu", Map.of("cpu", "total"));
    assertThat(total.fields().get("used_pct")).isCloseTo(35.0, within(1e-9));
    assertThat(only(second, "net", Map.of("iface", "eth0")).fields())
        .containsEntry("rx_bytes_ps", 100_000.0)
        .containsEntry("tx_bytes_ps", 50_000.0);
    Point disk = only(second, "disk", Map.of("device", "vda"));
    assertThat(disk.fields())
        .containsEntry("read_bytes_ps", 400_000.0)
        .containsEntry("write_bytes_ps", 0.0)
        .containsEntry("busy_pct", 25.0);
    assertThat(second)
        .as("loop devices are dropped")
        .noneMatch(p -> "loop0".equals(p.tags().get("device")));
    for (Point p : second) {
      Measurements.Schema schema = Measurements.BY_NAME.get(p.measurement());
      if (schema != null) {
        assertThat(schema.fields()).as(p.toString()).containsAll(p.fields().keySet());
      }
    }
  }
}
