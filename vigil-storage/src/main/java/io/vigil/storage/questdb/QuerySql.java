package io.vigil.storage.questdb;

import static io.vigil.storage.questdb.SchemaSql.aggregateColumn;
import static io.vigil.storage.questdb.SchemaSql.quote;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.storage.AggregateQuery;
import io.vigil.storage.GroupQuery;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * SELECT text for the store's queries. Identifiers are checked against the table's schema and
 * quoted; time bounds are bind variables {@code $1} and {@code $2}, tag values follow as string
 * bind variables, so no value is ever part of the SQL text.
 */
final class QuerySql {

  /**
   * @param sql the statement
   * @param tagValues values for bind variables {@code $3, $4, ...} in order
   * @param fields fields selected, in column order after ts, host and tags
   */
  record Statement(String sql, List<String> tagValues, List<String> fields) {}

  private QuerySql() {}

  /**
   * Columns: ts, host, tags in schema order, then per field one value (raw) or avg, min, max
   * (rollups).
   */
  static Statement range(TableSchema schema, RangeQuery query, Resolution resolution) {
    List<String> fields =
        query.fields().isEmpty() ? List.copyOf(schema.fields().keySet()) : query.fields();
    StringJoiner select = new StringJoiner(", ");
    select.add("ts");
    select.add(quote(Point.HOST_TAG));
    schema.tags().forEach(tag -> select.add(quote(tag)));
    for (String field : fields) {
      requireField(schema, field);
      if (resolution == Resolution.RAW) {
        select.add(quote(field));
      } else if (resolution == Resolution.STEP) {
        select.add("avg(" + quote(field) + ")");
        select.add("min(" + quote(field) + ")");
        select.add("max(" + quote(field) + ")");
      } else {
        select.add(quote(aggregateColumn(field, "avg")));
        select.add(quote(aggregateColumn(field, "min")));
        select.add(quote(aggregateColumn(field, "max")));
      }
    }
    boolean fromRaw = resolution == Resolution.RAW || resolution == Resolution.STEP;
    String table =
        fromRaw ? schema.measurement() : SchemaSql.viewName(schema.measurement(), resolution);
    List<String> values = new ArrayList<>();
    String where = timeAndTags(schema, query.tags(), values);
    // A step divides a day (RangeQuery checks), so calendar alignment is epoch alignment; the host
    // and tag columns are SAMPLE BY's keys, one series each.
    String order =
        resolution == Resolution.STEP
            ? " SAMPLE BY " + query.step().toSeconds() + "s ALIGN TO CALENDAR ORDER BY ts"
            : " ORDER BY ts";
    return new Statement(
        "SELECT " + select + " FROM " + quote(table) + " WHERE " + where + order, values, fields);
  }

  /** Columns: host, value. */
  static Statement top(TableSchema schema, TopQuery query) {
    requireField(schema, query.field());
    List<String> values = new ArrayList<>();
    String where =
        timeAndTags(schema, query.tags(), values) + " AND " + quote(query.field()) + " IS NOT NULL";
    String host = quote(Point.HOST_TAG);
    String field = quote(query.field());
    String inner =
        switch (query.aggregation()) {
          case LAST ->
              "SELECT "
                  + host
                  + ", "
                  + field
                  + " v FROM "
                  + quote(schema.measurement())
                  + " WHERE "
                  + where
                  + " LATEST ON ts PARTITION BY "
                  + host;
          case MAX, MIN, AVG ->
              "SELECT "
                  + host
                  + ", "
                  + query.aggregation().name().toLowerCase(java.util.Locale.ROOT)
                  + "("
                  + field
                  + ") v FROM "
                  + quote(schema.measurement())
                  + " WHERE "
                  + where
                  + " GROUP BY "
                  + host;
        };
    return new Statement(
        "SELECT " + host + ", v FROM (" + inner + ") ORDER BY v DESC LIMIT " + query.limit(),
        values,
        List.of(query.field()));
  }

  /**
   * Columns: the group-by tag's value, one sum per field of {@link Statement#fields()} (the summed
   * fields the table has; a field it lacks sums to 0 without being selected), the row count, the
   * first and the last timestamp. Null when no row can match: the table lacks the group-by tag or a
   * filtered tag.
   */
  static Statement group(TableSchema schema, GroupQuery query) {
    if (!schema.hasTag(query.groupBy())
        || !query.tags().keySet().stream().allMatch(schema::hasTag)) {
      return null;
    }
    List<String> fields =
        query.sumFields().stream().filter(f -> schema.fields().containsKey(f)).toList();
    String key = quote(query.groupBy());
    StringJoiner select = new StringJoiner(", ");
    select.add(key + " g");
    for (int i = 0; i < fields.size(); i++) {
      // coalesce: a group whose rows all lack the field sums to 0 and sorts as 0, not as null.
      select.add("coalesce(sum(" + quote(fields.get(i)) + "), 0.0) s" + i);
    }
    select.add("count() n").add("min(ts) lo").add("max(ts) hi");
    List<String> values = new ArrayList<>();
    StringBuilder where = new StringBuilder(timeAndTags(schema, query.tags(), values));
    hostFilter(query.hosts(), values, where);
    where.append(" AND ").append(key).append(" IS NOT NULL");
    int order = fields.indexOf(query.orderBy());
    return new Statement(
        "SELECT "
            + select
            + " FROM "
            + quote(schema.measurement())
            + " WHERE "
            + where
            + " GROUP BY "
            + key
            + " ORDER BY "
            + (order < 0 ? "" : "s" + order + " DESC, ")
            + "g LIMIT "
            + query.limit(),
        values,
        fields);
  }

