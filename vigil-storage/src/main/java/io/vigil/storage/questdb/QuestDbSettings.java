package io.vigil.storage.questdb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the embedded QuestDB engine is opened.
 *
 * @param dataDir QuestDB root directory (holds {@code db/}, {@code conf/}, {@code log/}); created
 *     when missing
 * @param rawRetention how long raw points are kept (TTL of each measurement table, whole days)
 * @param minuteRollupRetention TTL of the 1-minute rollup views (whole days)
 * @param hourRollupRetention TTL of the 1-hour rollup views (rounded up to whole weeks)
 * @param syncCommits {@code false}: a write is durable against a crash of the process once {@link
 *     QuestDbMetricStore#write} returns (data is in the OS page cache); {@code true}: each commit
 *     is also fsync'ed, so it survives power loss, at a large cost in ingest rate
 * @param rollupRefreshInterval how often the rollup views catch up with new raw data; {@link
 *     Duration#ZERO} refreshes after every commit, which under a steady stream of small commits
 *     costs more CPU than the ingest itself (measured: ~50% of two cores at 200k samples/s)
 * @param parquetAfter raw partitions whose whole day is older than this are converted to Parquet;
 *     {@code null}: never. The caller makes sure nothing writes points that old any more (a late
 *     point into a Parquet partition is rewritten at a cost, and fails after a schema change)
 * @param parquetCheckInterval how often the store looks for partitions to convert
 */
public record QuestDbSettings(
    Path dataDir,
    Duration rawRetention,
    Duration minuteRollupRetention,
    Duration hourRollupRetention,
    boolean syncCommits,
    Duration rollupRefreshInterval,
    Duration parquetAfter,
    Duration parquetCheckInterval) {

  public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(30);
  public static final Duration DEFAULT_MINUTE_ROLLUP_RETENTION = Duration.ofDays(400);
  public static final Duration DEFAULT_HOUR_ROLLUP_RETENTION = Duration.ofDays(5 * 365 + 1);
  public static final Duration DEFAULT_ROLLUP_REFRESH_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_PARQUET_CHECK_INTERVAL = Duration.ofHours(1);

  public QuestDbSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    rawRetention = atLeastOneDay("rawRetention", rawRetention, DEFAULT_RAW_RETENTION);
    minuteRollupRetention =
        atLeastOneDay(
            "minuteRollupRetention", minuteRollupRetention, DEFAULT_MINUTE_ROLLUP_RETENTION);
    hourRollupRetention =
        atLeastOneDay("hourRollupRetention", hourRollupRetention, DEFAULT_HOUR_ROLLUP_RETENTION);
    rollupRefreshInterval =
        rollupRefreshInterval == null ? DEFAULT_ROLLUP_REFRESH_INTERVAL : rollupRefreshInterval;
    if (rollupRefreshInterval.isNegative()
        || rollupRefreshInterval.toMillis() % 60_000 != 0
        || rollupRefreshInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "rollupRefreshInterval must be whole minutes between 0 and 1 h but was "
              + rollupRefreshInterval);
    }
    if (parquetAfter != null && parquetAfter.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(
          "parquetAfter must be at least one day (whole partitions) but was " + parquetAfter);
    }
    parquetCheckInterval =
        parquetCheckInterval == null ? DEFAULT_PARQUET_CHECK_INTERVAL : parquetCheckInterval;
    if (!parquetCheckInterval.isPositive()) {
      throw new IllegalArgumentException(
          "parquetCheckInterval must be positive but was " + parquetCheckInterval);
    }
  }

  /** Without Parquet conversion (as before it existed). */
  public QuestDbSettings(
      Path dataDir,
      Duration rawRetention,
      Duration minuteRollupRetention,
      Duration hourRollupRetention,
      boolean syncCommits,
      Duration rollupRefreshInterval) {
    this(
        dataDir,
        rawRetention,
        minuteRollupRetention,
        hourRollupRetention,
        syncCommits,
        rollupRefreshInterval,
        null,
        null);
  }

  /**
   * The defaults: 30 days raw, 400 days of minutes, 5 years of hours, no fsync per commit, rollups
   * refreshed every minute, no Parquet conversion.
   */
  public static QuestDbSettings defaults(Path dataDir) {
    return new QuestDbSettings(dataDir, null, null, null, false, null);
  }

  public QuestDbSettings withRawRetention(Duration retention) {
    return new QuestDbSettings(
        dataDir,
        retention,
        minuteRollupRetention,
        hourRollupRetention,
        syncCommits,
        rollupRefreshInterval,
        parquetAfter,
        parquetCheckInterval);
  }

  /** Both rollup retentions at once. */
  public QuestDbSettings withRollupRetention(Duration minutes, Duration hours) {
    return new QuestDbSettings(
        dataDir,
        rawRetention,
        minutes,
        hours,
        syncCommits,
        rollupRefreshInterval,
        parquetAfter,
        parquetCheckInterval);
  }

  public QuestDbSettings withSyncCommits(boolean sync) {
    return new QuestDbSettings(
        dataDir,
        rawRetention,
        minuteRollupRetention,
        hourRollupRetention,
        sync,
        rollupRefreshInterval,
        parquetAfter,
        parquetCheckInterval);
  }

  public QuestDbSettings withRollupRefreshInterval(Duration interval) {
    return new QuestDbSettings(
        dataDir,
        rawRetention,
        minuteRollupRetention,
        hourRollupRetention,
        syncCommits,
        interval,
        parquetAfter,
        parquetCheckInterval);
  }

  /** Converts raw partitions older than {@code after} to Parquet, looking every {@code every}. */
  public QuestDbSettings withParquetAfter(Duration after, Duration every) {
    return new QuestDbSettings(
        dataDir,
        rawRetention,
        minuteRollupRetention,
        hourRollupRetention,
        syncCommits,
        rollupRefreshInterval,
        after,
        every);
  }

  /** Raw TTL in whole days, rounded up: QuestDB drops whole DAY partitions. */
  long rawRetentionDays() {
    return ceilDiv(rawRetention, Duration.ofDays(1));
  }

  long minuteRollupRetentionDays() {
    return ceilDiv(minuteRollupRetention, Duration.ofDays(1));
  }

  /** Hour rollups are partitioned by WEEK, and a TTL must be a multiple of the partition. */
  long hourRollupRetentionWeeks() {
    return ceilDiv(hourRollupRetention, Duration.ofDays(7));
  }

  /** TTLs as QuestDB keeps them, in hours: raw table, 1-minute view, 1-hour view. */
  int rawRetentionHours() {
    return Math.toIntExact(rawRetentionDays() * 24);
  }

  int minuteRollupRetentionHours() {
    return Math.toIntExact(minuteRollupRetentionDays() * 24);
  }

  int hourRollupRetentionHours() {
    return Math.toIntExact(hourRollupRetentionWeeks() * 7 * 24);
  }

  private static long ceilDiv(Duration value, Duration unit) {
    long whole = value.dividedBy(unit);
    return value.equals(unit.multipliedBy(whole)) ? whole : whole + 1;
  }

  private static Duration atLeastOneDay(String what, Duration value, Duration fallback) {
    Duration v = value == null ? fallback : value;
    if (v.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(what + " must be at least one day but was " + v);
    }
    return v;
  }
}
