package io.vigil.bench.store;

import io.vigil.model.Measurements;
import io.vigil.model.Point;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopQuery;
import io.vigil.storage.questdb.QuestDbMetricStore;
import io.vigil.storage.questdb.QuestDbSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Store benchmark of the embedded QuestDB engine through the {@code MetricStore} API, on a fresh
 * temporary directory: ingest rate, bytes per sample, and the dashboard queries. Reproducible
 * (fixed seed); timestamps end at the current time so TTLs keep everything.
 *
 * <pre>
 * java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *   -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.store.StoreBenchmark \
 *   [--hosts 10000] [--steps 30] [--batch 1000] [--agent-hosts 200] [--runs 30] [--dir /tmp/x]
 * </pre>
 */
public final class StoreBenchmark {

  private static final int FIELDS = 20;
  private static final long STEP_MS = 10_000;
  private static final String DASH_HOST = "dash-host";

  private final int hosts;
  private final int steps;
  private final int batchSize;
  private final int agentHosts;
  private final int runs;
  private final Path dir;
  private final List<String> fieldNames = new ArrayList<>();
  private final StringBuilder report = new StringBuilder();

  private StoreBenchmark(Map<String, String> args) throws IOException {
    hosts = Integer.parseInt(args.getOrDefault("hosts", "10000"));
    steps = Integer.parseInt(args.getOrDefault("steps", "30"));
    batchSize = Integer.parseInt(args.getOrDefault("batch", "1000"));
    agentHosts = Integer.parseInt(args.getOrDefault("agent-hosts", "200"));
    runs = Integer.parseInt(args.getOrDefault("runs", "30"));
    dir =
        args.containsKey("dir")
            ? Path.of(args.get("dir"))
            : Files.createTempDirectory("vigil-store-bench");
    // half percentages (stored as FLOAT), half byte/rate values (DOUBLE), like the agent's mix
    for (int i = 0; i < FIELDS / 2; i++) {
      fieldNames.add(String.format(Locale.ROOT, "m%02d_pct", i));
    }
    for (int i = FIELDS / 2; i < FIELDS; i++) {
      fieldNames.add(String.format(Locale.ROOT, "m%02d_bytes", i));
    }
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    new StoreBenchmark(args).run();
  }

  private void run() throws Exception {
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    System.out.printf(
        "Store benchmark: %d hosts x %d fields x %d steps of 10 s, batches of %d points, dir %s%n",
        hosts, FIELDS, steps, batchSize, dir);
    QuestDbSettings settings = QuestDbSettings.defaults(dir);
    long benchSamples;
    long allSamples;
    try (QuestDbMetricStore store = QuestDbMetricStore.open(settings)) {
      row("| metric | value |");
      row("|---|---|");
      benchSamples = ingestBench(store, end) + ingestDashHost(store, end);
      allSamples = benchSamples + ingestAgentMix(store, end);
      long t0 = System.nanoTime();
      store.awaitApplied(Duration.ofMinutes(10));
      row("| WAL apply lag after last write | %.1f s |", (System.nanoTime() - t0) / 1e9);
      awaitRollups(store, end);
      row(
          "| disk while open (apparent size; active column files are pre-allocated) | %.2f B/sample |",
          store.diskUsageBytes() / (double) allSamples);
    }
    // Closed, the engine has trimmed its column files to the data they hold.
    reportDisk(benchSamples, allSamples);
    long t0 = System.nanoTime();
    try (QuestDbMetricStore store = QuestDbMetricStore.open(settings)) {
      row("| reopen | %.2f s |", (System.nanoTime() - t0) / 1e9);
      runQueries(store, end);
    }
    System.out.println();
    System.out.print(report);
  }

  /** The 10,000 hosts x 20 fields workload, timestamp by timestamp, in server-sized batches. */
  private long ingestBench(QuestDbMetricStore store, Instant end) {
    Random random = new Random(42);
    long samples = 0;
    long nanos = 0;
    long start = end.toEpochMilli() - steps * STEP_MS;
    List<Point> batch = new ArrayList<>(batchSize);
    for (int step = 0; step < steps; step++) {
      long ts = start + step * STEP_MS;
      for (int h = 0; h < hosts; h++) {
        batch.add(benchPoint("h" + h, ts, random));
        if (batch.size() == batchSize || h == hosts - 1) {
          long t = System.nanoTime();
          store.write(batch);
          nanos += System.nanoTime() - t;
          samples += (long) batch.size() * FIELDS;
          batch = new ArrayList<>(batchSize);
        }
      }
    }
    row("| bench ingest: samples | %,d |", samples);
    row("| bench ingest: samples/s (time inside write) | %,.0f |", samples / (nanos / 1e9));
    return samples;
  }

