package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Inventory;
import io.vigil.model.Measurements;
import io.vigil.model.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

/** Collects from the real Linux host the build runs on, through OSHI, and checks the figures. */
class HostCollectionIT {

  private static SystemInfo systemInfo;
  private static Map<String, Collector> collectors;

  @BeforeAll
  static void setUp() {
    systemInfo = new SystemInfo();
    collectors =
        CollectorSet.all(systemInfo, () -> new AgentSelfCollector.TransportFigures(2, 2048, 1, 3))
            .stream()
            .collect(Collectors.toMap(Collector::key, c -> c));
  }

  /** Collects once as baseline, then again until the collector emits points (rates need time). */
  private static List<Point> collectTwice(String key) {
    Collector collector = collectors.get(key);
    collector.collect(System.currentTimeMillis(), System.nanoTime(), new ArrayList<>());
    List<Point> out = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              out.clear();
              collector.collect(System.currentTimeMillis(), System.nanoTime(), out);
              return !out.isEmpty();
            });
    return out;
  }

  private static void assertSchema(List<Point> points) {
    for (Point p : points) {
      Measurements.Schema schema = Measurements.BY_NAME.get(p.measurement());
      assertThat(schema).as(p.measurement()).isNotNull();
      assertThat(schema.tags()).containsAll(p.tags().keySet());
      assertThat(schema.fields()).as(p.measurement()).containsAll(p.fields().keySet());
    }
  }

  @Test
  void cpuTotalAndEveryCoreWithSharesThatAddUp() {
    List<Point> points = collectTwice("cpu");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> points.stream().anyMatch(p -> p.tags().get("cpu").equals("total")));

    assertSchema(points);
    int cores = systemInfo.getHardware().getProcessor().getLogicalProcessorCount();
    assertThat(points).extracting(p -> p.tags().get("cpu")).contains("total", "0");
    assertThat(points.size()).isEqualTo(cores + 1);
    Point total =
        points.stream().filter(p -> p.tags().get("cpu").equals("total")).findFirst().orElseThrow();
    assertThat(total.fields().keySet())
        .containsExactlyInAnyOrderElementsOf(Measurements.BY_NAME.get("cpu").fields());
    double sum =
        total.fields().entrySet().stream()
            .filter(e -> !e.getKey().equals("used_pct"))
            .mapToDouble(Map.Entry::getValue)
            .sum();
    assertThat(sum).isBetween(99.0, 101.0);
    assertThat(total.fields().get("used_pct")).isBetween(0.0, 100.0);
  }

  @Test
  void rootFileSystemMemoryLoadSystemAndTcp() {
    List<Point> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (String key : List.of("fs", "mem", "swap", "load", "system", "tcp")) {
      collectors.get(key).collect(now, System.nanoTime(), out);
    }
    assertSchema(out);

    Point root = only(out, "fs", "mount", "/");
    assertThat(root.fields().get("size_bytes")).isPositive();
    assertThat(root.fields().get("used_pct")).isBetween(0.0, 100.0);
    assertThat(root.fields().get("inodes_total")).isPositive();
    assertThat(out.stream().filter(p -> p.measurement().equals("fs")))
        .allSatisfy(p -> assertThat(p.tags().get("fstype")).isNotIn("tmpfs", "proc", "sysfs"));

    Point mem = only(out, "mem", null, null);
    long total = systemInfo.getHardware().getMemory().getTotal();
    assertThat(mem.fields().get("total_bytes")).isEqualTo((double) total);
    assertThat(mem.fields().get("used_bytes")).isBetween(1.0, (double) total);

    assertThat(only(out, "system", null, null).fields().get("processes")).isGreaterThan(5);
    assertThat(only(out, "tcp", null, null).fields().get("total")).isNotNegative();
    assertThat(only(out, "load", null, null).fields()).containsKeys("load1", "load5", "load15");
  }

  @Test
  void atLeastOneNetworkInterfaceAndDiskRates() {
    List<Point> net = collectTwice("net");
    assertSchema(net);
    assertThat(net).isNotEmpty();
    assertThat(net).allSatisfy(p -> assertThat(p.fields().get("rx_bytes_ps")).isNotNegative());
    assertThat(net).extracting(p -> p.tags().get("iface")).doesNotContain("lo");

    List<Point> disk = collectTwice("disk");
    assertSchema(disk);
    assertThat(disk).allSatisfy(p -> assertThat(p.fields().get("busy_pct")).isBetween(0.0, 100.0));
  }

  @Test
  void topProcessesByCpuAndByMemoryIncludingThisJvm() {
    List<Point> procs = collectTwice("proc");
    assertSchema(procs);

    Map<String, List<Point>> byWhat =
        procs.stream().collect(Collectors.groupingBy(p -> p.tags().get("by")));
    assertThat(byWhat.keySet()).isEqualTo(Set.of("cpu", "mem"));
    assertThat(byWhat.get("mem")).hasSizeBetween(1, ProcCollector.TOP);
    assertThat(byWhat.get("mem"))
        .extracting(p -> p.fields().get("rank"))
        .startsWith(1.0)
        .isSorted();
    List<Double> rss = byWhat.get("mem").stream().map(p -> p.fields().get("rss_bytes")).toList();
    assertThat(rss).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    // This test JVM holds well over 20 MB resident, so it must rank among the top by memory.
    String self = Long.toString(ProcessHandle.current().pid());
    assertThat(byWhat.get("mem")).extracting(p -> p.tags().get("pid")).contains(self);
    assertThat(procs).allSatisfy(p -> assertThat(p.fields().get("cpu_pct")).isNotNegative());
  }

  @Test
  void agentSelfMetricsAndInventory() {
    List<Point> out = new ArrayList<>();
    collectors.get("agent").collect(System.currentTimeMillis(), System.nanoTime(), out);
    assertSchema(out);
    Point agent = out.getFirst();
    assertThat(agent.fields().get("rss_bytes")).isGreaterThan(1_000_000.0);
    assertThat(agent.fields().get("spool_dropped_total")).isEqualTo(1.0);
    assertThat(agent.fields().get("cpu_time_s")).isPositive();

    InventoryCollector inventory = new InventoryCollector(systemInfo, "test");
    Inventory first = inventory.collect();
    assertThat(first.hostname()).isNotBlank();
    assertThat(first.cpuThreads()).isPositive();
    assertThat(first.memoryBytes()).isPositive();
    assertThat(first.bootTime()).isPositive();
    assertThat(first.interfaces()).isNotEmpty();
    assertThat(inventory.collect()).as("unchanged host, equal inventory").isEqualTo(first);
  }

  private static Point only(List<Point> points, String measurement, String tag, String value) {
    List<Point> matching =
        points.stream()
            .filter(p -> p.measurement().equals(measurement))
            .filter(p -> tag == null || value.equals(p.tags().get(tag)))
            .toList();
    assertThat(matching).as(measurement + " " + tag + "=" + value).hasSize(1);
    return matching.getFirst();
  }
}
