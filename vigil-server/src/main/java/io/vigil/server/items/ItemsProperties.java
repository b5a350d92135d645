package io.vigil.server.items;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Central item defaults ({@code vigil.items.*}); unknown keys fail the start.
 *
 * @param defaultInterval how often agents collect each item unless configured otherwise
 */
@ConfigurationProperties(prefix = "vigil.items", ignoreUnknownFields = false)
public record ItemsProperties(@DefaultValue("10s") Duration defaultInterval) {
  public ItemsProperties {
    if (defaultInterval.toSeconds() < 1 || defaultInterval.toSeconds() > 86_400) {
      throw new IllegalArgumentException("vigil.items.default-interval must be 1s..1d");
    }
  }
}
