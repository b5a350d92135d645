package io.vigil.server.ingest.mapping;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One mapping catalogue ({@code catalog/ingest/<name>.yml}): a program whose data Vigil takes as it
 * is (Telegraf, Glances, node_exporter) and how its measurements become Vigil's.
 *
 * @param name the source's name, e.g. {@code telegraf}; an InfluxDB database or bucket of that name
 *     selects this catalogue alone
 * @param protocol how its data arrives
 * @param hostTag the tag that names the host in its data when the configured host tag is absent
 *     (Glances: {@code hostname}), or null
 * @param dropFields fields of unmapped measurements not worth storing (Glances' alert thresholds),
 *     as glob patterns turned into expressions
 * @param families how scraped metric families are grouped (Prometheus sources only)
 * @param rules the measurement mappings, in the file's order
 */
record Source(
    String name,
    Protocol protocol,
    String hostTag,
    List<Pattern> dropFields,
    List<FamilyGroup> families,
    List<SourceRule> rules) {

  enum Protocol {
    LINE,
    PROMETHEUS
  }

  Source {
    dropFields = List.copyOf(dropFields);
    families = List.copyOf(families);
    rules = List.copyOf(rules);
  }

  boolean dropsField(String field) {
    for (Pattern pattern : dropFields) {
      if (pattern.matcher(field).matches()) {
        return true;
      }
    }
    return false;
  }
}
