package io.vigil.storage;

import io.vigil.model.Names;

/**
 * Disk used by one measurement, for the storage screen.
 *
 * @param measurement the measurement
 * @param rawBytes bytes of its raw table on disk (partitions, symbol tables, WAL not yet purged)
 * @param rollupBytes bytes of its rollups (1-minute and 1-hour views together)
 * @param rawRows rows in the raw table
 * @param rawPartitions partitions of the raw table
 * @param parquetPartitions how many of them are stored as Parquet
 * @param parquetBytes bytes of those Parquet files (part of {@code rawBytes})
 */
public record MeasurementDiskUsage(
    String measurement,
    long rawBytes,
    long rollupBytes,
    long rawRows,
    int rawPartitions,
    int parquetPartitions,
    long parquetBytes) {

  public MeasurementDiskUsage {
    Names.requireIdentifier("measurement", measurement);
    if (rawBytes < 0
        || rollupBytes < 0
        || rawRows < 0
        || rawPartitions < 0
        || parquetPartitions < 0
        || parquetPartitions > rawPartitions
        || parquetBytes < 0) {
      throw new IllegalArgumentException("disk usage of " + measurement + " cannot be negative");
    }
  }

  /** Raw table and rollups together. */
  public long totalBytes() {
    return rawBytes + rollupBytes;
  }
}