  /** 24 h of one host, for the long-span dashboard query. */
  private long ingestDashHost(QuestDbMetricStore store, Instant end) {
    Random random = new Random(7);
    long from = end.minus(Duration.ofHours(24)).toEpochMilli();
    List<Point> batch = new ArrayList<>(batchSize);
    long samples = 0;
    long nanos = 0;
    for (long ts = from; ts < end.toEpochMilli(); ts += STEP_MS) {
      batch.add(benchPoint(DASH_HOST, ts, random));
      if (batch.size() == batchSize) {
        long t = System.nanoTime();
        store.write(batch);
        nanos += System.nanoTime() - t;
        samples += (long) batch.size() * FIELDS;
        batch = new ArrayList<>(batchSize);
      }
    }
    if (!batch.isEmpty()) {
      store.write(batch);
      samples += (long) batch.size() * FIELDS;
    }
    row("| 24 h single-host series: samples | %,d |", samples);
    row(
        "| 24 h single-host ingest: samples/s (ts-ordered, 1 host) | %,.0f |",
        samples / (nanos / 1e9));
    return samples;
  }

  /** The agent's real measurements for a smaller fleet: many tables, tags, mixed batch content. */
  private long ingestAgentMix(QuestDbMetricStore store, Instant end) {
    if (agentHosts == 0) {
      return 0;
    }
    Random random = new Random(11);
    long start = end.toEpochMilli() - steps * STEP_MS;
    long samples = 0;
    long nanos = 0;
    List<Point> batch = new ArrayList<>(batchSize);
    for (int step = 0; step < steps; step++) {
      long ts = start + step * STEP_MS;
      for (int h = 0; h < agentHosts; h++) {
        for (Measurements.Schema schema : Measurements.AGENT) {
          int seriesCount = schema.tags().isEmpty() ? 1 : 2; // e.g. two cpus, two mounts
          for (int s = 0; s < seriesCount; s++) {
            Map<String, String> tags = new HashMap<>();
            tags.put("host", "agent" + h);
            for (String tag : schema.tags()) {
              tags.put(tag, tag + s);
            }
            Map<String, Double> fields = new HashMap<>();
            for (String field : schema.fields()) {
              fields.put(field, Math.floor(random.nextDouble() * 10_000) / 100);
            }
            batch.add(new Point(schema.name(), tags, fields, ts));
            samples += fields.size();
          }
        }
        if (batch.size() >= batchSize || h == agentHosts - 1) {
          long t = System.nanoTime();
          store.write(batch);
          nanos += System.nanoTime() - t;
          batch = new ArrayList<>(batchSize);
        }
      }
    }
    row(
        "| agent mix (%d hosts, %d measurements): samples | %,d |",
        agentHosts, Measurements.AGENT.size(), samples);
    row("| agent mix ingest: samples/s (time inside write) | %,.0f |", samples / (nanos / 1e9));
    return samples;
  }

  private Point benchPoint(String host, long ts, Random random) {
    Map<String, Double> fields = new HashMap<>(FIELDS * 2);
    for (int f = 0; f < FIELDS; f++) {
      double value =
          f < FIELDS / 2
              ? Math.floor(random.nextDouble() * 10_000) / 100 // a percentage, 2 decimals
              : Math.floor(random.nextDouble() * 1e12); // a byte count
      fields.put(fieldNames.get(f), value);
    }
    return new Point("bench", Map.of("host", host), fields, ts);
  }

  private void reportDisk(long benchTableSamples, long allSamples) throws IOException {
    Path db = dir.resolve("db");
    Path benchTable;
    try (Stream<Path> tables = Files.list(db)) {
      benchTable =
          tables
              .filter(p -> p.getFileName().toString().startsWith("bench~"))
              .findFirst()
              .orElseThrow();
    }
    long columns = size(benchTable, false);
    long withWal = size(benchTable, true);
    long all = size(db, true);
    row(
        "| bench table, column files only (closed) | %.2f B/sample |",
        columns / (double) benchTableSamples);
    row(
        "| bench table incl. unpurged WAL segments (closed) | %.2f B/sample |",
        withWal / (double) benchTableSamples);
    row(
        "| whole db dir incl. WAL, rollup views, agent mix (closed) | %,d bytes = %.2f B/sample |",
        all, all / (double) allSamples);
  }