  /**
   * Columns: bucket start, folded value. Each series (host and tags) is sampled into the buckets
   * first, then the series' values of a bucket are combined. Null when no row can match: the table
   * lacks the field or a filtered tag.
   */
  static Statement aggregate(TableSchema schema, AggregateQuery query) {
    if (!schema.fields().containsKey(query.field())
        || !query.tags().keySet().stream().allMatch(schema::hasTag)) {
      return null;
    }
    String field = quote(query.field());
    String perSeries =
        switch (query.function()) {
          case MIN -> "min(" + field + ")";
          case MAX -> "max(" + field + ")";
          case AVG, SUM, COUNT -> "avg(" + field + ")";
        };
    String combined =
        switch (query.function()) {
          case AVG -> "avg(v)";
          case MIN -> "min(v)";
          case MAX -> "max(v)";
          case SUM -> "sum(v)";
          case COUNT -> "count()";
        };
    StringJoiner keys = new StringJoiner(", ");
    keys.add(quote(Point.HOST_TAG));
    schema.tags().forEach(tag -> keys.add(quote(tag)));
    List<String> values = new ArrayList<>();
    StringBuilder where = new StringBuilder(timeAndTags(schema, query.tags(), values));
    hostFilter(query.hosts(), values, where);
    where.append(" AND ").append(field).append(" IS NOT NULL");
    // Steps divide a day (checked by the caller), so calendar alignment is epoch alignment.
    String inner =
        "SELECT ts, "
            + keys
            + ", "
            + perSeries
            + " v FROM "
            + quote(schema.measurement())
            + " WHERE "
            + where
            + " SAMPLE BY "
            + query.step().toSeconds()
            + "s ALIGN TO CALENDAR";
    return new Statement(
        "SELECT ts, " + combined + " v FROM (" + inner + ") GROUP BY ts ORDER BY ts",
        values,
        List.of(query.field()));
  }

  private static void hostFilter(List<String> hosts, List<String> values, StringBuilder where) {
    if (hosts.isEmpty()) {
      return;
    }
    StringJoiner in = new StringJoiner(", ", " AND " + quote(Point.HOST_TAG) + " IN (", ")");
    for (String host : hosts) {
      values.add(host);
      in.add("$" + (values.size() + 2));
    }
    where.append(in);
  }

  /**
   * Columns: ts, host, tags in schema order, all fields in schema order; bind {@code $1} = host.
   */
  static Statement latest(TableSchema schema) {
    StringJoiner select = new StringJoiner(", ");
    StringJoiner partition = new StringJoiner(", ");
    select.add("ts");
    select.add(quote(Point.HOST_TAG));
    partition.add(quote(Point.HOST_TAG));
    for (String tag : schema.tags()) {
      select.add(quote(tag));
      partition.add(quote(tag));
    }
    schema.fields().keySet().forEach(field -> select.add(quote(field)));
    return new Statement(
        "SELECT "
            + select
            + " FROM "
            + quote(schema.measurement())
            + " WHERE "
            + quote(Point.HOST_TAG)
            + " = $1 LATEST ON ts PARTITION BY "
            + partition,
        List.of(),
        List.copyOf(schema.fields().keySet()));
  }

  private static String timeAndTags(
      TableSchema schema, Map<String, String> tags, List<String> values) {
    StringBuilder where = new StringBuilder("ts >= $1 AND ts < $2");
    for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
      if (!schema.hasTag(tag.getKey())) {
        throw new InvalidInputException(
            schema.measurement() + " has no tag " + tag.getKey() + "; tags: " + schema.tags());
      }
      values.add(tag.getValue());
      where.append(" AND ").append(quote(tag.getKey())).append(" = $").append(values.size() + 2);
    }
    return where.toString();
  }

  private static void requireField(TableSchema schema, String field) {
    if (!schema.fields().containsKey(field)) {
      throw new InvalidInputException(
          schema.measurement()
              + " has no field "
              + field
              + "; fields: "
              + schema.fields().keySet());
    }
  }
}
