package io.vigil.storage.questdb;

import io.vigil.model.Names;
import io.vigil.model.Point;
import io.vigil.storage.Resolution;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * DDL text for measurement tables and their rollup views. Every identifier passes {@link
 * Names#IDENTIFIER} and is double-quoted (names such as {@code user}, {@code close} or {@code by}
 * are SQL keywords), so no input reaches SQL unvalidated; values never appear in DDL.
 */
final class SchemaSql {

  /** Symbol map capacity hint for {@code host}: a deployment has thousands of hosts. */
  static final int HOST_SYMBOL_CAPACITY = 16_384;

  static final String[] AGGREGATES = {"min", "avg", "max", "count"};

  private SchemaSql() {}

  static String quote(String identifier) {
    return '"' + Names.requireIdentifier("identifier", identifier) + '"';
  }

  /** A validated identifier for a string literal, e.g. {@code table_partitions('cpu')}. */
  static String unquotedIdentifier(String identifier) {
    return Names.requireIdentifier("identifier", identifier);
  }

  static String viewName(String measurement, Resolution resolution) {
    return switch (resolution) {
      case MINUTE -> measurement + "_1m";
      case HOUR -> measurement + "_1h";
      default -> throw new IllegalArgumentException("no rollup view for " + resolution);
    };
  }

  static String aggregateColumn(String field, String aggregate) {
    return field + TableSchema.AGGREGATE_SEPARATOR + aggregate;
  }

  static String createTable(TableSchema schema, long ttlDays) {
    StringJoiner columns = new StringJoiner(", ");
    columns.add("ts TIMESTAMP");
    columns.add(quote(Point.HOST_TAG) + " SYMBOL CAPACITY " + HOST_SYMBOL_CAPACITY);
    schema.tags().forEach(tag -> columns.add(quote(tag) + " SYMBOL"));
    schema.fields().forEach((field, type) -> columns.add(quote(field) + " " + type.sql()));
    return "CREATE TABLE IF NOT EXISTS "
        + quote(schema.measurement())
        + " ("
        + columns
        + ") TIMESTAMP(ts) PARTITION BY DAY TTL "
        + ttlDays
        + " DAYS WAL DEDUP UPSERT KEYS("
        + dedupKeys(schema.tags())
        + ")";
  }

  /**
   * One ALTER per new column (WAL tables take one structure change per statement), tags first, then
   * the dedup key change. {@code IF NOT EXISTS} makes a retry after a partial failure safe.
   */
  static List<String> addColumns(TableSchema before, TableSchema after) {
    List<String> statements = new ArrayList<>();
    String alter = "ALTER TABLE " + quote(after.measurement()) + " ADD COLUMN IF NOT EXISTS ";
    for (String tag : after.tags()) {
      if (!before.tags().contains(tag)) {
        statements.add(alter + quote(tag) + " SYMBOL");
      }
    }
    for (Map.Entry<String, FieldType> field : after.fields().entrySet()) {
      if (!before.fields().containsKey(field.getKey())) {
        statements.add(alter + quote(field.getKey()) + " " + field.getValue().sql());
      }
    }
    if (!before.tags().equals(after.tags())) {
      statements.add(
          "ALTER TABLE "
              + quote(after.measurement())
              + " DEDUP ENABLE UPSERT KEYS("
              + dedupKeys(after.tags())
              + ")");
    }
    return statements;
  }

  static String setTableTtl(String measurement, long days) {
    return "ALTER TABLE " + quote(measurement) + " SET TTL " + days + " DAYS";
  }

  static String setViewTtlDays(String view, long days) {
    return "ALTER MATERIALIZED VIEW " + quote(view) + " SET TTL " + days + " DAYS";
  }

  static String setViewTtlWeeks(String view, long weeks) {
    return "ALTER MATERIALIZED VIEW " + quote(view) + " SET TTL " + weeks + " WEEKS";
  }

  /**
   * Converts every native partition that starts before {@code before} to Parquet. QuestDB matches
   * the condition against each partition's start; with {@code before} at a day boundary that means
   * whole days older than it. Evaluated when the WAL applies the statement: a table with no such
   * partition any more (dropped by its TTL meanwhile) skips it without error.
   */
  static String convertToParquet(String measurement, java.time.Instant before) {
    if (!before.equals(before.truncatedTo(java.time.temporal.ChronoUnit.DAYS))) {
      throw new IllegalArgumentException("Parquet cut-off must be a UTC day boundary: " + before);
    }
    return "ALTER TABLE "
        + quote(measurement)
        + " CONVERT PARTITION TO PARQUET WHERE ts < '"
        + before
        + "'";
  }

  /** Converts every Parquet partition that starts before {@code before} back to native. */
  static String convertToNative(String measurement, java.time.Instant before) {
    return "ALTER TABLE "
        + quote(measurement)
        + " CONVERT PARTITION TO NATIVE WHERE ts < '"
        + before
        + "'";
  }

  static String dropView(String measurement, Resolution resolution) {
    return "DROP MATERIALIZED VIEW IF EXISTS " + quote(viewName(measurement, resolution));
  }

  /**
   * A rollup view: per bucket, host and tag set, min/avg/max/count of every field. The 1-minute
   * view is partitioned by day, the 1-hour view by week (TTL must be a multiple of the partition).
   */
  static String createView(
      TableSchema schema, Resolution resolution, long ttl, java.time.Duration refreshEvery) {
    StringJoiner select = new StringJoiner(", ");
    select.add("ts");
    select.add(quote(Point.HOST_TAG));
    schema.tags().forEach(tag -> select.add(quote(tag)));
    for (String field : schema.fields().keySet()) {
      for (String aggregate : AGGREGATES) {
        select.add(
            aggregate + "(" + quote(field) + ") " + quote(aggregateColumn(field, aggregate)));
      }
    }
    String sampleBy = resolution == Resolution.MINUTE ? "1m" : "1h";
    String partition =
        resolution == Resolution.MINUTE ? "DAY TTL " + ttl + " DAYS" : "WEEK TTL " + ttl + " WEEKS";
    String refresh =
        refreshEvery.isZero() ? "" : " REFRESH EVERY " + refreshEvery.toMinutes() + "m";
    return "CREATE MATERIALIZED VIEW IF NOT EXISTS "
        + quote(viewName(schema.measurement(), resolution))
        + refresh
        + " AS (SELECT "
        + select
        + " FROM "
        + quote(schema.measurement())
        + " SAMPLE BY "
        + sampleBy
        + ") PARTITION BY "
        + partition;
  }

  private static String dedupKeys(Collection<String> tags) {
    StringJoiner keys = new StringJoiner(", ");
    keys.add("ts");
    keys.add(quote(Point.HOST_TAG));
    tags.forEach(tag -> keys.add(quote(tag)));
    return keys.toString();
  }
}
