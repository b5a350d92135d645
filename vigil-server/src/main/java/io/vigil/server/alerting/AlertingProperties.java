package io.vigil.server.alerting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alert evaluator ({@code vigil.alerting.*}); unknown keys fail the start.
 *
 * @param queueCapacity stored batches waiting for the evaluator; beyond it batches are not judged
 *     (counted and logged), ingest never waits
 * @param tick how often absence and host down are judged
 * @param defaultRules whether the shipped rules under {@code catalog/rules/} are created on the
 *     first start (tests that count problems may turn them off)
 */
@ConfigurationProperties(prefix = "vigil.alerting", ignoreUnknownFields = false)
public record AlertingProperties(
    @DefaultValue("20000") int queueCapacity,
    @DefaultValue("1s") Duration tick,
    @DefaultValue("true") boolean defaultRules) {

  public AlertingProperties {
    if (queueCapacity < 1 || queueCapacity > 10_000_000) {
      throw new IllegalArgumentException("vigil.alerting.queue-capacity must be 1..10000000");
    }
    if (tick.toMillis() < 50 || tick.toSeconds() > 60) {
      throw new IllegalArgumentException("vigil.alerting.tick must be 50ms..60s");
    }
  }
}
