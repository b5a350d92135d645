package io.vigil.storage;

import java.util.List;
import java.util.Map;

/**
 * Columnar series, ready for a chart.
 *
 * @param resolution what was read (never AUTO)
 * @param series one per distinct tag set matching the query
 */
public record RangeResult(Resolution resolution, List<Series> series) {

  /**
   * @param tags the series' full tag set, including {@code host}
   * @param timestamps epoch millis, ascending (bucket starts for rollups)
   * @param fields per field: averages, minima and maxima aligned with {@code timestamps}; for raw
   *     data all three are the raw values
   */
  public record Series(Map<String, String> tags, long[] timestamps, Map<String, Values> fields) {}

  /** Aligned value arrays of one field; NaN where the field had no value. */
  public record Values(double[] avg, double[] min, double[] max) {}
}
