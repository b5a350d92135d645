package io.vigil.weblog.sketch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The space-saving guarantees checked against exact counts on skewed (Zipf) and adversarial seeded
 * streams: every reported count lies in [true, true + error], every error is at most N/m, every key
 * above N/m is reported, and a merged summary keeps the same guarantees for N1 + N2.
 */
class SpaceSavingTest {

  private static final long SEED = Long.getLong("vigil.fuzz.seed", 20261207L);

  /** Offers {@code key} once; returns its bytes' hash (for reuse). */
  private static void offer(SpaceSaving s, String key, long bytes, boolean failed) {
    byte[] b = key.getBytes(UTF_8);
    s.offer(b, 0, b.length, KeyHash.of(b, 0, b.length), bytes, failed, -1);
  }

  private static int[] zipfStream(long seed, int n, int keys, double exponent) {
    double[] cdf = new double[keys];
    double sum = 0;
    for (int i = 0; i < keys; i++) {
      sum += 1 / Math.pow(i + 1, exponent);
      cdf[i] = sum;
    }
    SplittableRandom r = new SplittableRandom(seed);
    int[] stream = new int[n];
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble() * sum;
      int lo = 0;
      int hi = keys - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      stream[i] = lo;
    }
    return stream;
  }

  private static Map<String, Long> feed(SpaceSaving s, int[] stream, int from, int to) {
    Map<String, Long> exact = new HashMap<>();
    for (int i = from; i < to; i++) {
      String key = "/page/" + stream[i];
      offer(s, key, 1, false);
      exact.merge(key, 1L, Long::sum);
    }
    return exact;
  }

  private static void assertGuarantees(SpaceSaving s, Map<String, Long> exact, long n) {
    assertGuarantees(s, exact, n, true);
  }

  /**
   * @param streamed the summary saw every request itself (not merged): its counts then add up to N
   *     exactly, as each request adds one to one counter
   */
  private static void assertGuarantees(
      SpaceSaving s, Map<String, Long> exact, long n, boolean streamed) {
    int m = s.capacity();
    assertThat(s.total()).isEqualTo(n);
    List<SpaceSaving.Entry> all = s.top(m);
    Map<String, SpaceSaving.Entry> reported =
        all.stream().collect(Collectors.toMap(SpaceSaving.Entry::key, e -> e));
    assertThat(s.errorBound()).isLessThanOrEqualTo(n / m);
    for (SpaceSaving.Entry e : all) {
      long truth = exact.getOrDefault(e.key(), 0L);
      assertThat(e.count()).as("count of %s", e.key()).isBetween(truth, truth + e.error());
      assertThat(e.error()).isLessThanOrEqualTo(n / m);
      assertThat(e.count() - e.error()).as("guaranteed part").isLessThanOrEqualTo(truth);
    }
    exact.forEach(
        (key, truth) -> {
          if (truth > n / m) {
            assertThat(reported).as("heavy key %s (%d > N/m)", key, truth).containsKey(key);
          }
        });
    if (streamed) {
      long sum = all.stream().mapToLong(SpaceSaving.Entry::count).sum();
      assertThat(sum).as("counts add up to N").isEqualTo(n);
    }
  }

  @ParameterizedTest
  @CsvSource({"200000, 20000, 1.1, 100", "200000, 50000, 0.8, 500", "100000, 1000000, 1.3, 50"})
  void countsStayWithinTheirBoundOnSkewedData(int n, int keys, double exponent, int m) {
    int[] stream = zipfStream(SEED, n, keys, exponent);
    SpaceSaving s = new SpaceSaving(m, 0);
    Map<String, Long> exact = feed(s, stream, 0, n);
    assertGuarantees(s, exact, n);
    // The top of a skewed stream is exact in practice: the first keys carry no error.
    SpaceSaving.Entry first = s.top(1).get(0);
    assertThat(first.key()).isEqualTo("/page/0");
    assertThat(first.error()).isZero();
  }

  @Test
  void adversarialDistinctKeysKeepTheBound() {
    SpaceSaving s = new SpaceSaving(64, 0);
    Map<String, Long> exact = new HashMap<>();
    SplittableRandom r = new SplittableRandom(SEED);
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      // A heavy key every third request, else a key never seen before: constant eviction.
      String key = i % 3 == 0 ? "heavy" : "k" + r.nextLong();
      offer(s, key, 1, false);
      exact.merge(key, 1L, Long::sum);
    }
    assertGuarantees(s, exact, n);
    assertThat(s.top(1).get(0).key()).isEqualTo("heavy");
  }

  @Test
  void belowCapacityEverythingIsExactWithBytesAndErrors() {
    SpaceSaving s = new SpaceSaving(10, 0);
    for (int i = 0; i < 5; i++) {
      offer(s, "a", 100, i == 0);
    }
    offer(s, "b", 7, false);
    assertThat(s.errorBound()).isZero();
    assertThat(s.top(10))
        .containsExactly(
            new SpaceSaving.Entry("a", 5, 0, 500, 1, null),
            new SpaceSaving.Entry("b", 1, 0, 7, 0, null));
  }

  @ParameterizedTest
  @CsvSource({"1.1, 100", "0.7, 300"})
  void mergedHalvesKeepTheGuaranteesForTheWhole(double exponent, int m) {
    int n = 200_000;
    int[] stream = zipfStream(SEED + 1, n, 30_000, exponent);
    SpaceSaving left = new SpaceSaving(m, 0);
    SpaceSaving right = new SpaceSaving(m, 0);
    Map<String, Long> exact = feed(left, stream, 0, n / 2);
    feed(right, stream, n / 2, n).forEach((k, v) -> exact.merge(k, v, Long::sum));
    left.merge(right);
    assertGuarantees(left, exact, n, false);
    // and the merged summary keeps counting correctly
    int[] more = zipfStream(SEED + 2, 20_000, 30_000, exponent);
    feed(left, more, 0, more.length).forEach((k, v) -> exact.merge(k, v, Long::sum));
    assertGuarantees(left, exact, n + more.length, false);
  }

  @Test
  void clearStartsAFreshPeriod() {
    SpaceSaving s = new SpaceSaving(4, 0);
    for (int i = 0; i < 100; i++) {
      offer(s, "k" + (i % 9), 10, true);
    }
    s.clear();
    offer(s, "x", 3, false);
    assertThat(s.total()).isEqualTo(1);
    assertThat(s.top(10)).containsExactly(new SpaceSaving.Entry("x", 1, 0, 3, 0, null));
  }

  @Test
  void responseTimesAreKeptPerKey() {
    SpaceSaving s = new SpaceSaving(8, 512);
    byte[] a = "a".getBytes(UTF_8);
    for (int i = 1; i <= 100; i++) {
      s.offer(a, 0, 1, KeyHash.of(a, 0, 1), 0, false, i);
    }
    QuantileSketch latency = s.top(1).get(0).latency();
    assertThat(latency.count()).isEqualTo(100);
    assertThat(latency.quantile(0.5))
        .isCloseTo(50, org.assertj.core.data.Percentage.withPercentage(1));
  }
}
