package io.vigil.server.store;

import io.vigil.model.Point;
import io.vigil.server.DataDirectory;
import io.vigil.server.ingest.IngestPipeline;
import io.vigil.storage.MetricStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the store's size and the free space of its file system into the store itself, every {@code
 * vigil.storage.size-sample-interval}, as measurement {@code vigil_store} (tag {@code host} =
 * {@value #HOST}; fields {@code size_bytes}, {@code free_bytes}). The storage screen fits its
 * growth from this history; like any measurement it is kept for the raw retention and rolled up.
 */
@Component
class StoreSizeRecorder {

  static final String MEASUREMENT = "vigil_store";
  static final String HOST = "vigil-server";

  private static final Logger log = LoggerFactory.getLogger(StoreSizeRecorder.class);

  private final MetricStore store;
  private final IngestPipeline pipeline;
  private final Path directory;
  private final Clock clock;

  StoreSizeRecorder(MetricStore store, IngestPipeline pipeline, DataDirectory dataDir) {
    this.store = store;
    this.pipeline = pipeline;
    this.directory = dataDir.resolve("metrics");
    this.clock = Clock.systemUTC();
  }

  @Scheduled(
      fixedRateString = "${vigil.storage.size-sample-interval:5m}",
      initialDelayString = "${vigil.storage.size-sample-interval:5m}")
  void record() {
    try {
      long free = Files.getFileStore(directory).getUsableSpace();
      Point point =
          new Point(
              MEASUREMENT,
              Map.of(Point.HOST_TAG, HOST),
              Map.of("size_bytes", (double) store.diskUsageBytes(), "free_bytes", (double) free),
              clock.millis());
      pipeline
          .submitOwn(List.of(point))
          .whenComplete(
              (ok, e) -> {
                if (e != null) {
                  log.warn("Could not record the store's size: {}", e.toString());
                }
              });
    } catch (IOException | RuntimeException e) {
      // The next sample comes in one interval; a missed one only thins the history.
      log.warn("Could not record the store's size: {}", e.toString());
    }
  }
}
