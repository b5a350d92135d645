package io.vigil.storage.questdb;

import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.TableToken;
import io.vigil.storage.MeasurementDiskUsage;
import io.vigil.storage.Resolution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the store on disk: a table's bytes are the sizes of every file in its directory
 * (partitions, symbol tables, WAL segments not yet purged, a replaced partition version until
 * QuestDB purges it), so the figures add up to what the file system holds; partition counts, rows
 * and Parquet files come from {@code table_partitions()}.
 */
final class DiskUsageReader {

  private final CairoEngine engine;
  private final SqlRunner sql;
  private final Path dbRoot;

  DiskUsageReader(CairoEngine engine, SqlRunner sql, Path dbRoot) {
    this.engine = engine;
    this.sql = sql;
    this.dbRoot = dbRoot;
  }

  /** Everything under the engine's database directory. */
  long total() {
    return directorySize(dbRoot);
  }

  List<MeasurementDiskUsage> byMeasurement(Collection<String> measurements) {
    List<MeasurementDiskUsage> usage = new ArrayList<>();
    for (String measurement : measurements) {
      TableToken raw = engine.getTableTokenIfExists(measurement);
      if (raw == null) {
        continue; // dropped while we looked
      }
      long rollups =
          tableBytes(SchemaSql.viewName(measurement, Resolution.MINUTE))
              + tableBytes(SchemaSql.viewName(measurement, Resolution.HOUR));
      long[] partitions = partitions(measurement);
      usage.add(
          new MeasurementDiskUsage(
              measurement,
              directorySize(dbRoot.resolve(raw.getDirName())),
              rollups,
              partitions[0],
              (int) partitions[1],
              (int) partitions[2],
              partitions[3]));
    }
    usage.sort(Comparator.comparingLong(MeasurementDiskUsage::totalBytes).reversed());
    return usage;
  }

  private long tableBytes(String table) {
    TableToken token = engine.getTableTokenIfExists(table);
    return token == null ? 0 : directorySize(dbRoot.resolve(token.getDirName()));
  }

  /** Rows, attached partitions, Parquet partitions, Parquet bytes. */
  private long[] partitions(String measurement) {
    long[] totals = new long[4];
    sql.select(
        "SELECT numRows, isParquet, parquetFileSize, detached FROM table_partitions('"
            + SchemaSql.unquotedIdentifier(measurement)
            + "')",
        binds -> {},
        (record, metadata) -> {
          if (record.getBool(3)) {
            return; // detached: not part of the table
          }
          totals[0] += Math.max(0, record.getLong(0));
          totals[1]++;
          if (record.getBool(1)) {
            totals[2]++;
            totals[3] += Math.max(0, record.getLong(2));
          }
        });
    return totals;
  }

  static long directorySize(Path dir) {
    AtomicLong total = new AtomicLong();
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              total.addAndGet(attrs.size());
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // WAL segments and replaced partitions vanish while we walk: skip them.
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + dir, e);
    }
    return total.get();
  }
}
