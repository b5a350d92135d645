package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProcCollectorTest {

  private static ProcCollector.Sample sample(int pid, double cpu, long rss) {
    return new ProcCollector.Sample(pid, "p" + pid, cpu, rss, 0, 0);
  }

  /** The order the collector used to produce with a full sort. */
  private static List<ProcCollector.Sample> reference(
      List<ProcCollector.Sample> samples, Comparator<ProcCollector.Sample> order) {
    List<ProcCollector.Sample> sorted = new ArrayList<>(samples);
    sorted.sort(order.reversed().thenComparingInt(ProcCollector.Sample::pid));
    return sorted.subList(0, Math.min(ProcCollector.TOP, sorted.size()));
  }

  @Test
  void topSelectionEqualsAFullSortWithPidAsTieBreak() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int n = random.nextInt(40);
      List<ProcCollector.Sample> samples = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // few distinct values, so ties (idle processes at 0 %) are common
        samples.add(sample(random.nextInt(100_000), random.nextInt(4) * 0.5, random.nextInt(5)));
      }

      assertThat(Arrays.asList(ProcCollector.top(samples, true)))
          .containsExactlyElementsOf(
              reference(samples, Comparator.comparingDouble(ProcCollector.Sample::cpuPct)));
      assertThat(Arrays.asList(ProcCollector.top(samples, false)))
          .containsExactlyElementsOf(
              reference(samples, Comparator.comparingLong(ProcCollector.Sample::rssBytes)));
    }
  }

  @Test
  void ratesFollowAProcessAndARecycledPidStartsOver() {
    long[] cpu = {1000};
    long[] start = {5};
    ProcSource source =
        new ProcSource() {
          @Override
          public List<Snapshot> snapshot() {
            return List.of(new Snapshot(7, start[0], "worker", cpu[0], 4096, 100, 200));
          }

          @Override
          public String user(int pid) {
            return "alice";
          }
        };
    ProcCollector collector = new ProcCollector(source);
    List<Point> out = new ArrayList<>();
    long ts = System.currentTimeMillis();

    collector.collect(ts, 0, out);
    assertThat(out).as("first sighting is the baseline").isEmpty();

    cpu[0] = 1500; // 500 ms of CPU in one second: 50 %
    collector.collect(ts + 1000, 1_000_000_000L, out);
    assertThat(out).hasSize(2);
    assertThat(out.getFirst().fields().get("cpu_pct")).isEqualTo(50.0);
    assertThat(out.getFirst().tags()).containsEntry("user", "alice").containsEntry("pid", "7");

    out.clear();
    start[0] = 6; // same pid, another process
    collector.collect(ts + 2000, 2_000_000_000L, out);
    assertThat(out).isEmpty();
  }
}
