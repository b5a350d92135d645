package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import oshi.hardware.CentralProcessor.TickType;

class CpuTicksTest {

  private static long[] ticks(long user, long system, long idle, long iowait) {
    long[] t = new long[TickType.values().length];
    t[TickType.USER.getIndex()] = user;
    t[TickType.SYSTEM.getIndex()] = system;
    t[TickType.IDLE.getIndex()] = idle;
    t[TickType.IOWAIT.getIndex()] = iowait;
    return t;
  }

  @Test
  void sharesAreComputedFromTickDeltasAndSumTo100() {
    double[] pct = CpuTicks.percentages(ticks(100, 50, 1000, 0), ticks(130, 60, 1050, 10));

    assertThat(pct[TickType.USER.getIndex()]).isCloseTo(30.0, within(1e-9));
    assertThat(pct[TickType.SYSTEM.getIndex()]).isCloseTo(10.0, within(1e-9));
    assertThat(pct[TickType.IDLE.getIndex()]).isCloseTo(50.0, within(1e-9));
    assertThat(CpuTicks.used(pct)).isCloseTo(40.0, within(1e-9));
    double sum = 0;
    for (double p : pct) {
      sum += p;
    }
    assertThat(sum).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void noElapsedTicksMeansNoValue() {
    assertThat(CpuTicks.percentages(ticks(1, 1, 1, 1), ticks(1, 1, 1, 1))).isNull();
  }
}
