package io.vigil.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * At most {@code vigil.auth.login-rate.max-attempts} login attempts per client address within a
 * sliding {@code window}, against password guessing across many accounts (the per-account lock-out
 * stops guessing at one). Refused attempts are not counted, so a client that keeps trying is let in
 * again once its earlier attempts leave the window. At most {@code max-clients} addresses are
 * remembered; the least recently seen is forgotten first, so memory stays bounded.
 */
@Component
class LoginRateLimiter {

  private final int maxAttempts;
  private final long windowMillis;
  private final Clock clock;

  /** Per address, the times of its counted attempts within the window, oldest first. */
  private final Recent attempts;

  @Autowired
  LoginRateLimiter(AuthProperties properties) {
    this(properties.loginRate(), Clock.systemUTC());
  }

  LoginRateLimiter(AuthProperties.LoginRate settings, Clock clock) {
    this.maxAttempts = settings.maxAttempts();
    this.windowMillis = settings.window().toMillis();
    this.clock = clock;
    this.attempts = new Recent(settings.maxClients());
  }

  /**
   * Counts an attempt from {@code address} if it is allowed.
   *
   * @return empty when the attempt may go ahead, else how long to wait before the next one
   */
  synchronized OptionalLong tryAcquire(String address) {
    long now = clock.millis();
    ArrayDeque<Long> times = attempts.computeIfAbsent(address, key -> new ArrayDeque<>());
    while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
      times.pollFirst();
    }
    if (times.size() >= maxAttempts) {
      return OptionalLong.of(times.peekFirst() + windowMillis - now);
    }
    times.addLast(now);
    return OptionalLong.empty();
  }

  /** Seconds to announce in {@code Retry-After}: the wait rounded up, at least 1. */
  static long retryAfterSeconds(long waitMillis) {
    return Math.max(1, Duration.ofMillis(waitMillis).plusMillis(999).toSeconds());
  }

  /** Addresses currently remembered (for tests). */
  synchronized int trackedClients() {
    return attempts.size();
  }

  /** A map in access order that forgets its least recently used entry beyond a size. */
  private static final class Recent extends LinkedHashMap<String, ArrayDeque<Long>> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    Recent(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
      return size() > capacity;
    }
  }
}
