package io.vigil.server.store;

import io.vigil.model.Point;
import io.vigil.server.DataDirectory;
import io.vigil.server.ingest.IngestProperties;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/storage}, admins only: disk use per measurement, the store's file system, the
 * retention in force and the recorded size history the screen projects from.
 */
@RestController
class StorageController {

  /** How far back the history goes: enough to fit a week's growth. */
  static final Duration HISTORY = Duration.ofDays(7);

  /** A week of the default 5-minute samples; shorter intervals are thinned to this many. */
  static final int MAX_SAMPLES = 2016;

  private final MetricStore store;
  private final StorageProperties properties;
  private final IngestProperties ingest;
  private final Path directory;
  private final Clock clock = Clock.systemUTC();

  StorageController(
      MetricStore store,
      StorageProperties properties,
      IngestProperties ingest,
      DataDirectory dataDir) {
    this.store = store;
    this.properties = properties;
    this.ingest = ingest;
    this.directory = dataDir.resolve("metrics");
  }

  @GetMapping("/api/v1/storage")
  StorageOverview overview() {
    Duration parquet = MetricStoreConfiguration.parquetAfter(properties, ingest);
    return new StorageOverview(
        store.diskUsageBytes(),
        fileSystem(),
        new StorageOverview.Retention(
            properties.rawRetention().toSeconds(),
            properties.minuteRollupRetention().toSeconds(),
            properties.hourRollupRetention().toSeconds(),
            parquet == null ? null : parquet.toSeconds()),
        store.diskUsageByMeasurement().stream().map(StorageOverview.Measurement::of).toList(),
        new StorageOverview.History(properties.sizeSampleInterval().toSeconds(), history()));
  }

  private StorageOverview.FileSystem fileSystem() {
    try {
      FileStore fs = Files.getFileStore(directory);
      return new StorageOverview.FileSystem(
          directory.toString(),
          fs.getTotalSpace(),
          fs.getUsableSpace(),
          properties.minFreeSpace().toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the file system of " + directory, e);
    }
  }

  private List<StorageOverview.Sample> history() {
    if (!store.measurements().contains(StoreSizeRecorder.MEASUREMENT)) {
      return List.of(); // nothing recorded yet
    }
    Instant now = clock.instant();
    RangeResult result =
        store.range(
            new RangeQuery(
                StoreSizeRecorder.MEASUREMENT,
                Map.of(Point.HOST_TAG, StoreSizeRecorder.HOST),
                List.of("size_bytes", "free_bytes"),
                now.minus(HISTORY),
                now.plusSeconds(60),
                Resolution.RAW));
    List<StorageOverview.Sample> samples = new ArrayList<>();
    for (RangeResult.Series series : result.series()) {
      double[] size = series.fields().get("size_bytes").avg();
      double[] free = series.fields().get("free_bytes").avg();
      for (int i = 0; i < series.timestamps().length; i++) {
        if (!Double.isNaN(size[i])) {
          samples.add(
              new StorageOverview.Sample(
                  series.timestamps()[i],
                  (long) size[i],
                  Double.isNaN(free[i]) ? null : (long) free[i]));
        }
      }
    }
    return thinned(samples, MAX_SAMPLES);
  }

  /** Every n-th sample (and the last) when there are more than {@code max}. */
  static List<StorageOverview.Sample> thinned(List<StorageOverview.Sample> samples, int max) {
    if (samples.size() <= max) {
      return samples;
    }
    int step = (samples.size() + max - 1) / max;
    List<StorageOverview.Sample> kept = new ArrayList<>(max + 1);
    for (int i = 0; i < samples.size(); i += step) {
      kept.add(samples.get(i));
    }
    StorageOverview.Sample last = samples.get(samples.size() - 1);
    if (kept.get(kept.size() - 1) != last) {
      kept.add(last);
    }
    return kept;
  }
}
