package io.vigil.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-21T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final ManualClock clock = new ManualClock();

  LoginRateLimiter limiter(int maxAttempts, Duration window, int maxClients) {
    return new LoginRateLimiter(
        new AuthProperties.LoginRate(maxAttempts, window, maxClients), clock);
  }

  @Test
  void theEleventhAttemptWithinAMinuteIsRefusedWithTheWait() {
    LoginRateLimiter limiter = limiter(10, Duration.ofMinutes(1), 100);
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.tryAcquire("10.0.0.1")).as("attempt %d", i + 1).isEmpty();
      clock.advance(Duration.ofSeconds(1));
    }
    // The first attempt was 10 s ago: it leaves the window in 50 s.
    assertThat(limiter.tryAcquire("10.0.0.1")).hasValue(50_000);
    assertThat(LoginRateLimiter.retryAfterSeconds(50_000)).isEqualTo(50);
  }

  @Test
  void otherAddressesAreUnaffected() {
    LoginRateLimiter limiter = limiter(3, Duration.ofMinutes(1), 100);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
    }
    assertThat(limiter.tryAcquire("10.0.0.1")).isPresent();
    assertThat(limiter.tryAcquire("10.0.0.2")).isEmpty();
    assertThat(limiter.tryAcquire("::1")).isEmpty();
  }

  @Test
  void attemptsLeaveTheSlidingWindowAndRefusalsAreNotCounted() {
    LoginRateLimiter limiter = limiter(2, Duration.ofMinutes(1), 100);
    assertThat(limiter.tryAcquire("a")).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    assertThat(limiter.tryAcquire("a")).isEmpty();
    clock.advance(Duration.ofSeconds(20));
    assertThat(limiter.tryAcquire("a")).hasValue(10_000);
    clock.advance(Duration.ofSeconds(9));
    assertThat(limiter.tryAcquire("a")).hasValue(1_000);
    // 60 s after the first attempt it has left the window; the refusals did not extend it.
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("a")).isEmpty();
    // The second (t=30 s) and third (t=60 s) attempts fill the window again.
    assertThat(limiter.tryAcquire("a")).hasValue(30_000);
  }

  @Test
  void memoryIsBoundedByForgettingTheLeastRecentlySeenAddress() {
    LoginRateLimiter limiter = limiter(1, Duration.ofMinutes(1), 3);
    assertThat(limiter.tryAcquire("a")).isEmpty();
    assertThat(limiter.tryAcquire("b")).isEmpty();
    assertThat(limiter.tryAcquire("c")).isEmpty();
    assertThat(limiter.tryAcquire("a")).as("a is limited and now most recent").isPresent();
    assertThat(limiter.tryAcquire("d")).isEmpty();
    assertThat(limiter.trackedClients()).isEqualTo(3);
    // b was the least recently seen, so it was forgotten; a is still remembered.
    assertThat(limiter.tryAcquire("b")).isEmpty();
    assertThat(limiter.tryAcquire("a")).isPresent();
    for (int i = 0; i < 10_000; i++) {
      limiter.tryAcquire("198.51.100." + i);
    }
    assertThat(limiter.trackedClients()).isEqualTo(3);
  }

  @Test
  void retryAfterIsRoundedUpToWholeSeconds() {
    assertThat(LoginRateLimiter.retryAfterSeconds(1)).isEqualTo(1);
    assertThat(LoginRateLimiter.retryAfterSeconds(1_001)).isEqualTo(2);
    assertThat(LoginRateLimiter.retryAfterSeconds(0)).isEqualTo(1);
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> new AuthProperties.LoginRate(0, Duration.ofMinutes(1), 10))
        .hasMessageContaining("max-attempts");
    assertThatThrownBy(() -> new AuthProperties.LoginRate(10, Duration.ofMillis(10), 10))
        .hasMessageContaining("window");
    assertThatThrownBy(() -> new AuthProperties.LoginRate(10, Duration.ofMinutes(1), 0))
        .hasMessageContaining("max-clients");
  }
}
