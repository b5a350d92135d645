package io.vigil.server.ingest.mapping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the mapping of foreign data ({@code vigil.mapping.*}: line protocol, Glances,
 * Prometheus scrapes); unknown keys fail the start.
 *
 * @param maxMeasurements distinct measurements stored as they came (not mapped onto Vigil's); a
 *     line of a new one beyond this is refused
 * @param maxColumnsPerMeasurement tags and fields one such measurement may have; a line adding more
 *     is refused
 * @param maxCounterSeries series whose previous counter values are kept for rates
 * @param counterTimeout a series not seen for this long is forgotten (its next sample starts the
 *     rates again)
 */
@ConfigurationProperties(prefix = "vigil.mapping", ignoreUnknownFields = false)
public record MappingProperties(
    @DefaultValue("2000") int maxMeasurements,
    @DefaultValue("500") int maxColumnsPerMeasurement,
    @DefaultValue("500000") int maxCounterSeries,
    @DefaultValue("1h") Duration counterTimeout) {

  public MappingProperties {
    if (maxMeasurements < 1 || maxColumnsPerMeasurement < 2 || maxCounterSeries < 1) {
      throw new IllegalArgumentException("vigil.mapping limits must be positive");
    }
    if (counterTimeout.toSeconds() < 10) {
      throw new IllegalArgumentException("vigil.mapping.counter-timeout must be at least 10s");
    }
  }
}
