package io.vigil.storage.memory;

import io.vigil.storage.GroupQueryContract;
import io.vigil.storage.MetricStore;

class InMemoryGroupQueryTest extends GroupQueryContract {

  private final InMemoryMetricStore store = new InMemoryMetricStore();

  @Override
  protected MetricStore store() {
    return store;
  }

  @Override
  protected void awaitWritten() {
    // every write is visible at once
  }
}
