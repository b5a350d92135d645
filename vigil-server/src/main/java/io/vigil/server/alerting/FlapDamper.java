package io.vigil.server.alerting;

import io.vigil.model.Severity;

/**
 * Damps flapping: when the raw state of a series changed more than {@code maxChanges} times within
 * {@code window}, the state shown stays what it was until the changes calm down, then follows the
 * raw state again. The last {@code maxChanges + 1} change times live in a ring, so each step is
 * O(1).
 */
final class FlapDamper {

  private final long windowMillis;
  private final int maxChanges;
  private final long[] changes;
  private int next;
  private int count;
  private Severity raw;
  private Severity shown;

  FlapDamper(long windowMillis, int maxChanges, Severity initial) {
    this.windowMillis = windowMillis;
    this.maxChanges = maxChanges;
    this.changes = new long[Math.max(1, maxChanges + 1)];
    this.raw = initial;
    this.shown = initial;
  }

  /** Takes the raw state at {@code now}; returns the state to show. */
  Severity filter(long now, Severity state) {
    if (state != raw) {
      raw = state;
      changes[next] = now;
      next = (next + 1) % changes.length;
      count = Math.min(count + 1, changes.length);
    }
    if (!flapping(now)) {
      shown = raw;
    }
    return shown;
  }

  /** More than maxChanges changes within the window (the oldest of the last maxChanges + 1). */
  boolean flapping(long now) {
    if (maxChanges <= 0 || count < changes.length) {
      return false;
    }
    long oldest = changes[next];
    return now - oldest <= windowMillis;
  }

  Severity shown() {
    return shown;
  }
}
