package io.vigil.server.weblog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the {@code weblog} rows of several series (one per host and web-log item, each with its own
 * timestamps) onto one time grid: per bucket the requests and bytes per second summed over the
 * series, requests per second per status class, and latency percentiles; for all series together
 * and for each host (the load-balancing comparison).
 *
 * <p>A series' rate in a bucket is the mean of its runs' {@code req_per_s} there (each run measured
 * the rate since the previous one); rates of series add up. A status class's rate is the series'
 * rate times that class's share of its requests in the bucket. Latency figures of several runs or
 * series are averaged weighted by their requests: exact for the mean, an estimate for percentiles
 * (the exact merged percentile cannot be recovered from per-run percentiles); the maximum is the
 * maximum. Rollup rows (bucket averages) are used the same way.
 */
final class TrafficSeries {

  static final List<String> CLASSES = List.of("1xx", "2xx", "3xx", "4xx", "5xx");

  /** Latency fields averaged by requests, in output order. */
  static final List<String> LATENCY = List.of("rt_avg_ms", "rt_p50_ms", "rt_p90_ms", "rt_p99_ms");

  static final String MAX_LATENCY = "rt_max_ms";

  /** At most this many buckets for a range; more would be finer than a chart's pixels. */
  static final int MAX_BUCKETS = 300;

  /** Bucket widths in seconds, smallest first. */
  private static final long[] STEPS = {
    10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800
  };

  /**
   * One series as the store returned it.
   *
   * @param host its host
   * @param timestamps ascending epoch millis
   * @param fields per {@code weblog} field, values aligned with the timestamps (NaN: none)
   */
  record Input(String host, long[] timestamps, Map<String, double[]> fields) {

    double value(String field, int row) {
      double[] values = fields.get(field);
      return values == null ? Double.NaN : values[row];
    }
  }

  /**
   * Aligned values of one aggregate (every series, or one host's), null where no series had a row.
   *
   * @param reqPerS requests per second
   * @param bytesPerS response bytes per second
   * @param status requests per second per status class ({@code 1xx} … {@code 5xx})
   * @param latency per latency field ({@code rt_avg_ms} … {@code rt_p99_ms}, {@code rt_max_ms})
   */
  record Lines(
      Double[] reqPerS,
      Double[] bytesPerS,
      Map<String, Double[]> status,
      Map<String, Double[]> latency) {}

  /**
   * The whole answer.
   *
   * @param step bucket width in millis
   * @param timestamps bucket starts
   * @param total every series together
   * @param byHost each host's series together, in first-seen order
   * @param latency over every row of the range: per latency field its request-weighted mean, and
   *     the maximum; null when no request carried a latency
   */
  record Result(
      long step,
      long[] timestamps,
      Lines total,
      Map<String, Lines> byHost,
      Map<String, Double> latency) {}

  private TrafficSeries() {}

  /**
   * @param minimumStep the bucket width at least, in millis (the rollup's, when rows are rollups)
   */
  static Result compute(List<Input> inputs, long from, long to, long minimumStep) {
    long step = step(to - from, Math.max(minimumStep, 1.5 * typicalGap(inputs)));
    long start = Math.floorDiv(from, step) * step;
    int size = (int) Math.max(1, Math.ceilDiv(to - start, step));
    Accumulator total = new Accumulator(size);
    Map<String, Accumulator> byHost = new LinkedHashMap<>();
    Accumulator overall = new Accumulator(1);
    for (Input input : inputs) {
      Accumulator host = byHost.computeIfAbsent(input.host(), h -> new Accumulator(size));
      SeriesBuckets series = new SeriesBuckets(size);
      for (int row = 0; row < input.timestamps().length; row++) {
        long t = input.timestamps()[row];
        if (t < from || t >= to) {
          continue;
        }
        int bucket = (int) ((t - start) / step);
        series.add(bucket, input, row);
        total.addLatency(bucket, input, row);
        host.addLatency(bucket, input, row);
        overall.addLatency(0, input, row);
      }
      series.addRatesTo(total);
      series.addRatesTo(host);
    }
    long[] timestamps = new long[size];
    for (int i = 0; i < size; i++) {
      timestamps[i] = start + i * step;
    }
    Map<String, Lines> hosts = new LinkedHashMap<>();
    byHost.forEach((host, acc) -> hosts.put(host, acc.lines()));
    return new Result(step, timestamps, total.lines(), hosts, overall.latencySummary());
  }

  /** The smallest step that keeps at most {@link #MAX_BUCKETS} and is at least {@code atLeast}. */
  static long step(long spanMillis, double atLeastMillis) {
    double wanted = Math.max(atLeastMillis, (double) spanMillis / MAX_BUCKETS);
    for (long seconds : STEPS) {
      if (seconds * 1000.0 >= wanted) {
        return seconds * 1000;
      }
    }
    return (long) Math.ceil(wanted / 86_400_000.0) * 86_400_000;
  }

