package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CounterRatesTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void firstSampleHasNoRateThenRatesUseTheRealElapsedTime() {
    CounterRates<String> rates = new CounterRates<>();

    assertThat(rates.update("eth0", 0, 1_000, 10)).isNull();
    // 12.5 s passed instead of the nominal 10 s: the rate must not be inflated.
    double[] r = rates.update("eth0", 12_500_000_000L, 26_000, 60);

    assertThat(r[0]).isCloseTo(2_000.0, within(1e-9));
    assertThat(r[1]).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void aCounterThatWentBackwardsYieldsNaNNotASpike() {
    CounterRates<String> rates = new CounterRates<>();
    rates.update("sda", 0, 5_000);

    assertThat(rates.update("sda", SECOND, 100)[0]).isNaN();
    assertThat(rates.update("sda", 2 * SECOND, 300)[0]).isEqualTo(200.0);
  }

  @Test
  void keysAreIndependentAndVanishedOnesAreForgotten() {
    CounterRates<Integer> rates = new CounterRates<>();
    rates.update(1, 0, 0);
    rates.update(2, 0, 0);

    rates.retainOnly(Set.of(2));

    assertThat(rates.size()).isEqualTo(1);
    assertThat(rates.update(1, SECOND, 10)).isNull();
    assertThat(rates.update(2, SECOND, 10)[0]).isEqualTo(10.0);
  }

  @Test
  void zeroElapsedTimeGivesNoRate() {
    assertThat(CounterRates.perSecond(1, 2, 0)).isNaN();
  }
}
