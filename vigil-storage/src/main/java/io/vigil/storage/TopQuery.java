package io.vigil.storage;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import java.time.Instant;
import java.util.Map;

/**
 * @param measurement table to read
 * @param field the field to rank by
 * @param tags exact-match filter, e.g. {@code cpu=total}; may be empty
 * @param from window start, inclusive
 * @param to window end, exclusive
 * @param aggregation how the window's values of one host reduce to one number
 * @param limit how many hosts, 1 to 1000
 */
public record TopQuery(
    String measurement,
    String field,
    Map<String, String> tags,
    Instant from,
    Instant to,
    Aggregation aggregation,
    int limit) {

  /** Reductions over a window. */
  public enum Aggregation {
    MAX,
    AVG,
    MIN,
    LAST
  }

  public TopQuery {
    Names.requireIdentifier("measurement", measurement);
    Names.requireIdentifier("field", field);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    tags.forEach(
        (k, v) -> {
          Names.requireIdentifier("tag name", k);
          Names.requireTagValue(k, v);
        });
    if (from == null || to == null || !from.isBefore(to)) {
      throw new InvalidInputException("from must be before to");
    }
    aggregation = aggregation == null ? Aggregation.MAX : aggregation;
    if (limit < 1 || limit > 1000) {
      throw new InvalidInputException("limit must be between 1 and 1000");
    }
  }
}
