package io.vigil.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysDoubleWithJitterUpToTheCapAndResetAfterSuccess() {
    Backoff backoff =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(1));

    long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (long ceiling : ceilings) {
      assertThat(backoff.nextDelayMillis()).isBetween(ceiling / 2, ceiling);
    }
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.nextDelayMillis()).isBetween(15_000L, 30_000L);
    }

    backoff.reset();
    assertThat(backoff.nextDelayMillis()).isBetween(250L, 500L);
  }
}
