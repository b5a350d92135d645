package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.web.ApiException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostRateLimiterTest {

  private long now = 1_000;
  private final HostRateLimiter limiter = new HostRateLimiter(1_000, 5_000, () -> now);

  private void advanceSeconds(double seconds) {
    now += (long) (seconds * TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void aHostGetsItsBurstThenTheSustainedRate() {
    limiter.admit("a", 5_000);
    assertThatThrownBy(() -> limiter.admit("a", 500))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status().value()).isEqualTo(429);
              assertThat(e.code()).isEqualTo("rate_limited");
              assertThat(e.retryAfterSeconds()).isEqualTo(1);
              assertThat(e.getMessage())
                  .contains("1000 points per second")
                  .contains("vigil.ingest.max-points-per-second-per-host");
            });
    advanceSeconds(0.5);
    limiter.admit("a", 500);
    assertThatThrownBy(() -> limiter.admit("a", 1)).isInstanceOf(ApiException.class);
    limiter.admit("b", 5_000); // every host has its own bucket
  }

  @Test
  void aRefusedBatchTakesNothingAndRetryAfterSaysHowLongToWait() {
    limiter.admit("a", 5_000);
    advanceSeconds(1);
    ApiException refused = refusal(() -> limiter.admit("a", 4_000));
    assertThat(refused.retryAfterSeconds()).as("3,000 missing at 1,000/s").isEqualTo(3);
    advanceSeconds(3);
    limiter.admit("a", 4_000);
  }

  @Test
  void theBucketNeverHoldsMoreThanTheBurst() {
    advanceSeconds(3_600);
    limiter.admit("a", 5_000);
    assertThatThrownBy(() -> limiter.admit("a", 1)).isInstanceOf(ApiException.class);
  }

  @Test
  void aBatchLargerThanTheBurstPassesWhenTheBucketIsFullAndPaysItsDebt() {
    limiter.admit("a", 8_000);
    advanceSeconds(5);
    // 3,000 owed, 5,000 refilled: the bucket holds 2,000 after 5 s.
    assertThatThrownBy(() -> limiter.admit("a", 2_001)).isInstanceOf(ApiException.class);
    limiter.admit("a", 2_000);
  }

  private static ApiException refusal(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }
}
