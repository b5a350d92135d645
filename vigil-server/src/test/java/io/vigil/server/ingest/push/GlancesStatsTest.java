package io.vigil.server.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import io.vigil.server.ingest.mapping.ForeignSample;
import io.vigil.server.ingest.mapping.MappingCatalog;
import io.vigil.server.ingest.mapping.MappingFixtures;
import io.vigil.server.ingest.mapping.SampleMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Glances' RESTful JSON (as captured from Debian's glances 3.3) becomes the samples its InfluxDB
 * exporter writes, so the one Glances catalogue maps both onto the same measurements.
 */
class GlancesStatsTest {

  private static JsonNode captured() throws IOException {
    return WireCodec.strict()
        .mapper()
        .readTree(SourceMappingTest.resource("/ingest/glances-3.3-restful.json"));
  }

  @Test
  void pluginsBecomeSamplesAndListItemsAreTaggedByTheirKey() throws IOException {
    JsonNode stats = captured();
    assertThat(GlancesStats.hostname(stats)).isEqualTo("vm");
    List<GlancesStats.PluginSample> samples = GlancesStats.samples(stats, 1_700_000_000_000L);
    ForeignSample fs =
        samples.stream().filter(s -> s.plugin().equals("fs")).findFirst().orElseThrow().sample();
    assertThat(fs.measurement()).isEqualTo("fs");
    assertThat(fs.tags()).isEqualTo(Map.of("mnt_point", "/"));
    assertThat(fs.texts())
        .containsEntry("device_name", "/dev/vda")
        .containsEntry("fs_type", "ext4");
    assertThat(fs.numbers()).containsKeys("size", "used", "free", "percent");
    assertThat(fs.timestamp()).isEqualTo(1_700_000_000_000L);
    Set<String> interfaces =
        samples.stream()
            .filter(s -> s.plugin().equals("network"))
            .map(s -> s.sample().tags().get("interface_name"))
            .collect(Collectors.toSet());
    assertThat(interfaces).contains("lo");
    assertThat(
            samples.stream()
                .filter(s -> s.plugin().equals("percpu"))
                .map(s -> s.sample().tags().get("cpu_number")))
        .containsExactly("0", "1");
    assertThat(samples).noneMatch(s -> s.plugin().equals("sensors")); // {} sends nothing
  }

  @Test
  void theGlancesCatalogueMapsTheRestfulJsonLikeTheInfluxdbLines() throws IOException {
    MappingCatalog catalog = MappingFixtures.catalog();
    SampleMapper mapper = catalog.glances();
    SampleMapper.Tally tally = new SampleMapper.Tally();
    List<Point> points = new ArrayList<>();
    for (GlancesStats.PluginSample s : GlancesStats.samples(captured(), 1_700_000_000_000L)) {
      mapper.map("vm", s.sample(), points, tally);
    }
    Set<String> measurements = points.stream().map(Point::measurement).collect(Collectors.toSet());
    assertThat(measurements).contains("cpu", "mem", "swap", "fs", "net", "load", "disk", "system");
    Point cpu =
        points.stream()
            .filter(p -> p.measurement().equals("cpu") && "total".equals(p.tags().get("cpu")))
            .findFirst()
            .orElseThrow();
    assertThat(cpu.fields().get("used_pct")).isBetween(0.0, 100.0);
    Point fs = points.stream().filter(p -> p.measurement().equals("fs")).findFirst().orElseThrow();
    assertThat(fs.tags())
        .isEqualTo(Map.of("host", "vm", "mount", "/", "device", "/dev/vda", "fstype", "ext4"));
    assertThat(fs.fields().get("size_bytes")).isEqualTo(270553174016.0);
    assertThat(points)
        .filteredOn(p -> p.measurement().equals("cpu"))
        .extracting(p -> p.tags().get("cpu"))
        .containsExactlyInAnyOrder("total", "0", "1");
  }
}
