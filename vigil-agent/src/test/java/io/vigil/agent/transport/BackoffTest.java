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

  @Test
  void aDelayTheServerNamedIsKeptWithinBaseAndCapWithAFewPercentSpread() {
    Backoff backoff =
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(1));
    assertThat(backoff.delayAsToldMillis(2_000)).isBetween(2_000L, 2_200L);
    assertThat(backoff.delayAsToldMillis(1)).as("at least the base").isBetween(500L, 550L);
    assertThat(backoff.delayAsToldMillis(3_600_000))
        .as("at most the cap")
        .isBetween(30_000L, 33_000L);
    assertThat(backoff.failures()).isEqualTo(3);
  }

  @Test
  void retryAfterIsReadInSecondsAndIgnoredWhenItIsADateOrNonsense() {
    assertThat(ServerClient.retryAfterMillis("2")).isEqualTo(2_000);
    assertThat(ServerClient.retryAfterMillis(" 5 ")).isEqualTo(5_000);
    assertThat(ServerClient.retryAfterMillis("Wed, 21 Oct 2026 07:28:00 GMT")).isZero();
    assertThat(ServerClient.retryAfterMillis("-1")).isZero();
    assertThat(ServerClient.retryAfterMillis(null)).isZero();
    assertThat(ServerClient.retryAfterMillis("99999999999")).isZero();
  }
}