  /**
   * The largest of the series' median gaps between rows: the item interval (or the rollup width).
   * Buckets narrower than it would leave some series without a row and the sum would saw-tooth.
   */
  static long typicalGap(List<Input> inputs) {
    long gap = 0;
    for (Input input : inputs) {
      long[] t = input.timestamps();
      if (t.length < 2) {
        continue;
      }
      long[] gaps = new long[t.length - 1];
      for (int i = 1; i < t.length; i++) {
        gaps[i - 1] = t[i] - t[i - 1];
      }
      Arrays.sort(gaps);
      gap = Math.max(gap, gaps[gaps.length / 2]);
    }
    return gap;
  }

  /** One series' sums per bucket, turned into rates once all its rows are in. */
  private static final class SeriesBuckets {
    final int[] rows;
    final double[] reqPerS;
    final double[] bytesPerS;
    final double[] requests;
    final double[][] status = new double[CLASSES.size()][];

    SeriesBuckets(int size) {
      rows = new int[size];
      reqPerS = new double[size];
      bytesPerS = new double[size];
      requests = new double[size];
      for (int c = 0; c < status.length; c++) {
        status[c] = new double[size];
      }
    }

    void add(int bucket, Input input, int row) {
      rows[bucket]++;
      reqPerS[bucket] += zeroIfNaN(input.value("req_per_s", row));
      bytesPerS[bucket] += zeroIfNaN(input.value("bytes_per_s", row));
      requests[bucket] += zeroIfNaN(input.value("requests", row));
      for (int c = 0; c < status.length; c++) {
        status[c][bucket] += zeroIfNaN(input.value("status_" + CLASSES.get(c), row));
      }
    }

    void addRatesTo(Accumulator target) {
      for (int b = 0; b < rows.length; b++) {
        if (rows[b] == 0) {
          continue;
        }
        double rate = reqPerS[b] / rows[b];
        double[] classes = new double[status.length];
        for (int c = 0; c < status.length; c++) {
          classes[c] = requests[b] > 0 ? rate * status[c][b] / requests[b] : 0;
        }
        target.addRates(b, rate, bytesPerS[b] / rows[b], classes);
      }
    }
  }

  /** Sums of one aggregate per bucket. */
  private static final class Accumulator {
    final boolean[] present;
    final double[] reqPerS;
    final double[] bytesPerS;
    final double[][] status = new double[CLASSES.size()][];
    final double[][] weighted = new double[LATENCY.size()][];
    final double[][] weights = new double[LATENCY.size()][];
    final double[] max;

    Accumulator(int size) {
      present = new boolean[size];
      reqPerS = new double[size];
      bytesPerS = new double[size];
      for (int c = 0; c < status.length; c++) {
        status[c] = new double[size];
      }
      for (int l = 0; l < weighted.length; l++) {
        weighted[l] = new double[size];
        weights[l] = new double[size];
      }
      max = new double[size];
      Arrays.fill(max, Double.NaN);
    }

    void addRates(int bucket, double rate, double bytes, double[] classes) {
      present[bucket] = true;
      reqPerS[bucket] += rate;
      bytesPerS[bucket] += bytes;
      for (int c = 0; c < classes.length; c++) {
        status[c][bucket] += classes[c];
      }
    }

    void addLatency(int bucket, Input input, int row) {
      double requests = zeroIfNaN(input.value("requests", row));
      if (requests > 0) {
        for (int l = 0; l < weighted.length; l++) {
          double value = input.value(LATENCY.get(l), row);
          if (!Double.isNaN(value)) {
            weighted[l][bucket] += value * requests;
            weights[l][bucket] += requests;
          }
        }
      }
      double rowMax = input.value(MAX_LATENCY, row);
      if (!Double.isNaN(rowMax) && (Double.isNaN(max[bucket]) || rowMax > max[bucket])) {
        max[bucket] = rowMax;
      }
    }

    Lines lines() {
      Map<String, Double[]> classes = new LinkedHashMap<>();
      for (int c = 0; c < status.length; c++) {
        classes.put(CLASSES.get(c), nullable(status[c]));
      }
      Map<String, Double[]> latency = new LinkedHashMap<>();
      for (int l = 0; l < weighted.length; l++) {
        Double[] values = new Double[present.length];
        for (int b = 0; b < values.length; b++) {
          values[b] = weights[l][b] > 0 ? weighted[l][b] / weights[l][b] : null;
        }
        latency.put(LATENCY.get(l), values);
      }
      Double[] maxima = new Double[present.length];
      for (int b = 0; b < maxima.length; b++) {
        maxima[b] = Double.isNaN(max[b]) ? null : max[b];
      }
      latency.put(MAX_LATENCY, maxima);
      return new Lines(nullable(reqPerS), nullable(bytesPerS), classes, latency);
    }

    Map<String, Double> latencySummary() {
      Map<String, Double> summary = new LinkedHashMap<>();
      for (int l = 0; l < weighted.length; l++) {
        summary.put(LATENCY.get(l), weights[l][0] > 0 ? weighted[l][0] / weights[l][0] : null);
      }
      summary.put(MAX_LATENCY, Double.isNaN(max[0]) ? null : max[0]);
      return summary;
    }

    private Double[] nullable(double[] values) {
      Double[] result = new Double[values.length];
      for (int b = 0; b < values.length; b++) {
        result[b] = present[b] ? values[b] : null;
      }
      return result;
    }
  }

  private static double zeroIfNaN(double value) {
    return Double.isNaN(value) ? 0 : value;
  }
}
