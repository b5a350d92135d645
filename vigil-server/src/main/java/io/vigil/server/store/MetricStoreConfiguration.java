package io.vigil.server.store;

import io.vigil.server.DataDirectory;
import io.vigil.server.ingest.IngestProperties;
import io.vigil.storage.MetricStore;
import io.vigil.storage.questdb.QuestDbMetricStore;
import io.vigil.storage.questdb.QuestDbSettings;
import io.vigil.storage.victoriametrics.VictoriaMetricsStore;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Opens the metrics store {@code vigil.storage.engine} names: the embedded engine under the data
 * directory, or the remote VictoriaMetrics. Closed when the server stops.
 */
@Configuration
class MetricStoreConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MetricStoreConfiguration.class);

  /** Margin between the oldest point ingest accepts and the newest day converted to Parquet. */
  static final Duration PARQUET_MARGIN = Duration.ofHours(1);

  /** Settings only the embedded engine reads. */
  static final List<String> EMBEDDED_ONLY =
      List.of(
          "vigil.storage.raw-retention",
          "vigil.storage.minute-rollup-retention",
          "vigil.storage.hour-rollup-retention",
          "vigil.storage.sync-commits",
          "vigil.storage.rollup-refresh-interval",
          "vigil.storage.parquet-after");

  @Bean(destroyMethod = "close")
  MetricStore metricStore(
      DataDirectory dataDir,
      StorageProperties properties,
      IngestProperties ingest,
      Environment environment) {
    if (properties.engine() == StorageProperties.Engine.VICTORIAMETRICS) {
      for (String key : EMBEDDED_ONLY) {
        if (environment.containsProperty(key)) {
          log.warn(
              "{} is ignored with the VictoriaMetrics engine: VictoriaMetrics keeps raw samples for"
                  + " its -retentionPeriod, computes rollups when asked and decides its own"
                  + " flushing",
              key);
        }
      }
      return VictoriaMetricsStore.open(properties.victoriametrics().settings());
    }
    return QuestDbMetricStore.open(
        new QuestDbSettings(
                metricsDirectory(dataDir),
                properties.rawRetention(),
                properties.minuteRollupRetention(),
                properties.hourRollupRetention(),
                properties.syncCommits(),
                properties.rollupRefreshInterval())
            .withParquetAfter(parquetAfter(properties, ingest), null));
  }

  /**
   * When days become Parquet: the setting, but never a day ingest may still write into (a late
   * point into a Parquet partition is a costly rewrite, and QuestDB 9.3 refuses it after the
   * measurement gained a field).
   */
  static Duration parquetAfter(StorageProperties properties, IngestProperties ingest) {
    Duration wanted = properties.parquetAfter();
    if (wanted == null) {
      return null;
    }
    Duration earliest = ingest.maxAge().plus(PARQUET_MARGIN);
    if (wanted.compareTo(earliest) < 0) {
      log.info(
          "vigil.storage.parquet-after {} is within what ingest accepts (vigil.ingest.max-age {});"
              + " converting after {} instead",
          wanted,
          ingest.maxAge(),
          earliest);
      return earliest;
    }
    return wanted;
  }

  static java.nio.file.Path metricsDirectory(DataDirectory dataDir) {
    return dataDir.resolve("metrics");
  }
}
