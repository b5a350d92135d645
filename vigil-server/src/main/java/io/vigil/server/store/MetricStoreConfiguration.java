package io.vigil.server.store;

import io.vigil.server.DataDirectory;
import io.vigil.storage.MetricStore;
import io.vigil.storage.questdb.QuestDbMetricStore;
import io.vigil.storage.questdb.QuestDbSettings;
import io.vigil.storage.victoriametrics.VictoriaMetricsStore;
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

  /** Settings only the embedded engine reads. */
  static final List<String> EMBEDDED_ONLY =
      List.of(
          "vigil.storage.raw-retention",
          "vigil.storage.minute-rollup-retention",
          "vigil.storage.hour-rollup-retention",
          "vigil.storage.sync-commits",
          "vigil.storage.rollup-refresh-interval");

  @Bean(destroyMethod = "close")
  MetricStore metricStore(
      DataDirectory dataDir, StorageProperties properties, Environment environment) {
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
            properties.rollupRefreshInterval()));
  }

  static java.nio.file.Path metricsDirectory(DataDirectory dataDir) {
    return dataDir.resolve("metrics");
  }
}
