package io.vigil.server.store;

import io.vigil.server.DataDirectory;
import io.vigil.server.ingest.IngestProperties;
import io.vigil.storage.MetricStore;
import io.vigil.storage.questdb.QuestDbMetricStore;
import io.vigil.storage.questdb.QuestDbSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the embedded metrics store under the data directory; closed when the server stops. */
@Configuration
class MetricStoreConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MetricStoreConfiguration.class);

  /** Margin between the oldest point ingest accepts and the newest day converted to Parquet. */
  static final Duration PARQUET_MARGIN = Duration.ofHours(1);

  @Bean(destroyMethod = "close")
  MetricStore metricStore(
      DataDirectory dataDir, StorageProperties properties, IngestProperties ingest) {
    return QuestDbMetricStore.open(
        new QuestDbSettings(
                dataDir.resolve("metrics"),
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
}
