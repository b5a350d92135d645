package io.vigil.bench.store;

import io.vigil.model.Point;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopQuery;
import io.vigil.storage.victoriametrics.VictoriaMetricsSettings;
import io.vigil.storage.victoriametrics.VictoriaMetricsStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The remote engine against a running VictoriaMetrics: write throughput of the import formats it
 * could use (Prometheus text as the engine sends it, with and without gzip, and VictoriaMetrics'
 * JSON lines for comparison), checked by counting what was stored, then the engine's queries. Each
 * format writes the same series (created in a warm-up) in its own hour, one write per 10 s step of
 * every host, as the server's single writer does.
 *
 * <pre>
 * victoria-metrics -storageDataPath=/tmp/vmb -httpListenAddr=127.0.0.1:8428 \
 *   -dedup.minScrapeInterval=1ms &amp;
 * java -cp vigil-bench/target/vigil-bench.jar io.vigil.bench.store.RemoteStoreBench \
 *   --url http://127.0.0.1:8428 [--hosts 1000] [--steps 60] [--rounds 2] [--runs 20] [--vm-pid PID]
 * </pre>
 */
public final class RemoteStoreBench {

  private static final long STEP_MS = 10_000;
  private static final List<String> MODES = List.of("text+gzip", "text", "json+gzip", "json");

  private final URI url;
  private final int hosts;
  private final int steps;
  private final int runs;
  private final int rounds;
  private final long vmPid;
  private final HttpClient http = HttpClient.newHttpClient();
  private final StringBuilder report = new StringBuilder();

  private RemoteStoreBench(Map<String, String> args) {
    url = URI.create(args.getOrDefault("url", "http://127.0.0.1:8428"));
    hosts = Integer.parseInt(args.getOrDefault("hosts", "1000"));
    steps = Integer.parseInt(args.getOrDefault("steps", "60"));
    runs = Integer.parseInt(args.getOrDefault("runs", "20"));
    rounds = Integer.parseInt(args.getOrDefault("rounds", "2"));
    vmPid = Long.parseLong(args.getOrDefault("vm-pid", "0"));
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    new RemoteStoreBench(args).run();
  }

  private void run() throws Exception {
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    System.out.printf(
        "Remote store benchmark: %s, %d hosts x %d samples x %d steps of 10 s per format%n",
        url, hosts, samplesPerHost(), steps);
    try (VictoriaMetricsStore store =
        VictoriaMetricsStore.open(VictoriaMetricsSettings.defaults(url))) {
      // Series are created once; each format then writes them in its own hour, round after round
      // (the first round also warms up this JVM), the formats interleaved.
      int windows = MODES.size() * rounds;
      long warm = hour.minus(windows + 1, ChronoUnit.HOURS).toEpochMilli();
      for (int step = 0; step < 3; step++) {
        store.write(tick(warm + step * STEP_MS, new Random(step)));
      }
      awaitCount(warm, 3L * hosts * samplesPerHost());
      row(
          "| round | format | samples | samples/s (inside write) | bytes sent/sample | bench CPU µs/1k samples | VictoriaMetrics CPU µs/1k samples | stored |");
      row("|---|---|---|---|---|---|---|---|");
      for (int r = 0; r < rounds; r++) {
        for (int m = 0; m < MODES.size(); m++) {
          int window = r * MODES.size() + m;
          long start = hour.minus(windows - window, ChronoUnit.HOURS).toEpochMilli();
          ingest(r + 1, MODES.get(m), start, store);
        }
      }
      queries(store, hour);
    }
    System.out.println();
    System.out.print(report);
  }

  private void ingest(int round, String mode, long start, VictoriaMetricsStore textStore)
      throws Exception {
    VictoriaMetricsStore plain =
        mode.equals("text")
            ? VictoriaMetricsStore.open(VictoriaMetricsSettings.defaults(url).withGzip(false))
            : null;
    long nanos = 0;
    long bytes = 0;
    long textBytes0 = textStore.importedBytes();
    long cpu0 = processCpuNanos();
    long vm0 = vmCpuNanos();
    Random random = new Random(42);
    for (int step = 0; step < steps; step++) {
      List<Point> points = tick(start + step * STEP_MS, random);
      long t = System.nanoTime();
      switch (mode) {
        case "text+gzip" -> textStore.write(points);
        case "text" -> plain.write(points);
        default -> bytes += postJson(points, mode.endsWith("gzip"));
      }
      nanos += System.nanoTime() - t;
    }
    long cpu = processCpuNanos() - cpu0;
    long vm = vmCpuNanos() - vm0;
    if (mode.equals("text+gzip")) {
      bytes = textStore.importedBytes() - textBytes0;
    }
    if (plain != null) {
      bytes = plain.importedBytes();
      plain.close();
    }
    long samples = (long) steps * hosts * samplesPerHost();
    long stored = awaitCount(start, samples);
    row(
        "| %d | %s | %,d | %,.0f | %.1f | %.0f | %s | %s |",
        round,
        mode,
        samples,
        samples / (nanos / 1e9),
        bytes / (double) samples,
        cpu / 1e3 / (samples / 1e3),
        vmPid > 0 ? String.format(Locale.ROOT, "%.0f", vm / 1e3 / (samples / 1e3)) : "n/a",
        stored == samples ? "all" : stored + " of " + samples);
  }

