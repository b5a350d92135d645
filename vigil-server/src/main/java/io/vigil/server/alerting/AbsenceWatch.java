package io.vigil.server.alerting;

/**
 * When a host last sent a sample of a measurement (server clock, so a skewed agent clock does not
 * matter). Created on the host's first batch, so a measurement that never arrives is noticed too.
 */
final class AbsenceWatch {

  private long lastSeen;

  AbsenceWatch(long since) {
    this.lastSeen = since;
  }

  void seen(long now) {
    lastSeen = Math.max(lastSeen, now);
  }

  long lastSeen() {
    return lastSeen;
  }

  /** Whether nothing arrived for longer than {@code limitMillis}. */
  boolean absent(long now, long limitMillis) {
    return now - lastSeen > limitMillis;
  }
}
