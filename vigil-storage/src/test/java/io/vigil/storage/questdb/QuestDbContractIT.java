package io.vigil.storage.questdb;

import io.vigil.storage.MetricStore;
import io.vigil.storage.MetricStoreContract;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine against the shared contract; its own details are in QuestDbMetricStoreIT. */
class QuestDbContractIT extends MetricStoreContract {

  @TempDir Path dir;

  @Override
  protected MetricStore open() {
    // Rollups refreshed after every commit keep the contract quick.
    return QuestDbMetricStore.open(
        QuestDbSettings.defaults(dir).withRollupRefreshInterval(Duration.ZERO));
  }

  @Override
  protected MetricStore reopen() {
    store.close();
    return open();
  }
}
