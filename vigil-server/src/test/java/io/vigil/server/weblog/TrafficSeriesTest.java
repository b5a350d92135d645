package io.vigil.server.weblog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSeriesTest {

  private static final long MIN = 60_000;

  @Test
  void theStepKeepsAtMostThreeHundredBucketsAndIsNeverBelowTheRunsOrTheRollup() {
    assertThat(TrafficSeries.step(15 * MIN, 0)).isEqualTo(10_000);
    assertThat(TrafficSeries.step(6 * 60 * MIN, 0)).isEqualTo(120_000); // 72 s → 2 min
    assertThat(TrafficSeries.step(15 * MIN, 1.5 * 60_000)).isEqualTo(120_000);
    assertThat(TrafficSeries.step(15 * MIN, 3_600_000)).isEqualTo(3_600_000);
    assertThat(TrafficSeries.step(400L * 24 * 60 * MIN, 0)).isEqualTo(2L * 86_400_000);
  }

  @Test
  void theTypicalGapIsTheLargestMedianGapOfTheSeries() {
    TrafficSeries.Input every10s = input("a", new long[] {0, 10_000, 20_000, 30_000, 95_000});
    TrafficSeries.Input every60s = input("b", new long[] {0, 60_000, 120_000});
    assertThat(TrafficSeries.typicalGap(List.of(every10s))).isEqualTo(10_000);
    assertThat(TrafficSeries.typicalGap(List.of(every10s, every60s))).isEqualTo(60_000);
    assertThat(TrafficSeries.typicalGap(List.of(input("c", new long[] {5})))).isZero();
  }

  @Test
  void ratesOfSeriesAddUpAndBucketsWithoutRunsAreNull() {
    // a: 2 req/s then 4 req/s within one 15 s bucket (mean 3); b: 1 req/s; 1 minute of range
    TrafficSeries.Input a =
        run("a", new long[] {0, 10_000}, new double[] {2, 4}, new double[] {20, 40});
    TrafficSeries.Input b = run("b", new long[] {5_000}, new double[] {1}, new double[] {10});
    TrafficSeries.Result r = TrafficSeries.compute(List.of(a, b), 0, MIN, 0);

    assertThat(r.step()).isEqualTo(15_000);
    assertThat(r.timestamps()).containsExactly(0, 15_000, 30_000, 45_000);
    assertThat(r.total().reqPerS()).containsExactly(4.0, null, null, null);
    assertThat(r.byHost().get("a").reqPerS()).containsExactly(3.0, null, null, null);
    assertThat(r.byHost().get("b").reqPerS()).containsExactly(1.0, null, null, null);
    assertThat(r.byHost().keySet()).containsExactly("a", "b");
  }

  @Test
  void statusClassesSplitEachSeriesRateByItsShareOfRequests() {
    Map<String, double[]> fields = new HashMap<>();
    fields.put("req_per_s", new double[] {10});
    fields.put("requests", new double[] {100});
    fields.put("status_2xx", new double[] {75});
    fields.put("status_5xx", new double[] {25});
    TrafficSeries.Result r =
        TrafficSeries.compute(
            List.of(new TrafficSeries.Input("a", new long[] {0}, fields)), 0, MIN, 0);

    assertThat(r.total().status().get("2xx")[0]).isEqualTo(7.5);
    assertThat(r.total().status().get("5xx")[0]).isEqualTo(2.5);
    assertThat(r.total().status().get("4xx")[0]).isEqualTo(0.0);
  }

  @Test
  void latencyIsAveragedByRequestsAndTheMaximumIsTheMaximum() {
    TrafficSeries.Input busy = latency("a", 90, 100, 150);
    TrafficSeries.Input quiet = latency("b", 10, 300, 400);
    TrafficSeries.Input idle =
        latency("c", 0, 5000, 5000); // no request: no weight for its percentiles
    TrafficSeries.Result r = TrafficSeries.compute(List.of(busy, quiet, idle), 0, MIN, 0);

    assertThat(r.total().latency().get("rt_p99_ms")[0]).isCloseTo(120.0, within(1e-9));
    assertThat(r.total().latency().get("rt_max_ms")[0]).isEqualTo(5000.0);
    assertThat(r.latency().get("rt_p99_ms")).isCloseTo(120.0, within(1e-9));
    assertThat(r.byHost().get("c").latency().get("rt_p99_ms")[0]).isNull();
    TrafficSeries.Result none = TrafficSeries.compute(List.of(), 0, MIN, 0);
    assertThat(none.latency().get("rt_p99_ms")).isNull();
    assertThat(none.total().reqPerS()).containsOnlyNulls();
  }

  @Test
  void rowsOutsideTheRangeAreLeftOut() {
    TrafficSeries.Input a =
        run("a", new long[] {-20_000, 0, MIN}, new double[] {100, 1, 100}, new double[3]);
    TrafficSeries.Result r = TrafficSeries.compute(List.of(a), 0, MIN, 0);
    // the median gap of 60 s makes buckets of 2 minutes: one, holding only the row at 0
    assertThat(r.timestamps()).containsExactly(0);
    assertThat(r.total().reqPerS()).containsExactly(1.0);
  }

  private static TrafficSeries.Input input(String host, long[] timestamps) {
    return new TrafficSeries.Input(host, timestamps, Map.of());
  }

  private static TrafficSeries.Input run(
      String host, long[] timestamps, double[] reqPerS, double[] requests) {
    return new TrafficSeries.Input(
        host, timestamps, Map.of("req_per_s", reqPerS, "requests", requests));
  }

  private static TrafficSeries.Input latency(String host, double requests, double p99, double max) {
    return new TrafficSeries.Input(
        host,
        new long[] {0},
        Map.of(
            "requests",
            new double[] {requests},
            "rt_p99_ms",
            new double[] {p99},
            "rt_max_ms",
            new double[] {max}));
  }
}
