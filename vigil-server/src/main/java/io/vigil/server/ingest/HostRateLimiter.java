package io.vigil.server.ingest;

import io.vigil.server.web.ApiException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.http.HttpStatus;

/**
 * Points per second one host may send: a token bucket per host that refills at {@code
 * pointsPerSecond} and holds at most {@code burst} points, so an agent catching up from its spool
 * gets a burst and then the sustained rate, while one runaway host cannot take the whole store
 * writer from the others. A batch over the budget is refused whole with 429 and {@code
 * Retry-After}; the agent keeps it spooled and sends it again.
 *
 * <p>Memory: one small bucket per host that ever sent, like the host table itself.
 */
final class HostRateLimiter {

  private final double pointsPerSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> byHost = new ConcurrentHashMap<>();

  HostRateLimiter(int pointsPerSecond, int burst, LongSupplier nanoClock) {
    if (pointsPerSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.pointsPerSecond = pointsPerSecond;
    this.burst = Math.max(burst, pointsPerSecond);
    this.nanoClock = nanoClock;
  }

  /** Takes {@code points} from the host's budget, or refuses the batch (taking nothing). */
  void admit(String hostKey, int points) {
    if (points == 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    Bucket bucket = byHost.computeIfAbsent(hostKey, k -> new Bucket(burst, now));
    double missing;
    synchronized (bucket) {
      double elapsedSeconds = (now - bucket.refilledAt) / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsedSeconds * pointsPerSecond);
      bucket.refilledAt = now;
      // A batch larger than the whole burst can never fit: let it through once the bucket is full
      // (it drains the bucket below zero), so the limit slows such a host but cannot stop it.
      double needed = Math.min(points, burst);
      if (bucket.tokens >= needed) {
        bucket.tokens -= points;
        return;
      }
      missing = needed - bucket.tokens;
    }
    long waitSeconds = Math.max(1, (long) Math.ceil(missing / pointsPerSecond));
    throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        "rate_limited",
        "this host sends more than "
            + (long) pointsPerSecond
            + " points per second (vigil.ingest.max-points-per-second-per-host); the batch was"
            + " not stored, send it again in "
            + waitSeconds
            + " s",
        waitSeconds);
  }

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long refilledAt) {
      this.tokens = tokens;
      this.refilledAt = refilledAt;
    }
  }
}
