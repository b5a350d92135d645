package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProcessSampleTest {

  @Test
  void readsUserAndSystemTicksEvenWhenTheCommandNameHasSpacesAndParentheses() {
    String stat =
        "4242 (java (vigil) x) S 1 4242 4242 0 -1 4194560 9000 0 12 0 1500 250 3 4 20 0 60 0"
            + " 123456 5000000000 200000 18446744073709551615\n";

    assertThat(ProcessSample.cpuTicks(stat)).isEqualTo(1750);
  }

  @Test
  void readsVmRssInKib() {
    String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  812344 kB\nThreads:\t42\n";

    assertThat(ProcessSample.rssKib(status)).isEqualTo(812_344);
    assertThat(ProcessSample.rssKib("Name:\tzombie\nState:\tZ\n")).isZero();
  }

  @Test
  void cpuPercentIsTicksOverWallTimeOfOneCore() {
    ProcessSample before = new ProcessSample(0, 1_000, 0);
    ProcessSample after = new ProcessSample(10_000_000_000L, 1_150, 0);

    // 150 ticks = 1.5 s of CPU in 10 s.
    assertThat(after.cpuPercentSince(before)).isCloseTo(15.0, within(1e-9));
    assertThat(after.cpuSecondsSince(before)).isCloseTo(1.5, within(1e-9));
  }

  @Test
  void readsThisVeryProcess() {
    ProcessSample self = ProcessSample.read(ProcessHandle.current().pid());

    assertThat(self.rssKib()).isPositive();
    assertThat(self.cpuTicks()).isNotNegative();
  }
}
