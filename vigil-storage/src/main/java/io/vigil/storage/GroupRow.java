package io.vigil.storage;

import java.util.Map;

/**
 * One group of a {@link GroupQuery}.
 *
 * @param key the group-by tag's value
 * @param sums per summed field, its total over the matching rows (0 when no row had the field)
 * @param firstSeen epoch millis of the earliest matching row
 * @param lastSeen epoch millis of the latest matching row
 */
public record GroupRow(String key, Map<String, Double> sums, long firstSeen, long lastSeen) {

  public GroupRow {
    sums = Map.copyOf(sums);
  }
}
