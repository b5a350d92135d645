package io.vigil.bench.store;

import io.vigil.model.Point;
import io.vigil.storage.MeasurementDiskUsage;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopQuery;
import io.vigil.storage.questdb.QuestDbMetricStore;
import io.vigil.storage.questdb.QuestDbSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What converting old raw partitions to Parquet saves and costs, on the agent's real measurements
 * with realistic values ({@link AgentDataSet}): whole days of 10-second samples for a fleet, the
 * store closed (so column files are trimmed to their data) and reopened, then every day converted.
 * Reports per measurement the bytes per sample of the closed native partitions and of the Parquet
 * files, the conversion time, and query times over the converted days before and after (answers
 * compared). The Parquet codec is the store's ZSTD unless {@code
 * QDB_CAIRO_PARTITION_ENCODER_PARQUET_COMPRESSION_CODEC} says otherwise (e.g. {@code LZ4_RAW},
 * QuestDB's own default).
 *
 * <pre>
 * java --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *   -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.store.ParquetBenchmark \
 *   [--hosts 20] [--days 3] [--runs 20] [--dir /tmp/x]
 * </pre>
 */
public final class ParquetBenchmark {

  private static final Pattern PARTITION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

  private final int hosts;
  private final int days;
  private final int runs;
  private final Path dir;
  private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

  private ParquetBenchmark(Map<String, String> args) throws Exception {
    hosts = Integer.parseInt(args.getOrDefault("hosts", "20"));
    days = Integer.parseInt(args.getOrDefault("days", "3"));
    runs = Integer.parseInt(args.getOrDefault("runs", "20"));
    dir =
        args.containsKey("dir")
            ? Path.of(args.get("dir"))
            : Files.createTempDirectory("vigil-parquet-bench");
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    new ParquetBenchmark(args).run();
  }

  private void run() throws Exception {
    String codec =
        Objects.requireNonNullElse(
            System.getenv("QDB_CAIRO_PARTITION_ENCODER_PARQUET_COMPRESSION_CODEC"),
            "ZSTD (Vigil's default)");
    System.out.printf(
        "Parquet benchmark: %d hosts, %d days of 10 s samples ending %s, codec %s, dir %s%n",
        hosts, days, today, codec, dir);
    QuestDbSettings settings = QuestDbSettings.defaults(dir);
    AgentDataSet data = new AgentDataSet(hosts);
    try (QuestDbMetricStore store = QuestDbMetricStore.open(settings)) {
      long t0 = System.nanoTime();
      long points = write(store, data);
      store.awaitApplied(Duration.ofMinutes(30));
      System.out.printf(
          "wrote %,d points / %,d samples in %.1f s%n",
          points,
          data.samplesByMeasurement().values().stream().mapToLong(Long::longValue).sum(),
          (System.nanoTime() - t0) / 1e9);
    }
    try (QuestDbMetricStore store = QuestDbMetricStore.open(settings)) {
      Map<String, Long> nativeBytes = new TreeMap<>();
      for (MeasurementDiskUsage usage : store.diskUsageByMeasurement()) {
        nativeBytes.put(usage.measurement(), partitionBytes(usage.measurement()));
      }
      List<Query> queries = queries(store);
      Map<String, String> answers = new HashMap<>();
      Map<String, double[]> before = new HashMap<>();
      for (Query q : queries) {
        answers.put(q.name(), q.run().get());
        before.put(q.name(), time(q.run()));
      }

      long t0 = System.nanoTime();
      int queued = store.convertToParquet(today);
      store.awaitApplied(Duration.ofMinutes(30));
      double convertSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("converted %d partitions in %.1f s%n", queued, convertSeconds);

      report(store.diskUsageByMeasurement(), nativeBytes, data.samplesByMeasurement());
      System.out.println();
      System.out.println(
          "| query over converted days | native p50 / p95 ms | Parquet p50 / p95 ms |");
      System.out.println("|---|---|---|");
      for (Query q : queries) {
        if (!q.run().get().equals(answers.get(q.name()))) {
          throw new IllegalStateException(q.name() + ": answer changed after the conversion");
        }
        double[] after = time(q.run());
        System.out.printf(
            Locale.ROOT,
            "| %s | %.1f / %.1f | %.1f / %.1f |%n",
            q.name(),
            percentile(before.get(q.name()), 50),
            percentile(before.get(q.name()), 95),
            percentile(after, 50),
            percentile(after, 95));
      }
    }
  }

  /** Bytes of the raw table's partition directories (column files, not WAL or symbol tables). */
  private long partitionBytes(String measurement) throws IOException {
    long total = 0;
    try (Stream<Path> tables = Files.list(dir.resolve("db"))) {
      for (Path table :
          tables.filter(t -> t.getFileName().toString().startsWith(measurement + "~")).toList()) {
        try (Stream<Path> files = Files.walk(table)) {
          total +=
              files
                  .filter(Files::isRegularFile)
                  .filter(
                      f -> PARTITION.matcher(table.relativize(f).getName(0).toString()).matches())
                  .mapToLong(f -> f.toFile().length())
                  .sum();
        }
      }
    }
    return total;
  }

  private long write(QuestDbMetricStore store, AgentDataSet data) {
    long points = 0;
    List<Point> batch = new java.util.ArrayList<>();
    long end = today.toEpochMilli();
    for (long ts = end - days * 86_400_000L; ts < end; ts += AgentDataSet.STEP_MS) {
      batch.addAll(data.step(ts));
      if (batch.size() >= 20_000) {
        store.write(batch);
        points += batch.size();
        batch = new java.util.ArrayList<>();
      }
    }
    store.write(batch);
    return points + batch.size();
  }

  /**
   * Bytes per sample of the closed native partitions (their column files) and of the Parquet files
   * that replace them.
   */
  private static void report(
      List<MeasurementDiskUsage> after, Map<String, Long> nativeBytes, Map<String, Long> samples) {
    System.out.println();
    System.out.println(
        "| measurement | rows | samples | native B/sample | Parquet B/sample | Parquet / native |");
    System.out.println("|---|---|---|---|---|---|");
    long totalSamples = 0;
    long totalNative = 0;
    long totalParquet = 0;
    for (MeasurementDiskUsage usage :
        after.stream().sorted((a, b) -> a.measurement().compareTo(b.measurement())).toList()) {
      long n = samples.getOrDefault(usage.measurement(), 0L);
      long before = nativeBytes.getOrDefault(usage.measurement(), 0L);
      if (n == 0) {
        continue;
      }
      totalSamples += n;
      totalNative += before;
      totalParquet += usage.parquetBytes();
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %,d | %.2f | %.2f | %.0f %% |%n",
          usage.measurement(),
          usage.rawRows(),
          n,
          before / (double) n,
          usage.parquetBytes() / (double) n,
          100.0 * usage.parquetBytes() / before);
    }
    System.out.printf(
        Locale.ROOT,
        "| **all** | | %,d | **%.2f** | **%.2f** | %.0f %% |%n",
        totalSamples,
        totalNative / (double) totalSamples,
        totalParquet / (double) totalSamples,
        100.0 * totalParquet / totalNative);
  }

  private record Query(String name, Supplier<String> run) {}

  /** Dashboard-like reads inside the converted days. */
  private List<Query> queries(QuestDbMetricStore store) {
    Instant noon = today.minus(days / 2 + 1, ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
    return List.of(
        new Query(
            "one host, cpu, 9 fields × 3 series, raw 1 h",
            () ->
                text(
                    store.range(
                        new RangeQuery(
                            "cpu",
                            Map.of("host", "host-0001"),
                            List.of(),
                            noon,
                            noon.plus(1, ChronoUnit.HOURS),
                            Resolution.RAW)))),
        new Query(
            "one host, net, raw 6 h",
            () ->
                text(
                    store.range(
                        new RangeQuery(
                            "net",
                            Map.of("host", "host-0002"),
                            List.of(),
                            noon.minus(6, ChronoUnit.HOURS),
                            noon,
                            Resolution.RAW)))),
        new Query(
            "top-10 hosts by max cpu used_pct over a whole day (raw scan)",
            () ->
                store
                    .top(
                        new TopQuery(
                            "cpu",
                            "used_pct",
                            Map.of("cpu", "total"),
                            noon.minus(12, ChronoUnit.HOURS),
                            noon.plus(12, ChronoUnit.HOURS),
                            TopQuery.Aggregation.MAX,
                            10))
                    .toString()));
  }

  private static String text(RangeResult result) {
    StringBuilder s = new StringBuilder();
    for (RangeResult.Series series : result.series()) {
      s.append(new TreeMap<>(series.tags())).append(Arrays.toString(series.timestamps()));
      new TreeMap<>(series.fields())
          .forEach((f, v) -> s.append(f).append(Arrays.toString(v.avg())));
    }
    return s.toString();
  }

  private double[] time(Supplier<String> query) {
    for (int i = 0; i < 3; i++) {
      query.get();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      query.get();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static double percentile(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
