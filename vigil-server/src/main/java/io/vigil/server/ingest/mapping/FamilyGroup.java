package io.vigil.server.ingest.mapping;

import java.util.Set;

/**
 * How a Prometheus source's metric families are grouped into samples before mapping: the samples of
 * the matching metrics with the same labels become one {@link ForeignSample} of {@code
 * measurement}, each metric a field named by what follows {@code prefix} (or the metric's own name
 * for {@code metrics}); {@code fieldFromLabel} instead names the field by a label's value
 * (node_exporter's {@code mode}: {@code user}, {@code idle}…), and {@code totalLabel} adds one more
 * sample summing all values of that label ({@code cpu} → {@code total}).
 *
 * @param prefix metric names starting with this, or null
 * @param metrics exact metric names (when no prefix)
 * @param measurement the grouped sample's measurement
 * @param fieldFromLabel the label whose value names the field, or null
 * @param totalLabel the label summed over for the total sample, or null
 * @param totalValue that label's value in the total sample
 */
record FamilyGroup(
    String prefix,
    Set<String> metrics,
    String measurement,
    String fieldFromLabel,
    String totalLabel,
    String totalValue) {

  FamilyGroup {
    metrics = metrics == null ? Set.of() : Set.copyOf(metrics);
  }

  /** The field a sample of {@code metric} becomes, or null when the group does not take it. */
  String field(String metric) {
    if (prefix != null) {
      return metric.startsWith(prefix) && metric.length() > prefix.length()
          ? metric.substring(prefix.length())
          : null;
    }
    return metrics.contains(metric) ? metric : null;
  }
}
