package io.vigil.server.query;

import java.util.Arrays;

/**
 * Summary statistics of one compared series, over the values the graph shows: raw points, or for
 * rollups the bucket averages (so min, max and p95 of a rollup are those of the averages, not of
 * the raw points). NaN values (gaps) are ignored. p95 is the nearest-rank percentile: the smallest
 * value with at least 95 % of the values at or below it.
 *
 * @param min smallest value, null when there are none
 * @param avg arithmetic mean, null when there are none
 * @param max largest value, null when there are none
 * @param p95 95th percentile (nearest rank), null when there are none
 * @param count how many values
 */
record CompareStats(Double min, Double avg, Double max, Double p95, int count) {

  static final CompareStats EMPTY = new CompareStats(null, null, null, null, 0);

  static CompareStats of(double[] values) {
    double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    int n = present.length;
    if (n == 0) {
      return EMPTY;
    }
    double sum = 0;
    for (double v : present) {
      sum += v;
    }
    return new CompareStats(present[0], sum / n, present[n - 1], percentile(present, 95), n);
  }

  /** Nearest rank over ascending {@code sorted}: the value at rank ceil(p/100 × n). */
  static double percentile(double[] sorted, int p) {
    // ceil(p × n / 100) in integers: no floating-point rounding at exact ranks.
    int rank = (int) ((p * (long) sorted.length + 99) / 100);
    return sorted[Math.max(rank, 1) - 1];
  }
}
