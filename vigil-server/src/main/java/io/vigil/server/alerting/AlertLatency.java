package io.vigil.server.alerting;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest-to-signal latency: from a batch's arrival at the server to the signal it caused, as a
 * histogram of power-of-two microsecond buckets (written by the evaluator thread, read by anyone).
 */
public final class AlertLatency {

  /**
   * A summary.
   *
   * @param count signals measured
   * @param meanMillis mean latency
   * @param p50Millis upper bound of the bucket holding the median
   * @param p99Millis upper bound of the bucket holding the 99th percentile
   * @param maxMillis the largest latency seen
   */
  public record Snapshot(
      long count, double meanMillis, double p50Millis, double p99Millis, double maxMillis) {}

  private static final int BUCKETS = 40;

  private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);
  private final LongAdder count = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private volatile long maxNanos;

  void record(long nanos) {
    long n = Math.max(0, nanos);
    long micros = n / 1000;
    int bucket = Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(micros));
    buckets.incrementAndGet(bucket);
    count.increment();
    totalNanos.add(n);
    if (n > maxNanos) {
      maxNanos = n;
    }
  }

  public Snapshot snapshot() {
    long total = count.sum();
    if (total == 0) {
      return new Snapshot(0, 0, 0, 0, 0);
    }
    return new Snapshot(
        total,
        totalNanos.sum() / 1e6 / total,
        quantile(total, 0.50),
        quantile(total, 0.99),
        maxNanos / 1e6);
  }

  /** The upper bound of the bucket holding this quantile, capped by the maximum. */
  private double quantile(long total, double q) {
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += buckets.get(i);
      if (seen >= rank) {
        double upperMicros = i == 0 ? 1 : Math.pow(2, i);
        return Math.min(upperMicros / 1000.0, maxNanos / 1e6);
      }
    }
    return maxNanos / 1e6;
  }
}
