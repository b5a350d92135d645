package io.vigil.weblog.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Quantiles against the exact value of rank ⌊q·(n−1)⌋ of the same seeded data: within the 1 %
 * relative accuracy for long-tailed, uniform, bimodal and constant latencies, also after merging.
 */
class QuantileSketchTest {

  private static final long SEED = Long.getLong("vigil.fuzz.seed", 20261207L);
  private static final double[] QS = {0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1};

  private static void assertAccurate(QuantileSketch sketch, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (double q : QS) {
      double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
      double estimate = sketch.quantile(q);
      assertThat(Math.abs(estimate - exact))
          .as("q=%s exact=%s estimate=%s", q, exact, estimate)
          .isLessThanOrEqualTo(QuantileSketch.RELATIVE_ACCURACY * exact + 1e-9);
    }
    assertThat(sketch.count()).isEqualTo(values.length);
    assertThat(sketch.max()).isEqualTo(sorted[sorted.length - 1]);
    assertThat(sketch.mean())
        .isCloseTo(
            Arrays.stream(values).average().orElseThrow(),
            org.assertj.core.data.Offset.offset(1e-6));
  }

  private static double[] sample(int n, DoubleSupplier source) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = source.getAsDouble();
    }
    return v;
  }

  @Test
  void withinOnePercentOnTypicalLatencyShapes() {
    SplittableRandom r = new SplittableRandom(SEED);
    double[][] shapes = {
      sample(100_000, () -> Math.exp(3 + 1.2 * gaussian(r))), // log-normal, median 20 ms
      sample(50_000, () -> 1 + 999 * r.nextDouble()), // uniform 1..1000 ms
      sample(80_000, () -> r.nextInt(10) < 9 ? 2 + r.nextDouble() : 3000 + 500 * r.nextDouble()),
      sample(10_000, () -> 42.0),
      sample(20_000, () -> r.nextInt(5) == 0 ? 0.0 : 0.001 * (1 + r.nextInt(1000))), // sub-ms
    };
    for (double[] values : shapes) {
      QuantileSketch sketch = new QuantileSketch(2048);
      for (double v : values) {
        sketch.add(v);
      }
      assertAccurate(sketch, values);
    }
  }

  @Test
  void mergedSketchesAnswerForTheUnion() {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    double[] a = sample(30_000, () -> Math.exp(2 + gaussian(r)));
    double[] b = sample(30_000, () -> Math.exp(5 + 0.5 * gaussian(r)));
    QuantileSketch left = new QuantileSketch(2048);
    QuantileSketch right = new QuantileSketch(2048);
    Arrays.stream(a).forEach(left::add);
    Arrays.stream(b).forEach(right::add);
    left.merge(right);
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    assertAccurate(left, all);
  }

  @Test
  void memoryIsBoundedAndOnlyTheLowestBucketsLoseAccuracy() {
    QuantileSketch sketch = new QuantileSketch(64);
    SplittableRandom r = new SplittableRandom(SEED + 2);
    double[] values = sample(20_000, () -> Math.exp(20 * r.nextDouble() - 5)); // 1e-2..1e6 ms
    Arrays.stream(values).forEach(sketch::add);
    assertThat(sketch.allocatedBuckets()).isLessThanOrEqualTo(64);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (double q : new double[] {0.99, 0.999, 1}) {
      double exact = sorted[(int) Math.floor(q * (sorted.length - 1))];
      assertThat(sketch.quantile(q))
          .isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1));
    }
  }

  @Test
  void emptyClearedAndIgnoredValues() {
    QuantileSketch sketch = new QuantileSketch(128);
    assertThat(sketch.quantile(0.5)).isNaN();
    sketch.add(-1);
    sketch.add(Double.NaN);
    sketch.add(Double.POSITIVE_INFINITY);
    assertThat(sketch.count()).isZero();
    sketch.add(10);
    sketch.clear();
    assertThat(sketch.count()).isZero();
    sketch.add(7);
    assertThat(sketch.quantile(0.5)).isEqualTo(7);
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
