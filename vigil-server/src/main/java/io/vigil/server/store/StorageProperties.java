package io.vigil.server.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The metrics store ({@code vigil.storage.*}); unknown keys fail the start.
 *
 * @param rawRetention how long raw points are kept; a change reaches existing measurements at the
 *     next start (their older partitions are dropped then)
 * @param minuteRollupRetention how long 1-minute min/avg/max rollups are kept
 * @param hourRollupRetention how long 1-hour rollups are kept
 * @param syncCommits fsync every commit (survives power loss; much slower). Without it an
 *     acknowledged batch survives a crash of the server process, not of the machine.
 * @param rollupRefreshInterval how often rollups catch up with raw data (0s: after every commit)
 * @param minFreeSpace ingest answers 503 (agents keep their batches spooled) while the metrics
 *     directory's file system has less than this free, so the store and the config database never
 *     meet a full disk mid-write
 * @param parquetAfter raw days older than this are converted to Parquet (smaller, read a little
 *     slower); unset: never. Never earlier than ingest still accepts points ({@code
 *     vigil.ingest.max-age} plus an hour)
 * @param sizeSampleInterval how often the server records the store's size and the free space (its
 *     own measurement {@code vigil_store}) for the storage screen's growth projection
 */
@ConfigurationProperties(prefix = "vigil.storage", ignoreUnknownFields = false)
public record StorageProperties(
    @DefaultValue("30d") Duration rawRetention,
    @DefaultValue("400d") Duration minuteRollupRetention,
    @DefaultValue("1826d") Duration hourRollupRetention,
    @DefaultValue("false") boolean syncCommits,
    @DefaultValue("1m") Duration rollupRefreshInterval,
    @DefaultValue("512MB") DataSize minFreeSpace,
    Duration parquetAfter,
    @DefaultValue("5m") Duration sizeSampleInterval) {

  public StorageProperties {
    if (parquetAfter != null && parquetAfter.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(
          "vigil.storage.parquet-after must be at least 1d (whole days are converted) but was "
              + parquetAfter);
    }
    if (sizeSampleInterval.compareTo(Duration.ofSeconds(1)) < 0
        || sizeSampleInterval.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "vigil.storage.size-sample-interval must be between 1s and 1d but was "
              + sizeSampleInterval);
    }
  }
}
