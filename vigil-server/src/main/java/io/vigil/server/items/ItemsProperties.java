package io.vigil.server.items;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Central item defaults ({@code vigil.items.*}); unknown keys fail the start.
 *
 * @param defaultInterval the interval of collector items that do not set one (in the shipped
 *     templates, for instance); null for the catalog's {@code collectors.yml} default (10 s)
 */
@ConfigurationProperties(prefix = "vigil.items", ignoreUnknownFields = false)
public record ItemsProperties(Duration defaultInterval) {
  public ItemsProperties {
    if (defaultInterval != null
        && (defaultInterval.toSeconds() < 1 || defaultInterval.toSeconds() > 86_400)) {
      throw new IllegalArgumentException("vigil.items.default-interval must be 1s..1d");
    }
  }
}
