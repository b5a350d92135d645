package io.vigil.server.ingest.push;

import io.vigil.model.Names;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * InfluxDB line protocol and Glances writers ({@code vigil.ilp.*}); unknown keys fail the start.
 * Body sizes, timestamps, series and rates are the agents' limits ({@code vigil.ingest.*}).
 *
 * @param hostTag the tag that names a line's host; it becomes Vigil's {@code host} tag (a source
 *     catalogue may add a fallback, as Glances' {@code hostname})
 * @param hostGroup the group hosts created for writers join, unless their ingest token names one
 * @param maxLineLength the longest line accepted; a longer one is refused
 * @param refusedLinesListed how many refused line numbers (and reasons) a 400 answer lists
 * @param maxNewHostsPerMinute hosts writers may create per minute (all tokens together); lines of
 *     hosts beyond it are refused until the budget refills
 */
@ConfigurationProperties(prefix = "vigil.ilp", ignoreUnknownFields = false)
public record IlpProperties(
    @DefaultValue("host") String hostTag,
    @DefaultValue("Linux servers") String hostGroup,
    @DefaultValue("1MB") DataSize maxLineLength,
    @DefaultValue("50") int refusedLinesListed,
    @DefaultValue("20000") int maxNewHostsPerMinute) {

  public IlpProperties {
    if (hostTag == null || hostTag.isBlank() || hostTag.length() > 256) {
      throw new IllegalArgumentException("vigil.ilp.host-tag must be a tag name");
    }
    Names.requireText("vigil.ilp.host-group", hostGroup, 100);
    if (maxLineLength.toBytes() < 1024 || maxLineLength.toMegabytes() > 64) {
      throw new IllegalArgumentException("vigil.ilp.max-line-length must be 1KB..64MB");
    }
    if (refusedLinesListed < 1 || refusedLinesListed > 10_000) {
      throw new IllegalArgumentException("vigil.ilp.refused-lines-listed must be 1..10000");
    }
    if (maxNewHostsPerMinute < 1) {
      throw new IllegalArgumentException("vigil.ilp.max-new-hosts-per-minute must be positive");
    }
  }
}
