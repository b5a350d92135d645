package io.vigil.storage.questdb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts raw partitions older than {@link QuestDbSettings#parquetAfter()} to Parquet, on its own
 * daemon thread every {@link QuestDbSettings#parquetCheckInterval()}. The conversion itself runs in
 * QuestDB's WAL apply job (the ALTER is queued in the table's WAL like a write), so a long
 * conversion delays that table's newest rows becoming visible, never the writer. Queries read
 * Parquet partitions like native ones; rollup views are left native (they are small and their
 * recent partitions keep changing).
 *
 * <p><b>Schema changes.</b> QuestDB 9.3 cannot read a column added after a partition was converted
 * from that partition (the query fails), and cannot merge a late row into it either. So before a
 * measurement gains a column, its Parquet partitions are converted back to native ({@link
 * #withoutParquet}); the next scheduled run converts them again, now with the new column. Both run
 * under one lock, so a conversion is never queued between the two.
 */
final class ParquetArchiver implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ParquetArchiver.class);

  private final SqlRunner sql;
  private final Supplier<Collection<String>> measurements;
  private final Duration after;
  private final Clock clock;
  private final LongSupplier usableSpace;
  private ScheduledExecutorService timer;

  /**
   * @param after convert partitions older than this; {@code null}: only on request ({@link
   *     #convertOlderThan})
   * @param usableSpace free bytes on the store's file system
   */
  ParquetArchiver(
      SqlRunner sql,
      Supplier<Collection<String>> measurements,
      Duration after,
      Clock clock,
      LongSupplier usableSpace) {
    this.sql = sql;
    this.measurements = measurements;
    this.after = after;
    this.clock = clock;
    this.usableSpace = usableSpace;
  }

  /** First look after a minute (or one interval, if shorter), then every interval. */
  void start(Duration every) {
    if (after == null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("vigil-parquet").unstarted(r));
    long period = every.toMillis();
    timer.scheduleWithFixedDelay(
        this::runSafely, Math.min(period, 60_000), period, TimeUnit.MILLISECONDS);
  }

  /** The newest instant a converted partition may reach: a UTC day boundary. */
  Instant cutoff() {
    return clock.instant().minus(after).truncatedTo(ChronoUnit.DAYS);
  }

  /**
   * Queues the conversion of every native raw partition starting before {@code before} (a UTC day
   * boundary); returns how many partitions were queued. Measurements without such partitions get no
   * statement.
   */
  synchronized int convertOlderThan(Instant before) {
    int queued = 0;
    for (String measurement : measurements.get()) {
      Partitions candidates = partitions(measurement, before, false);
      if (candidates.count() > 0 && !roomFor(measurement, candidates)) {
        continue;
      }
      if (candidates.count() > 0) {
        sql.execute(SchemaSql.convertToParquet(measurement, before));
        LOG.info(
            "converting {} partitions of {} before {} to Parquet",
            candidates.count(),
            measurement,
            before);
        queued += candidates.count();
      }
    }
    return queued;
  }

  /**
   * Runs {@code change} (a schema change) once the measurement has no Parquet partition: converts
   * them back to native first, in the same WAL as the change, so the change is applied after them.
   */
  synchronized void withoutParquet(String measurement, Runnable change) {
    Partitions parquet = partitions(measurement, null, true);
    if (parquet.count() > 0) {
      LOG.info(
          "{} gains a column: converting its {} Parquet partitions back to native first",
          measurement,
          parquet.count());
      sql.execute(
          SchemaSql.convertToNative(measurement, parquet.lastDay().plus(1, ChronoUnit.DAYS)));
    }
    change.run();
  }

  /**
   * The Parquet file is written beside the native partition, which is purged later: a conversion
   * that met a full disk would suspend the table. Wait for space rather than risk it.
   */
  private boolean roomFor(String measurement, Partitions candidates) {
    long usable = usableSpace.getAsLong();
    if (usable < candidates.bytes()) {
      LOG.warn(
          "not converting {} days of {} to Parquet: {} bytes free, they take {}",
          candidates.count(),
          measurement,
          usable,
          candidates.bytes());
      return false;
    }
    return true;
  }

  /** Attached partitions of one format (starting before {@code before}, if given). */
  private record Partitions(int count, long bytes, Instant lastDay) {}

  private Partitions partitions(String measurement, Instant before, boolean parquet) {
    int[] count = {0};
    long[] bytes = {0};
    Instant[] last = {Instant.EPOCH};
    sql.select(
        "SELECT name, isParquet, detached, diskSize FROM table_partitions('"
            + SchemaSql.unquotedIdentifier(measurement)
            + "')",
        binds -> {},
        (record, metadata) -> {
          // DAY partitions are named by their UTC day; a parquet partition has no min timestamp.
          Instant day =
              LocalDate.parse(String.valueOf(record.getStrA(0)).substring(0, 10))
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant();
          boolean matches =
              record.getBool(1) == parquet
                  && !record.getBool(2)
                  && (before == null || day.isBefore(before));
          if (matches) {
            count[0]++;
            bytes[0] += Math.max(0, record.getLong(3));
            last[0] = day.isAfter(last[0]) ? day : last[0];
          }
        });
    return new Partitions(count[0], bytes[0], last[0]);
  }

  private void runSafely() {
    try {
      convertOlderThan(cutoff());
    } catch (RuntimeException e) {
      LOG.warn("Parquet conversion failed; it is tried again in one interval", e);
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
