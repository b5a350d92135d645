package io.vigil.storage;

import java.util.Map;

/**
 * One group of a {@link GroupQuery}.
 *
 * @param key the group-by tag's value
 * @param sums per summed field, its total over the matching rows (0 when no row had the field)
 * @param rows how many rows matched (e.g. the reporting periods and hosts a URL was in a top table
 *     of), so a summed per-row figure such as a percentile can be turned into a mean
 * @param firstSeen epoch millis of the earliest matching row
 * @param lastSeen epoch millis of the latest matching row
 */
public record GroupRow(
    String key, Map<String, Double> sums, long rows, long firstSeen, long lastSeen) {

  public GroupRow {
    sums = Map.copyOf(sums);
  }

  /** The total of one summed field; 0 for a field the query did not sum. */
  public double sum(String field) {
    return sums.getOrDefault(field, 0.0);
  }
}
