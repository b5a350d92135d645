package io.vigil.storage.victoriametrics;

/** Epoch milliseconds as the Prometheus API takes and gives them: seconds with a fraction. */
final class Instants {

  private Instants() {}

  /** {@code 1733570000123} → {@code "1733570000.123"}; exact, no floating point. */
  static String seconds(long millis) {
    long seconds = Math.floorDiv(millis, 1000);
    long fraction = Math.floorMod(millis, 1000);
    return fraction == 0
        ? Long.toString(seconds)
        : seconds + "." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction;
  }

  /** A sample value holding a time in seconds (as tlast_over_time answers) → epoch millis. */
  static long millis(double seconds) {
    return Math.round(seconds * 1000);
  }

  /** A duration in MetricsQL's syntax, exact to the millisecond, e.g. {@code 300000ms}. */
  static String duration(long millis) {
    return millis + "ms";
  }
}
