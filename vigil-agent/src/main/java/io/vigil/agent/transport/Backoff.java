package io.vigil.agent.transport;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "equal jitter": the delay doubles per failure up to a cap, and half of
 * it is random so that many agents coming back after a server outage do not retry in lockstep.
 */
public final class Backoff {

  private final long baseMillis;
  private final long capMillis;
  private final RandomGenerator random;
  private int failures;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    this.baseMillis = base.toMillis();
    this.capMillis = cap.toMillis();
    this.random = random;
  }

  /** The delay before the next attempt after one more failure. */
  public long nextDelayMillis() {
    long ceiling = capMillis;
    if (failures < 31) {
      ceiling = Math.min(capMillis, baseMillis << failures);
    }
    failures++;
    long half = ceiling / 2;
    return half + (half > 0 ? random.nextLong(half + 1) : 0);
  }

  /**
   * The delay after a failure whose answer said how long to wait: that long, kept between the base
   * and the cap, plus up to a tenth more at random so that agents told the same do not return in
   * lockstep. Counts as a failure.
   */
  public long delayAsToldMillis(long toldMillis) {
    failures++;
    long told = Math.max(baseMillis, Math.min(capMillis, toldMillis));
    long spread = told / 10;
    return told + (spread > 0 ? random.nextLong(spread + 1) : 0);
  }

  public void reset() {
    failures = 0;
  }

  public int failures() {
    return failures;
  }
}
