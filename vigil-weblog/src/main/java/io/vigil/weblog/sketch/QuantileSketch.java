package io.vigil.weblog.sketch;

/**
 * Quantiles of response times (milliseconds) with a bounded relative error, in the manner of
 * DDSketch (Masson, Rim, Lee, VLDB 2019): a value {@code x} falls in the logarithmic bucket {@code
 * ceil(log_γ x)} with {@code γ = (1+α)/(1−α)}, and a bucket answers with the value whose relative
 * distance to every value of the bucket is at most {@code α} = {@value #RELATIVE_ACCURACY}. So
 * {@link #quantile(double)} returns a value within 1 % of the value of rank {@code ⌊q·(n−1)⌋} of
 * the data seen, as long as the sketch spans at most {@code maxBuckets} buckets; beyond, the lowest
 * buckets are merged into one (only quantiles falling into that merged low bucket lose the
 * guarantee). Values below 1 µs count as 0. Answers are clamped to the exact minimum and maximum.
 *
 * <p>Memory: one {@code int} per bucket between the lowest and the highest value seen, grown on
 * demand; 1,024 buckets cover 1 µs to 20 minutes. Not thread-safe.
 */
public final class QuantileSketch {

  public static final double RELATIVE_ACCURACY = 0.01;

  private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LN_GAMMA = Math.log(GAMMA);
  private static final double MIN_VALUE = 1e-3;
  private static final int[] EMPTY = new int[0];

  private final int maxBuckets;
  private int[] counts = EMPTY;
  private int offset; // the bucket index of counts[0]
  private int lo = Integer.MAX_VALUE; // lowest and highest non-empty bucket index
  private int hi = Integer.MIN_VALUE;
  private long zeroCount;
  private long count;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  public QuantileSketch(int maxBuckets) {
    if (maxBuckets < 16) {
      throw new IllegalArgumentException("maxBuckets must be at least 16");
    }
    this.maxBuckets = maxBuckets;
  }

  /** Adds one value in milliseconds; negative and non-finite values are ignored. */
  public void add(double millis) {
    if (!(millis >= 0) || millis == Double.POSITIVE_INFINITY) {
      return;
    }
    count++;
    sum += millis;
    if (millis < min) {
      min = millis;
    }
    if (millis > max) {
      max = millis;
    }
    if (millis < MIN_VALUE) {
      zeroCount++;
    } else {
      increment((int) Math.ceil(Math.log(millis) / LN_GAMMA), 1);
    }
  }

  private void increment(int index, int n) {
    if (index < lo || index > hi) {
      index = widen(index);
    }
    counts[index - offset] += n;
  }

  /** Makes room for {@code index}; returns the bucket to count it in (merged low bucket). */
  private int widen(int index) {
    int newLo = Math.min(lo, index);
    int newHi = Math.max(hi, index);
    if (newHi - newLo + 1 > maxBuckets) {
      int floor = newHi - maxBuckets + 1;
      collapseBelow(floor);
      newLo = floor;
      index = Math.max(index, floor);
    }
    if (counts.length == 0 || newLo < offset || newHi >= offset + counts.length) {
      int span = newHi - newLo + 1;
      int length = Math.min(maxBuckets, Math.max(Math.max(16, span + 8), counts.length * 2));
      int[] grown = new int[length];
      int newOffset = newLo - (length - span) / 2;
      if (newOffset + length <= newHi) {
        newOffset = newHi - length + 1;
      }
      if (newOffset > newLo) {
        newOffset = newLo;
      }
      for (int i = lo; i <= hi && hi != Integer.MIN_VALUE; i++) {
        grown[i - newOffset] = counts[i - offset];
      }
      counts = grown;
      offset = newOffset;
    }
    lo = newLo;
    hi = newHi;
    return index;
  }

  /** Moves the counts of buckets below {@code floor} into bucket {@code floor}. */
  private void collapseBelow(int floor) {
    if (hi == Integer.MIN_VALUE || lo >= floor) {
      return;
    }
    long moved = 0;
    for (int i = lo; i < floor && i <= hi; i++) {
      moved += counts[i - offset];
      counts[i - offset] = 0;
    }
    lo = floor;
    if (hi < floor) {
      hi = floor;
    }
    if (floor - offset >= counts.length || floor < offset) {
      // the floor lies outside the array: re-base it there (the rest is empty or above)
      int[] grown = new int[counts.length];
      for (int i = floor; i <= hi; i++) {
        int from = i - offset;
        if (from >= 0 && from < counts.length) {
          grown[i - floor] = counts[from];
        }
      }
      counts = grown;
      offset = floor;
    }
    counts[floor - offset] += (int) moved;
  }

  /** Values added. */
  public long count() {
    return count;
  }

  /** Sum of the values added (exact). */
  public double sum() {
    return sum;
  }

  /** The largest value added, exact; NaN when empty. */
  public double max() {
    return count == 0 ? Double.NaN : max;
  }

  public double min() {
    return count == 0 ? Double.NaN : min;
  }

  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /**
   * The value of rank {@code ⌊q·(n−1)⌋}, within {@link #RELATIVE_ACCURACY} of it; NaN when empty.
   */
  public double quantile(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    double rank = Math.max(0, Math.min(1, q)) * (count - 1);
    long cumulative = zeroCount;
    if (cumulative > rank) {
      return Math.max(0, min);
    }
    for (int i = lo; i <= hi; i++) {
      cumulative += counts[i - offset];
      if (cumulative > rank) {
        return Math.max(min, Math.min(max, value(i)));
      }
    }
    return max;
  }

  /** The value a bucket answers with: within α of every value of the bucket. */
  static double value(int index) {
    return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
  }

  /** Adds what {@code other} holds. */
  public void merge(QuantileSketch other) {
    if (other.count == 0) {
      return;
    }
    for (int i = other.lo; i <= other.hi; i++) {
      int n = other.counts[i - other.offset];
      if (n != 0) {
        increment(i, n);
      }
    }
    zeroCount += other.zeroCount;
    count += other.count;
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  /** Empties the sketch, keeping its array for reuse. */
  public void clear() {
    for (int i = lo; i <= hi; i++) {
      counts[i - offset] = 0;
    }
    lo = Integer.MAX_VALUE;
    hi = Integer.MIN_VALUE;
    zeroCount = 0;
    count = 0;
    sum = 0;
    min = Double.POSITIVE_INFINITY;
    max = Double.NEGATIVE_INFINITY;
  }

  /** Buckets allocated (memory is about four bytes each). */
  int allocatedBuckets() {
    return counts.length;
  }
}
