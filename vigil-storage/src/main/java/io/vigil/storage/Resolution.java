package io.vigil.storage;

import java.time.Duration;

/**
 * Where a range query reads from: raw points, the engine-maintained rollups, or buckets of a step
 * computed from raw points.
 */
public enum Resolution {
  /** Pick by span: raw up to 6 hours, 1-minute rollup up to 7 days, 1-hour rollup beyond. */
  AUTO(Duration.ZERO),
  RAW(Duration.ZERO),
  MINUTE(Duration.ofMinutes(1)),
  HOUR(Duration.ofHours(1)),
  /** Buckets of the query's own step, computed from raw points when asked. */
  STEP(Duration.ZERO);

  private final Duration bucket;

  Resolution(Duration bucket) {
    this.bucket = bucket;
  }

  public Duration bucket() {
    return bucket;
  }

  public static Resolution forSpan(Duration span) {
    if (span.compareTo(Duration.ofHours(6)) <= 0) {
      return RAW;
    }
    if (span.compareTo(Duration.ofDays(7)) <= 0) {
      return MINUTE;
    }
    return HOUR;
  }
}
