package io.vigil.server.store;

import io.vigil.server.DataDirectory;
import io.vigil.storage.MetricStore;
import io.vigil.storage.questdb.QuestDbMetricStore;
import io.vigil.storage.questdb.QuestDbSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the embedded metrics store under the data directory; closed when the server stops. */
@Configuration
class MetricStoreConfiguration {

  @Bean(destroyMethod = "close")
  MetricStore metricStore(DataDirectory dataDir, StorageProperties properties) {
    return QuestDbMetricStore.open(
        new QuestDbSettings(
            dataDir.resolve("metrics"),
            properties.rawRetention(),
            properties.minuteRollupRetention(),
            properties.hourRollupRetention(),
            properties.syncCommits(),
            properties.rollupRefreshInterval()));
  }
}
