package io.vigil.storage;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * @param measurement table to read
 * @param tags exact-match filter; normally holds {@code host}, may hold e.g. {@code cpu=total}
 * @param fields fields to return; empty means all
 * @param from inclusive start
 * @param to exclusive end
 * @param resolution raw, a rollup, or AUTO to choose by span
 */
public record RangeQuery(
    String measurement,
    Map<String, String> tags,
    List<String> fields,
    Instant from,
    Instant to,
    Resolution resolution) {

  public RangeQuery {
    Names.requireIdentifier("measurement", measurement);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    tags.forEach(
        (k, v) -> {
          Names.requireIdentifier("tag name", k);
          Names.requireTagValue(k, v);
        });
    fields = fields == null ? List.of() : List.copyOf(fields);
    fields.forEach(f -> Names.requireIdentifier("field name", f));
    if (from == null || to == null || !from.isBefore(to)) {
      throw new InvalidInputException("from must be before to");
    }
    resolution = resolution == null ? Resolution.AUTO : resolution;
  }

  /** The resolution actually used: AUTO resolved by the span. */
  public Resolution effectiveResolution() {
    return resolution == Resolution.AUTO
        ? Resolution.forSpan(java.time.Duration.between(from, to))
        : resolution;
  }
}
