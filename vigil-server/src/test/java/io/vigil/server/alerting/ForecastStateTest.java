package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastStateTest {

  static final long HOUR = 3_600_000;
  static final long T0 = 1_700_000_000_000L;

  @Test
  void aSteadyRiseIsExtrapolatedToFull() {
    ForecastState forecast = new ForecastState(6 * HOUR);
    // 50 % rising 1 % per hour, a sample a minute for 3 hours: full in 47 hours.
    for (int m = 0; m <= 180; m++) {
      forecast.add(T0 + m * 60_000L, 50 + m / 60.0);
    }
    assertThat(forecast.secondsUntil(100)).isCloseTo(47 * 3600.0, within(1.0));
  }

  @Test
  void aFlatOrFallingSeriesNeverFills() {
    ForecastState flat = new ForecastState(HOUR);
    ForecastState falling = new ForecastState(HOUR);
    for (int m = 0; m < 60; m++) {
      flat.add(T0 + m * 60_000L, 70);
      falling.add(T0 + m * 60_000L, 70 - m * 0.1);
    }
    assertThat(flat.secondsUntil(100)).isInfinite();
    assertThat(falling.secondsUntil(100)).isInfinite();
  }

  @Test
  void tooLittleDataPredictsNothing() {
    ForecastState forecast = new ForecastState(6 * HOUR);
    for (int i = 0; i < 4; i++) {
      forecast.add(T0 + i * 600_000L, 50 + i * 10);
    }
    assertThat(forecast.secondsUntil(100)).as("4 samples").isInfinite();
    ForecastState bunched = new ForecastState(6 * HOUR);
    for (int i = 0; i < 100; i++) {
      bunched.add(T0 + i * 10_000L, 50 + i);
    }
    assertThat(bunched.secondsUntil(100)).as("all within 17 minutes of a 6 h window").isInfinite();
  }

  @Test
  void samplesLeaveTheWindowSoOnlyTheRecentTrendCounts() {
    ForecastState forecast = new ForecastState(HOUR);
    // A steep rise two hours ago, then flat: the old rise has left the window.
    for (int m = 0; m < 60; m++) {
      forecast.add(T0 + m * 60_000L, 10 + m);
    }
    assertThat(forecast.secondsUntil(100)).isLessThan(3600);
    for (int m = 60; m < 180; m++) {
      forecast.add(T0 + m * 60_000L, 70);
    }
    assertThat(forecast.samples())
        .as("the last hour, to the 2-minute bucket (1 h / 30)")
        .isBetween(58.0, 60.0);
    assertThat(forecast.secondsUntil(100)).isInfinite();
  }

  @Test
  void aGapLongerThanTheWindowForgetsEverything() {
    ForecastState forecast = new ForecastState(HOUR);
    for (int m = 0; m < 60; m++) {
      forecast.add(T0 + m * 60_000L, 10 + m);
    }
    forecast.add(T0 + 5 * HOUR, 50);
    assertThat(forecast.samples()).isEqualTo(1);
    assertThat(forecast.secondsUntil(100)).isInfinite();
  }

  @Test
  void alreadyFullIsZeroSecondsAway() {
    ForecastState forecast = new ForecastState(HOUR);
    for (int m = 0; m < 60; m++) {
      forecast.add(T0 + m * 60_000L, 90 + m * 0.5);
    }
    assertThat(forecast.secondsUntil(100)).isZero();
  }

  @Test
  void staysAccurateOverWeeksOfSamples() {
    ForecastState forecast = new ForecastState(6 * HOUR);
    long start = T0;
    // Four weeks of a sample every 10 s, a slow sawtooth, ending with 6 h of a clean rise.
    long end = start + 28L * 24 * HOUR;
    for (long t = start; t < end - 6 * HOUR; t += 10_000) {
      forecast.add(t, 40 + ((t - start) / HOUR % 10));
    }
    for (long t = end - 6 * HOUR; t <= end; t += 10_000) {
      forecast.add(t, 60 + (t - (end - 6 * HOUR)) / (double) HOUR);
    }
    // At the end: 66 % rising 1 %/h: 34 h to full.
    assertThat(forecast.secondsUntil(100)).isCloseTo(34 * 3600.0, within(60.0));
  }

  @Test
  void olderSamplesThanTheLatestAreIgnored() {
    ForecastState forecast = new ForecastState(HOUR);
    for (int m = 0; m < 30; m++) {
      forecast.add(T0 + m * 60_000L, 50 + m);
    }
    forecast.add(T0, 1000);
    assertThat(forecast.samples()).isEqualTo(30);
  }
}
