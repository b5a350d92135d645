package io.vigil.server.reports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reports ({@code vigil.reports.*}); unknown keys fail the start.
 *
 * @param schedulerInterval how often due report schedules are looked for
 */
@ConfigurationProperties(prefix = "vigil.reports", ignoreUnknownFields = false)
public record ReportsProperties(@DefaultValue("1m") Duration schedulerInterval) {

  public ReportsProperties {
    if (schedulerInterval.isNegative()
        || schedulerInterval.isZero()
        || schedulerInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "vigil.reports.scheduler-interval must be between 1 ms and 1 h");
    }
  }
}
