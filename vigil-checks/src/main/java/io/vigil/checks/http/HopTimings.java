package io.vigil.checks.http;

/** Phase durations summed over the hops of one check, and what the current phase is. */
final class HopTimings {
  long dnsNanos;
  long connectNanos;
  long tlsNanos;
  long firstByteNanos;
  boolean tlsUsed;
  double certDaysLeft = Double.NaN;
  String phase = "DNS lookup";

  void certDaysLeft(double days) {
    certDaysLeft = Double.isNaN(certDaysLeft) ? days : Math.min(certDaysLeft, days);
  }

  static double millis(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
