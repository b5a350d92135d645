package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateStateTest {

  @Test
  void ratesArePerSecondBetweenConsecutiveSamples() {
    RateState rate = new RateState();
    assertThat(rate.rate(10_000, 100)).as("first sample").isNaN();
    assertThat(rate.rate(20_000, 600)).isEqualTo(50.0);
    assertThat(rate.rate(20_500, 700)).isEqualTo(200.0);
    assertThat(rate.rate(30_500, 700)).isZero();
  }

  @Test
  void aCounterResetGivesNoRateAndTheNextSampleMeasuresFromIt() {
    RateState rate = new RateState();
    rate.rate(0, 1000);
    assertThat(rate.rate(10_000, 5)).isNaN();
    assertThat(rate.rate(20_000, 105)).isEqualTo(10.0);
  }

  @Test
  void repeatedOrOlderTimestampsGiveNoRateAndChangeNothing() {
    RateState rate = new RateState();
    rate.rate(10_000, 100);
    assertThat(rate.rate(10_000, 200)).isNaN();
    assertThat(rate.rate(5_000, 50)).isNaN();
    assertThat(rate.rate(20_000, 200)).isEqualTo(10.0);
  }
}
