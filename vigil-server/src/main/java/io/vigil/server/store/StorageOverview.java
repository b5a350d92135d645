package io.vigil.server.store;

import io.vigil.storage.MeasurementDiskUsage;
import java.util.List;

/**
 * The storage screen's data: what the store holds, where, for how long, and how it grew.
 *
 * @param storeBytes everything the store keeps on disk
 * @param fileSystem the file system the store lives on
 * @param retention what is kept how long
 * @param measurements disk use per measurement, largest first; empty when the engine cannot tell
 * @param history the store's recorded size, oldest first (the last 7 days at most)
 */
record StorageOverview(
    long storeBytes,
    FileSystem fileSystem,
    Retention retention,
    List<Measurement> measurements,
    History history) {

  /**
   * @param directory the store's directory
   * @param totalBytes size of the file system
   * @param freeBytes free space usable by the server
   * @param minFreeBytes below this free space ingest stops ({@code vigil.storage.min-free-space})
   */
  record FileSystem(String directory, long totalBytes, long freeBytes, long minFreeBytes) {}

  /**
   * @param rawSeconds raw points are kept this long
   * @param minuteRollupSeconds 1-minute rollups are kept this long
   * @param hourRollupSeconds 1-hour rollups are kept this long
   * @param parquetAfterSeconds raw days older than this are stored as Parquet; null: never
   */
  record Retention(
      long rawSeconds,
      long minuteRollupSeconds,
      long hourRollupSeconds,
      Long parquetAfterSeconds) {}

  /** One measurement's disk use; {@code totalBytes} = raw + rollups. */
  record Measurement(
      String measurement,
      long rawBytes,
      long rollupBytes,
      long totalBytes,
      long rows,
      int partitions,
      int parquetPartitions,
      long parquetBytes) {

    static Measurement of(MeasurementDiskUsage usage) {
      return new Measurement(
          usage.measurement(),
          usage.rawBytes(),
          usage.rollupBytes(),
          usage.totalBytes(),
          usage.rawRows(),
          usage.rawPartitions(),
          usage.parquetPartitions(),
          usage.parquetBytes());
    }
  }

  /**
   * @param intervalSeconds how often a sample is recorded
   * @param samples recorded samples, oldest first
   */
  record History(long intervalSeconds, List<Sample> samples) {}

  /**
   * @param t when (epoch millis)
   * @param sizeBytes the store's size then
   * @param freeBytes free space on its file system then (null if not recorded)
   */
  record Sample(long t, long sizeBytes, Long freeBytes) {}
}