  /** VictoriaMetrics' JSON-lines import: one line per series (one sample each here). */
  private long postJson(List<Point> points, boolean gzip) throws Exception {
    StringBuilder json = new StringBuilder(points.size() * 400);
    for (Point point : points) {
      for (Map.Entry<String, Double> field : point.fields().entrySet()) {
        json.append("{\"metric\":{\"__name__\":\"")
            .append(point.measurement())
            .append(':')
            .append(field.getKey())
            .append('"');
        point
            .tags()
            .forEach((k, v) -> json.append(",\"").append(k).append("\":\"").append(v).append('"'));
        json.append("},\"values\":[")
            .append(field.getValue())
            .append("],\"timestamps\":[")
            .append(point.timestamp())
            .append("]}\n");
      }
    }
    byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
    if (gzip) {
      body = gzip(body);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url.resolve("/api/v1/import"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (gzip) {
      request.header("Content-Encoding", "gzip");
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "JSON import: HTTP " + response.statusCode() + " " + response.body());
    }
    return body.length;
  }

  private void queries(VictoriaMetricsStore store, Instant hour) {
    Instant to = hour;
    Instant from = hour.minus(4, ChronoUnit.HOURS);
    row("");
    row("| query (%d runs) | median ms | p95 ms |", runs);
    row("|---|---|---|");
    time(
        "range raw 1 h, one host, cpu (8 fields)",
        () ->
            store.range(
                new RangeQuery(
                    "bench_cpu",
                    Map.of("host", "h1"),
                    List.of(),
                    to.minus(1, ChronoUnit.HOURS),
                    to,
                    Resolution.RAW)));
    time(
        "range 1-minute min/avg/max, 4 h, one host, cpu",
        () ->
            store.range(
                new RangeQuery(
                    "bench_cpu", Map.of("host", "h1"), List.of(), from, to, Resolution.MINUTE)));
    time(
        "top 10 hosts by max over 5 min",
        () ->
            store.top(
                new TopQuery(
                    "bench_cpu",
                    "f0",
                    Map.of(),
                    to.minus(5, ChronoUnit.MINUTES),
                    to,
                    TopQuery.Aggregation.MAX,
                    10)));
    time(
        "top 10 hosts by average over 1 h",
        () ->
            store.top(
                new TopQuery(
                    "bench_cpu",
                    "f0",
                    Map.of(),
                    to.minus(1, ChronoUnit.HOURS),
                    to,
                    TopQuery.Aggregation.AVG,
                    10)));
    time(
        "latest of one host, four measurements",
        () -> {
          for (String m : List.of("bench_cpu", "bench_mem", "bench_fs", "bench_net")) {
            store.latest("h1", m);
          }
          return null;
        });
  }

  private void time(String name, Supplier<Object> query) {
    query.get(); // warm
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      query.get();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    row("| %s | %.1f | %.1f |", name, ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1]);
  }

  /** Samples stored in the hour from {@code start}, once VictoriaMetrics shows them all. */
  private long awaitCount(long start, long expected) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    long count = -1;
    while (System.currentTimeMillis() < deadline) {
      String query = "sum(count_over_time({__name__=~\"bench_[a-z]+:.+\"}[1h] offset 1ms))";
      long at = start + 3_600_000;
      String body =
          http.send(
                  HttpRequest.newBuilder(
                          url.resolve(
                              "/api/v1/query?nocache=1&time="
                                  + at / 1000
                                  + "&query="
                                  + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      java.util.regex.Matcher value =
          java.util.regex.Pattern.compile("\"value\":\\[[^,]+,\"([^\"]+)\"]").matcher(body);
      count = value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
      if (count >= expected) {
        return count;
      }
      Thread.sleep(1000); // waiting for VictoriaMetrics to make the samples searchable
    }
    return count;
  }

  /** Every host's points of one step: cpu (8 fields), mem (6), 3 file systems (4), 2 NICs (6). */
  private List<Point> tick(long ts, Random random) {
    List<Point> points = new ArrayList<>(hosts * 7);
    for (int h = 0; h < hosts; h++) {
      String host = "h" + h;
      points.add(point("bench_cpu", Map.of("host", host, "cpu", "total"), 8, ts, random));
      points.add(point("bench_mem", Map.of("host", host), 6, ts, random));
      for (String mount : List.of("/", "/var", "/home")) {
        points.add(point("bench_fs", Map.of("host", host, "mount", mount), 4, ts, random));
      }
      for (String iface : List.of("eth0", "eth1")) {
        points.add(point("bench_net", Map.of("host", host, "iface", iface), 6, ts, random));
      }
    }
    return points;
  }

  private static int samplesPerHost() {
    return 8 + 6 + 3 * 4 + 2 * 6;
  }

  /** Half percentages with two decimals, half whole byte counts, like the agent's fields. */
  private static Point point(
      String measurement, Map<String, String> tags, int fields, long ts, Random random) {
    Map<String, Double> values = new HashMap<>();
    for (int f = 0; f < fields; f++) {
      values.put(
          "f" + f,
          f % 2 == 0
              ? Math.round(random.nextDouble() * 10_000) / 100.0
              : (double) random.nextInt(1 << 30));
    }
    return new Point(measurement, tags, values, ts);
  }

  private static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 5);
    try (GZIPOutputStream zip =
        new GZIPOutputStream(out) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      zip.write(raw);
    }
    return out.toByteArray();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** utime + stime of VictoriaMetrics from /proc (clock ticks of 10 ms). */
  private long vmCpuNanos() throws IOException {
    if (vmPid <= 0) {
      return 0;
    }
    String stat = Files.readString(Path.of("/proc/" + vmPid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
  }

  private void row(String format, Object... args) {
    report.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
