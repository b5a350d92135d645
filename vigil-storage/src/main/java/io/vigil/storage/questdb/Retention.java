package io.vigil.storage.questdb;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.sql.TableMetadata;
import io.vigil.storage.Resolution;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the TTLs of existing tables and rollup views in line with the settings. A table keeps the
 * TTL it was created with, so without this a changed retention would only reach measurements
 * created after the change. QuestDB applies a new TTL at once: partitions now older than it are
 * dropped when the ALTER is applied, rollups of the dropped raw days stay.
 */
final class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  /** One table or view whose TTL differs from the settings, and the statement that fixes it. */
  record Change(String table, int fromHours, int toHours, String sql) {}

  private final CairoEngine engine;
  private final QuestDbSettings settings;

  Retention(CairoEngine engine, QuestDbSettings settings) {
    this.engine = engine;
    this.settings = settings;
  }

  /** The statements that give a measurement's table and views the configured TTLs. */
  List<Change> changesFor(String measurement) {
    List<Change> changes = new ArrayList<>();
    check(
        measurement,
        settings.rawRetentionHours(),
        SchemaSql.setTableTtl(measurement, settings.rawRetentionDays()),
        changes);
    String minutes = SchemaSql.viewName(measurement, Resolution.MINUTE);
    check(
        minutes,
        settings.minuteRollupRetentionHours(),
        SchemaSql.setViewTtlDays(minutes, settings.minuteRollupRetentionDays()),
        changes);
    String hours = SchemaSql.viewName(measurement, Resolution.HOUR);
    check(
        hours,
        settings.hourRollupRetentionHours(),
        SchemaSql.setViewTtlWeeks(hours, settings.hourRollupRetentionWeeks()),
        changes);
    return changes;
  }

  /** Applies the changes of one measurement, logging each. */
  void apply(String measurement, SqlRunner sql) {
    for (Change change : changesFor(measurement)) {
      LOG.info(
          "retention of {} changes from {} h to {} h; partitions older than that are dropped",
          change.table(),
          change.fromHours(),
          change.toHours());
      sql.execute(change.sql());
    }
  }

  private void check(String table, int wantedHours, String sql, List<Change> changes) {
    TableToken token = engine.getTableTokenIfExists(table);
    if (token == null) {
      return; // a view being recreated gets its TTL when it is created
    }
    try (TableMetadata metadata = engine.getTableMetadata(token)) {
      int hours = metadata.getTtlHoursOrMonths();
      if (hours != wantedHours) {
        changes.add(new Change(table, hours, wantedHours, sql));
      }
    }
  }
}
