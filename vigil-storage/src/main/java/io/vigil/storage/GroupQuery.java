package io.vigil.storage;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Totals of one measurement grouped by the values of one tag over a time range, largest first: the
 * shape of "top URLs of these web servers this week" or "client addresses seen today", where a key
 * is spread over many rows (intervals) and many hosts.
 *
 * @param measurement table to read
 * @param tags exact-match filter besides the hosts, e.g. {@code dim=url}; may be empty
 * @param hosts the hosts whose rows count; empty means every host
 * @param groupBy the tag whose values are the groups, not one of {@code tags}; {@code host} gives
 *     totals per host (of {@code hosts}, or of every host)
 * @param sumFields fields summed per group, at least one
 * @param orderBy the summed field the groups are ranked by, descending; one of {@code sumFields}
 * @param from inclusive start
 * @param to exclusive end
 * @param limit how many groups, 1 to 10,000
 */
public record GroupQuery(
    String measurement,
    Map<String, String> tags,
    List<String> hosts,
    String groupBy,
    List<String> sumFields,
    String orderBy,
    Instant from,
    Instant to,
    int limit) {

  public static final int MAX_LIMIT = 10_000;
  public static final int MAX_HOSTS = 1_000;

  public GroupQuery {
    Names.requireIdentifier("measurement", measurement);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    tags.forEach(
        (k, v) -> {
          Names.requireIdentifier("tag name", k);
          Names.requireTagValue(k, v);
        });
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    if (hosts.size() > MAX_HOSTS) {
      throw new InvalidInputException("at most " + MAX_HOSTS + " hosts");
    }
    hosts.forEach(h -> Names.requireTagValue("host", h));
    Names.requireIdentifier("group-by tag", groupBy);
    if (tags.containsKey(groupBy)) {
      throw new InvalidInputException("cannot group by " + groupBy + ": it is filtered on");
    }
    sumFields = sumFields == null ? List.of() : List.copyOf(sumFields);
    if (sumFields.isEmpty()) {
      throw new InvalidInputException("name at least one field to sum");
    }
    sumFields.forEach(f -> Names.requireIdentifier("field name", f));
    if (!sumFields.contains(orderBy)) {
      throw new InvalidInputException("orderBy must be one of the summed fields");
    }
    if (from == null || to == null || !from.isBefore(to)) {
      throw new InvalidInputException("from must be before to");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
    }
  }
}
