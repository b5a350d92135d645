package io.vigil.storage.victoriametrics;

import io.vigil.storage.MetricStore;
import io.vigil.storage.MetricStoreContract;
import io.vigil.testkit.VictoriaMetricsServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The remote engine against the shared contract, on a real VictoriaMetrics started per test. */
class VictoriaMetricsContractIT extends MetricStoreContract {

  @TempDir Path dir;
  private VictoriaMetricsServer server;

  @Override
  protected MetricStore open() {
    server = VictoriaMetricsServer.in(dir).start();
    return VictoriaMetricsStore.open(VictoriaMetricsSettings.defaults(server.url()));
  }

  /** VictoriaMetrics stopped gently (it flushes to disk) and started again on its data. */
  @Override
  protected MetricStore reopen() {
    store.close();
    server.restart();
    return VictoriaMetricsStore.open(VictoriaMetricsSettings.defaults(server.url()));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}
