package io.vigil.bench.ingest;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small log-linear histogram of non-negative values (microseconds here), in the manner of
 * HdrHistogram: values below 256 are counted exactly, larger ones in buckets 1/128 of their power
 * of two wide, so every percentile is within 0.8 % of the true value. Recording is lock-free and
 * safe from many threads; reading while others record gives a slightly moving but never corrupt
 * picture.
 */
final class LatencyHistogram {

  /** Values below this are their own bucket; above it each power of two has HALF buckets. */
  private static final int EXACT = 256;

  private static final int HALF = EXACT / 2;
  private static final int HALF_BITS = Integer.numberOfTrailingZeros(HALF);
  private static final int BUCKETS = EXACT + (63 - HALF_BITS) * HALF;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  void record(long value) {
    long v = Math.max(0, value);
    counts.incrementAndGet(index(v));
    total.incrementAndGet();
    max.accumulateAndGet(v, Math::max);
  }

  long count() {
    return total.get();
  }

  long max() {
    return max.get();
  }

  /**
   * The value at or below which {@code percent} of the recorded values lie: the upper end of the
   * bucket holding that rank, capped at the exact maximum; 0 when nothing was recorded.
   */
  long percentile(double percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percentile must be within 0..100: " + percent);
    }
    long n = 0;
    for (int i = 0; i < BUCKETS; i++) {
      n += counts.get(i);
    }
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(highestInBucket(i), max.get());
      }
    }
    return max.get();
  }

  static int index(long v) {
    if (v < EXACT) {
      return (int) v;
    }
    int shift = (63 - Long.numberOfLeadingZeros(v)) - HALF_BITS;
    long mantissa = v >>> shift; // in [HALF, EXACT)
    return (int) (shift * HALF + mantissa);
  }

  static long highestInBucket(int index) {
    if (index < EXACT) {
      return index;
    }
    int shift = (index - HALF) / HALF;
    long mantissa = index - (long) shift * HALF;
    long upper = ((mantissa + 1) << shift) - 1;
    return upper < 0 ? Long.MAX_VALUE : upper;
  }
}
