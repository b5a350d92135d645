package io.vigil.server.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The metrics store ({@code vigil.storage.*}); unknown keys fail the start.
 *
 * @param engine {@code embedded} (QuestDB under the data directory) or {@code victoriametrics} (a
 *     remote VictoriaMetrics, {@code vigil.storage.victoriametrics.*})
 * @param rawRetention how long raw points are kept (embedded engine); a change reaches existing
 *     measurements at the next start (their older partitions are dropped then)
 * @param minuteRollupRetention how long 1-minute min/avg/max rollups are kept (embedded engine)
 * @param hourRollupRetention how long 1-hour rollups are kept (embedded engine)
 * @param syncCommits fsync every commit (survives power loss; much slower). Without it an
 *     acknowledged batch survives a crash of the server process, not of the machine (embedded)
 * @param rollupRefreshInterval how often rollups catch up with raw data (0s: after every commit;
 *     embedded engine)
 * @param minFreeSpace ingest answers 503 (agents keep their batches spooled) while the watched
 *     directory's file system has less than this free, so the store and the config database never
 *     meet a full disk mid-write: {@code <data-dir>/metrics} with the embedded engine, the data
 *     directory itself (config database, secrets key) with the remote one
 * @param parquetAfter raw days older than this are converted to Parquet (smaller, read a little
 *     slower); unset: never. Never earlier than ingest still accepts points ({@code
 *     vigil.ingest.max-age} plus an hour). Embedded engine
 * @param sizeSampleInterval how often the server records the store's size and the free space (its
 *     own measurement {@code vigil_store}) for the storage screen's growth projection
 * @param victoriametrics where the remote engine finds VictoriaMetrics
 */
@ConfigurationProperties(prefix = "vigil.storage", ignoreUnknownFields = false)
public record StorageProperties(
    @DefaultValue("embedded") Engine engine,
    @DefaultValue("30d") Duration rawRetention,
    @DefaultValue("400d") Duration minuteRollupRetention,
    @DefaultValue("1826d") Duration hourRollupRetention,
    @DefaultValue("false") boolean syncCommits,
    @DefaultValue("1m") Duration rollupRefreshInterval,
    @DefaultValue("512MB") DataSize minFreeSpace,
    Duration parquetAfter,
    @DefaultValue("5m") Duration sizeSampleInterval,
    @DefaultValue VictoriaMetricsProperties victoriametrics) {

  /** Which {@code MetricStore} the server opens. */
  public enum Engine {
    EMBEDDED,
    VICTORIAMETRICS
  }

  public StorageProperties {
    if (engine == Engine.VICTORIAMETRICS && victoriametrics.url() == null) {
      throw new IllegalArgumentException(
          "vigil.storage.engine=victoriametrics needs vigil.storage.victoriametrics.url");
    }
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