  private static long size(Path table, boolean includeWal) throws IOException {
    try (Stream<Path> files = Files.walk(table)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> includeWal || !table.relativize(p).getName(0).toString().startsWith("wal"))
          .filter(p -> includeWal || !table.relativize(p).getName(0).toString().equals("txn_seq"))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0; // purged while walking
                }
              })
          .sum();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Views refresh asynchronously: poll until the 1-minute view holds the last full minute. */
  private void awaitRollups(QuestDbMetricStore store, Instant end) throws InterruptedException {
    long t0 = System.nanoTime();
    Instant lastMinute = end.minus(Duration.ofMinutes(1));
    RangeQuery probe =
        new RangeQuery(
            "bench",
            Map.of("host", "h" + (hosts - 1)),
            List.of(fieldNames.get(0)),
            lastMinute,
            end,
            Resolution.MINUTE);
    while (true) {
      try {
        if (!store.range(probe).series().isEmpty()) {
          break;
        }
      } catch (IllegalStateException e) {
        // view still being created
      }
      if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
        throw new IllegalStateException("rollups not refreshed after 10 minutes");
      }
      Thread.sleep(200);
    }
    row("| rollup view catch-up after WAL apply | %.1f s |", (System.nanoTime() - t0) / 1e9);
  }

  private void runQueries(QuestDbMetricStore store, Instant end) {
    Instant hourAgo = end.minus(Duration.ofHours(1));
    String host = "h" + (hosts / 2);
    row("");
    row("| query | result | p50 ms | p95 ms |");
    row("|---|---|---|---|");
    time(
        "q1 one host, 20 fields, raw, 1 h",
        () ->
            cells(
                store.range(
                    new RangeQuery(
                        "bench", Map.of("host", host), List.of(), hourAgo, end, Resolution.RAW))));
    time(
        "q2 1-min avg of one field, all hosts, 1 h (per-host series from the 1m view)",
        () ->
            cells(
                store.range(
                    new RangeQuery(
                        "bench",
                        Map.of(),
                        List.of(fieldNames.get(0)),
                        hourAgo,
                        end,
                        Resolution.MINUTE))));
    time(
        "q3 top-10 hosts by max m00_pct, last 5 min",
        () ->
            store
                    .top(
                        new TopQuery(
                            "bench",
                            fieldNames.get(0),
                            Map.of(),
                            end.minus(Duration.ofMinutes(5)),
                            end,
                            TopQuery.Aggregation.MAX,
                            10))
                    .size()
                + " hosts");
    time(
        "q4 one host, 20 fields, 1-min rollup, 1 h",
        () ->
            cells(
                store.range(
                    new RangeQuery(
                        "bench",
                        Map.of("host", host),
                        List.of(),
                        hourAgo,
                        end,
                        Resolution.MINUTE))));
    time(
        "q5 dashboard: one host, 20 series, 24 h, AUTO",
        () ->
            cells(
                store.range(
                    new RangeQuery(
                        "bench",
                        Map.of("host", DASH_HOST),
                        List.of(),
                        end.minus(Duration.ofHours(24)),
                        end,
                        Resolution.AUTO))));
  }

  private static String cells(RangeResult result) {
    long points = 0;
    for (RangeResult.Series s : result.series()) {
      points += (long) s.timestamps().length * s.fields().size();
    }
    return String.format(
        Locale.ROOT,
        "%s: %,d series, %,d values",
        result.resolution(),
        result.series().size(),
        points);
  }

  private void time(String name, Supplier<String> query) {
    String result = "";
    for (int i = 0; i < 3; i++) {
      result = query.get(); // warm-up: JIT, page cache, query plan
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      query.get();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    row("| %s | %s | %.1f | %.1f |", name, result, percentile(ms, 50), percentile(ms, 95));
  }

  private static double percentile(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private void row(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    report.append(line).append('\n');
    System.out.println(line);
  }
}
