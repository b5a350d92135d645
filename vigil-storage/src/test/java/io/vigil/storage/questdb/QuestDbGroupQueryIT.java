package io.vigil.storage.questdb;

import io.vigil.storage.GroupQueryContract;
import io.vigil.storage.MetricStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link GroupQueryContract} against a real embedded QuestDB store. */
class QuestDbGroupQueryIT extends GroupQueryContract {

  private final QuestDbMetricStore store;

  /** Opened here: the contract's set-up (which writes) runs before any of this class's. */
  QuestDbGroupQueryIT(@TempDir Path dir) {
    store = QuestDbMetricStore.open(QuestDbSettings.defaults(dir));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  protected MetricStore store() {
    return store;
  }

  @Override
  protected void awaitWritten() {
    store.awaitApplied(Duration.ofSeconds(30));
  }
}
