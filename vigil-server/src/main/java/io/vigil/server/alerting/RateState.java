package io.vigil.server.alerting;

/**
 * The per-second change of a series between consecutive samples. A value lower than the previous
 * one is a counter reset (a restarted process, a wrapped counter): it gives no rate, and the next
 * sample measures from it.
 */
final class RateState {

  private long previousAt = Long.MIN_VALUE;
  private double previous;

  /** The rate up to this sample, or NaN (first sample, reset, or no time passed). */
  double rate(long at, double value) {
    long lastAt = previousAt;
    double last = previous;
    if (lastAt != Long.MIN_VALUE && at <= lastAt) {
      return Double.NaN;
    }
    previousAt = at;
    previous = value;
    if (lastAt == Long.MIN_VALUE || value < last) {
      return Double.NaN;
    }
    return (value - last) * 1000.0 / (at - lastAt);
  }
}
