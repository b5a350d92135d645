package io.vigil.server.alerting;

/**
 * A linear trend of a series over a sliding window, in O(1) per sample: least-squares sums (n, Σt,
 * Σv, Σt², Σtv) kept per bucket in a small ring and as running totals; a bucket leaving the window
 * is subtracted from the totals. Buckets are a minute wide, or a {@value #MAX_BUCKETS}th of the
 * window when that is longer (a 6 h window has 12-minute buckets), so a series costs about 1.5 KB
 * whatever the window. Times inside a bucket are relative to its start and the totals to an origin
 * moved forward once per window (when the totals are also recomputed from the buckets, so rounding
 * does not accumulate).
 */
final class ForecastState {

  static final int MAX_BUCKETS = 30;

  private final int size;
  private final long bucketSeconds;
  private final long windowMillis;
  private final long[] bucket;
  private final double[] n;
  private final double[] st;
  private final double[] sv;
  private final double[] stt;
  private final double[] stv;
  private long originSeconds = Long.MIN_VALUE;
  private long expiredThrough;
  private long lastAt = Long.MIN_VALUE;
  private double tn;
  private double tt;
  private double tv;
  private double ttt;
  private double ttv;

  ForecastState(long windowMillis) {
    this.windowMillis = windowMillis;
    long minutes = Math.max(1, (windowMillis + 59_999) / 60_000);
    this.bucketSeconds = 60 * ((minutes + MAX_BUCKETS - 1) / MAX_BUCKETS);
    this.size = (int) Math.max(1, (windowMillis / 1000 + bucketSeconds - 1) / bucketSeconds);
    this.bucket = new long[size];
    java.util.Arrays.fill(bucket, Long.MIN_VALUE);
    this.n = new double[size];
    this.st = new double[size];
    this.sv = new double[size];
    this.stt = new double[size];
    this.stv = new double[size];
  }

  /** Adds a sample; samples older than the latest are ignored. */
  void add(long atMillis, double value) {
    if (atMillis < lastAt) {
      return;
    }
    lastAt = atMillis;
    long m = Math.floorDiv(atMillis, bucketSeconds * 1000);
    if (originSeconds == Long.MIN_VALUE) {
      originSeconds = m * bucketSeconds;
      expiredThrough = m - size;
    }
    expire(m);
    int slot = (int) Math.floorMod(m, (long) size);
    if (bucket[slot] != m) {
      clear(slot);
      bucket[slot] = m;
    }
    double t = atMillis / 1000.0 - m * bucketSeconds;
    n[slot]++;
    st[slot] += t;
    sv[slot] += value;
    stt[slot] += t * t;
    stv[slot] += t * value;
    double c = (double) (m * bucketSeconds - originSeconds);
    double tot = t + c;
    tn++;
    tt += tot;
    tv += value;
    ttt += tot * tot;
    ttv += tot * value;
    if (m * bucketSeconds - originSeconds > windowMillis / 1000 * 2) {
      rebase((m - size) * bucketSeconds);
    }
  }

  /**
   * Seconds until the fitted line reaches {@code full} from the latest sample's time: 0 when it is
   * there already, +∞ when the trend does not rise or there is too little data (fewer than 5
   * samples, or spread over less than a tenth of the window).
   */
  double secondsUntil(double full) {
    if (tn < 5) {
      return Double.POSITIVE_INFINITY;
    }
    double meanT = tt / tn;
    double varT = ttt / tn - meanT * meanT;
    double spread = windowMillis / 1000.0 / 10;
    if (varT < spread * spread / 12) {
      return Double.POSITIVE_INFINITY;
    }
    double slope = (ttv / tn - meanT * (tv / tn)) / varT;
    if (!(slope > 0)) {
      return Double.POSITIVE_INFINITY;
    }
    double intercept = tv / tn - slope * meanT;
    double now = lastAt / 1000.0 - originSeconds;
    double predicted = intercept + slope * now;
    return Math.max(0, (full - predicted) / slope);
  }

  /** The samples inside the window. */
  double samples() {
    return tn;
  }

  private void expire(long m) {
    long through = m - size;
    if (through <= expiredThrough) {
      return;
    }
    if (through - expiredThrough >= size) {
      for (int i = 0; i < size; i++) {
        clear(i);
      }
      tn = 0;
      tt = 0;
      tv = 0;
      ttt = 0;
      ttv = 0;
    } else {
      for (long k = expiredThrough + 1; k <= through; k++) {
        int slot = (int) Math.floorMod(k, (long) size);
        if (bucket[slot] == k) {
          subtract(slot);
          clear(slot);
        }
      }
    }
    expiredThrough = through;
  }

  private void subtract(int slot) {
    double c = (double) (bucket[slot] * bucketSeconds - originSeconds);
    tn -= n[slot];
    tt -= st[slot] + n[slot] * c;
    tv -= sv[slot];
    ttt -= stt[slot] + 2 * c * st[slot] + n[slot] * c * c;
    ttv -= stv[slot] + c * sv[slot];
  }

  /** Moves the origin and recomputes the totals from the live buckets. */
  private void rebase(long newOriginSeconds) {
    originSeconds = newOriginSeconds;
    tn = 0;
    tt = 0;
    tv = 0;
    ttt = 0;
    ttv = 0;
    for (int slot = 0; slot < size; slot++) {
      if (bucket[slot] == Long.MIN_VALUE || n[slot] == 0) {
        continue;
      }
      double c = (double) (bucket[slot] * bucketSeconds - originSeconds);
      tn += n[slot];
      tt += st[slot] + n[slot] * c;
      tv += sv[slot];
      ttt += stt[slot] + 2 * c * st[slot] + n[slot] * c * c;
      ttv += stv[slot] + c * sv[slot];
    }
  }

  private void clear(int slot) {
    bucket[slot] = Long.MIN_VALUE;
    n[slot] = 0;
    st[slot] = 0;
    sv[slot] = 0;
    stt[slot] = 0;
    stv[slot] = 0;
  }
}
