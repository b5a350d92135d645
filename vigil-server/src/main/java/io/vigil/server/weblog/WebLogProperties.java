package io.vigil.server.weblog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Web traffic ({@code vigil.weblog.*}); unknown keys fail the start.
 *
 * @param samplesPerLog 5xx sample lines kept per host and web-log item, newest first
 * @param saveInterval how often received sample lines are written to the configuration database
 * @param maxPoolHosts most hosts a pool (a host group or a tag) may hold; a bigger one is a 400
 */
@ConfigurationProperties(prefix = "vigil.weblog", ignoreUnknownFields = false)
public record WebLogProperties(
    @DefaultValue("200") int samplesPerLog,
    @DefaultValue("5s") Duration saveInterval,
    @DefaultValue("200") int maxPoolHosts) {

  public WebLogProperties {
    if (samplesPerLog < 1 || samplesPerLog > 10_000) {
      throw new IllegalArgumentException("vigil.weblog.samples-per-log must be 1..10000");
    }
    if (saveInterval.toMillis() < 100 || saveInterval.toMinutes() > 10) {
      throw new IllegalArgumentException("vigil.weblog.save-interval must be 100ms..10m");
    }
    if (maxPoolHosts < 1 || maxPoolHosts > 1_000) {
      throw new IllegalArgumentException("vigil.weblog.max-pool-hosts must be 1..1000");
    }
  }
}
