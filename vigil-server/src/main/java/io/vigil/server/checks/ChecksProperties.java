package io.vigil.server.checks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Check state and server-run checks ({@code vigil.checks.*}); unknown keys fail the start.
 *
 * @param saveInterval how often the latest results are written back to the configuration database
 * @param serverTick how often the server looks for due checks of agentless hosts
 * @param serverConcurrency how many server-run checks may be in flight at once; due checks beyond
 *     it wait for the next tick
 */
@ConfigurationProperties(prefix = "vigil.checks", ignoreUnknownFields = false)
public record ChecksProperties(
    @DefaultValue("5s") Duration saveInterval,
    @DefaultValue("1s") Duration serverTick,
    @DefaultValue("64") int serverConcurrency) {

  public ChecksProperties {
    if (saveInterval.toMillis() < 100 || saveInterval.toMinutes() > 10) {
      throw new IllegalArgumentException("vigil.checks.save-interval must be 100ms..10m");
    }
    if (serverTick.toMillis() < 50 || serverTick.toSeconds() > 60) {
      throw new IllegalArgumentException("vigil.checks.server-tick must be 50ms..60s");
    }
    if (serverConcurrency < 1 || serverConcurrency > 10_000) {
      throw new IllegalArgumentException("vigil.checks.server-concurrency must be 1..10000");
    }
  }
}
