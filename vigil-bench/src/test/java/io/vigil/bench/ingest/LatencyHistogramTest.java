package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void anEmptyHistogramReportsZero() {
    LatencyHistogram h = new LatencyHistogram();

    assertThat(h.count()).isZero();
    assertThat(h.percentile(50)).isZero();
    assertThat(h.percentile(99)).isZero();
    assertThat(h.max()).isZero();
  }

  @Test
  void smallValuesAreCountedExactly() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 100; v++) {
      h.record(v);
    }

    assertThat(h.percentile(50)).isEqualTo(50);
    assertThat(h.percentile(90)).isEqualTo(90);
    assertThat(h.percentile(99)).isEqualTo(99);
    assertThat(h.percentile(100)).isEqualTo(100);
    assertThat(h.percentile(0)).isEqualTo(1);
  }

  @Test
  void percentilesOfAUniformSpreadAreWithinOnePercent() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 1_000_000; v++) {
      h.record(v);
    }

    assertThat((double) h.percentile(50)).isCloseTo(500_000, within(5_000.0));
    assertThat((double) h.percentile(90)).isCloseTo(900_000, within(9_000.0));
    assertThat((double) h.percentile(99)).isCloseTo(990_000, within(9_900.0));
    assertThat(h.max()).isEqualTo(1_000_000);
    assertThat(h.count()).isEqualTo(1_000_000);
  }

  @Test
  void percentilesMatchASortedArrayOfRandomLatencies() {
    SplittableRandom random = new SplittableRandom(42);
    long[] values = new long[50_000];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < values.length; i++) {
      // Log-normal-ish: mostly milliseconds, a tail into seconds.
      values[i] = (long) Math.exp(random.nextDouble(4, 16));
      h.record(values[i]);
    }
    Arrays.sort(values);

    for (double p : new double[] {50, 90, 99, 99.9}) {
      long exact = values[(int) Math.ceil(p / 100 * values.length) - 1];
      assertThat((double) h.percentile(p))
          .as("p%s", p)
          .isGreaterThanOrEqualTo(exact)
          .isLessThanOrEqualTo(exact * 1.008 + 1);
    }
  }

  @Test
  void theHighestPercentileIsTheExactMaximum() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(1_234_567);
    h.record(3);

    assertThat(h.percentile(100)).isEqualTo(1_234_567);
    assertThat(h.max()).isEqualTo(1_234_567);
  }

  @Test
  void hugeAndNegativeValuesDoNotBreakIt() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(Long.MAX_VALUE);
    h.record(-5);

    assertThat(h.percentile(50)).isZero();
    assertThat(h.percentile(100)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void bucketsAreContiguousAndEachValueLiesInItsOwn() {
    long previousUpper = -1;
    for (int i = 0; i < LatencyHistogram.index(Long.MAX_VALUE); i++) {
      long upper = LatencyHistogram.highestInBucket(i);
      assertThat(LatencyHistogram.index(previousUpper + 1)).isEqualTo(i);
      assertThat(LatencyHistogram.index(upper)).isEqualTo(i);
      previousUpper = upper;
    }
  }

  @Test
  void rejectsPercentilesOutsideTheRange() {
    assertThatThrownBy(() -> new LatencyHistogram().percentile(101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
