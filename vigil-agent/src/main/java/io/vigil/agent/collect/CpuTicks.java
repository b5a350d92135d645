package io.vigil.agent.collect;

import oshi.hardware.CentralProcessor.TickType;

/** Turns two snapshots of CPU tick counters into the share of each state, in percent. */
public final class CpuTicks {

  private static final TickType[] TYPES = TickType.values();

  private CpuTicks() {}

  /**
   * @return percentages indexed by {@link TickType#getIndex()}, or null when no time passed
   */
  public static double[] percentages(long[] before, long[] now) {
    long total = 0;
    long[] delta = new long[TYPES.length];
    for (TickType type : TYPES) {
      int i = type.getIndex();
      delta[i] = Math.max(0, now[i] - before[i]);
      total += delta[i];
    }
    if (total <= 0) {
      return null;
    }
    double[] pct = new double[TYPES.length];
    for (int i = 0; i < delta.length; i++) {
      pct[i] = 100.0 * delta[i] / total;
    }
    return pct;
  }

  /** Busy share: everything but idle and iowait (iowait is an idle CPU waiting for a disk). */
  public static double used(double[] pct) {
    return Math.max(0.0, 100.0 - pct[TickType.IDLE.getIndex()] - pct[TickType.IOWAIT.getIndex()]);
  }
}
