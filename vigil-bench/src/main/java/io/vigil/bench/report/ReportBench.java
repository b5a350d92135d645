package io.vigil.bench.report;

import io.vigil.model.Enrolment;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.Resolution;
import io.vigil.storage.questdb.QuestDbMetricStore;
import io.vigil.storage.questdb.QuestDbSettings;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A 30-day report for 100 hosts and 4 fields, timed through the HTTP API. Three steps, driven by
 * {@code vigil-bench/scripts/report-bench.sh}:
 *
 * <pre>
 * enrol    --server URL --enrol-token T --hosts N --out hosts.txt   (server running)
 * backfill --metrics DIR --hosts-file hosts.txt --days 30             (server stopped)
 * time     --server URL --password P --hosts-file hosts.txt --days 30 --end MS --runs 5
 * </pre>
 *
 * The backfill writes cpu (cpu=total), mem, fs (mount=/) and net (iface=eth0) at 60 s straight into
 * the server's QuestDB directory and waits until the 1-hour rollups cover the last hour.
 */
public final class ReportBench {

  static final List<String> FIELDS =
      List.of("cpu.used_pct", "mem.used_pct", "fs.used_pct", "net.rx_bytes_ps");

  private ReportBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: ReportBench enrol|backfill|time --option value…");
    }
    Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
    switch (args[0]) {
      case "enrol" -> enrol(o);
      case "backfill" -> backfill(o);
      case "time" -> time(o);
      default -> throw new IllegalArgumentException("unknown step " + args[0]);
    }
  }

  static void enrol(Map<String, String> o) throws Exception {
    URI server = URI.create(o.get("server"));
    int hosts = Integer.parseInt(o.getOrDefault("hosts", "100"));
    WireCodec codec = WireCodec.lenient();
    HttpClient http = HttpClient.newHttpClient();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      byte[] body =
          codec.write(
              new Enrolment.Request(
                  o.get("enrol-token"),
                  String.format("report-bench-%03d", i),
                  UUID.randomUUID().toString()));
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(server.resolve("/api/v1/agent/enrol"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("enrol answered " + r.statusCode());
      }
      keys.add(codec.read(r.body(), Enrolment.Response.class).hostKey());
    }
    Files.write(Path.of(o.get("out")), keys);
  }

  static void backfill(Map<String, String> o) throws Exception {
    List<String> hosts = Files.readAllLines(Path.of(o.get("hosts-file")));
    int days = Integer.parseInt(o.getOrDefault("days", "30"));
    long end = Long.parseLong(o.get("end"));
    long start = end - days * 86_400_000L;
    QuestDbSettings settings =
        new QuestDbSettings(Path.of(o.get("metrics")), null, null, null, false, Duration.ZERO);
    long t0 = System.nanoTime();
    long written = 0;
    try (QuestDbMetricStore store = QuestDbMetricStore.open(settings)) {
      List<Point> batch = new ArrayList<>();
      for (long ts = start; ts < end; ts += 60_000L) {
        int minute = (int) ((ts - start) / 60_000L);
        for (int h = 0; h < hosts.size(); h++) {
          String host = hosts.get(h);
          double wave = (minute / 60 + h * 3) % 24;
          batch.add(point("cpu", host, "cpu", "total", "used_pct", 10 + wave * 3, ts));
          batch.add(point("mem", host, null, null, "used_pct", 40 + (h % 50), ts));
          batch.add(point("fs", host, "mount", "/", "used_pct", 50 + (minute % 1000) / 100.0, ts));
          batch.add(point("net", host, "iface", "eth0", "rx_bytes_ps", 1000.0 * (wave + h), ts));
        }
        if (batch.size() >= 100_000) {
          store.write(batch);
          written += batch.size();
          batch.clear();
        }
      }
      store.write(batch);
      written += batch.size();
      double writeSeconds = (System.nanoTime() - t0) / 1e9;
      awaitRollups(store, hosts.getLast(), end);
      System.out.printf(
          "backfilled %d points (%d hosts x %d days x 4 measurements at 60 s) in %.1f s;"
              + " rollups complete after %.1f s%n",
          written, hosts.size(), days, writeSeconds, (System.nanoTime() - t0) / 1e9);
    }
  }

  private static Point point(
      String measurement,
      String host,
      String tag,
      String tagValue,
      String field,
      double v,
      long ts) {
    Map<String, String> tags =
        tag == null ? Map.of("host", host) : Map.of("host", host, tag, tagValue);
    return new Point(measurement, tags, Map.of(field, v), ts);
  }

  /** Waits until every measurement's 1-hour rollup has the last hour of the last host. */
  private static void awaitRollups(QuestDbMetricStore store, String host, long end)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    for (String m : List.of("cpu", "mem", "fs", "net")) {
      while (true) {
        var result =
            store.range(
                new RangeQuery(
                    m,
                    Map.of("host", host),
                    List.of(),
                    Instant.ofEpochMilli(end - 3_600_000L),
                    Instant.ofEpochMilli(end),
                    Resolution.HOUR));
        if (!result.series().isEmpty() && result.series().getFirst().timestamps().length > 0) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the " + m + " rollup did not catch up");
        }
        Thread.sleep(500);
      }
    }
  }

  static void time(Map<String, String> o) throws Exception {
    URI server = URI.create(o.get("server"));
    List<String> hosts = Files.readAllLines(Path.of(o.get("hosts-file")));
    int days = Integer.parseInt(o.getOrDefault("days", "30"));
    int runs = Integer.parseInt(o.getOrDefault("runs", "5"));
    long end = Long.parseLong(o.get("end"));
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(server.resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + o.get("password") + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 200) {
      throw new IllegalStateException("login answered " + login.statusCode());
    }
    String query =
        "period=custom&tz=UTC&from="
            + (end - days * 86_400_000L)
            + "&to="
            + end
            + "&hosts="
            + URLEncoder.encode(String.join(",", hosts), StandardCharsets.UTF_8)
            + "&fields="
            + String.join(",", FIELDS);
    URI report = server.resolve("/api/v1/reports?" + query);
    URI pdf = server.resolve("/api/v1/reports/export.pdf?" + query);
    double cold = timed(http, report, hosts.size());
    double[] warm = new double[runs];
    for (int i = 0; i < runs; i++) {
      warm[i] = timed(http, report, hosts.size());
    }
    double[] pdfs = new double[runs];
    for (int i = 0; i < runs; i++) {
      pdfs[i] = timed(http, pdf, -1);
    }
    System.out.printf(
        "| request | hosts x fields x days | cold ms | warm median ms (of %d) | warm max ms |%n"
            + "|---|---|---|---|---|%n"
            + "| GET /api/v1/reports | %d x %d x %d | %.0f | %.0f | %.0f |%n"
            + "| GET /api/v1/reports/export.pdf | %d x %d x %d | – | %.0f | %.0f |%n",
        runs,
        hosts.size(),
        FIELDS.size(),
        days,
        cold,
        median(warm),
        Arrays.stream(warm).max().orElse(0),
        hosts.size(),
        FIELDS.size(),
        days,
        median(pdfs),
        Arrays.stream(pdfs).max().orElse(0));
  }

  /** Milliseconds of one request; checks that every host and field has an average. */
  private static double timed(HttpClient http, URI uri, int hosts) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    double ms = (System.nanoTime() - t0) / 1e6;
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          uri
              + " answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    if (hosts > 0) {
      var tree = WireCodec.lenient().mapper().readTree(r.body());
      var fields = tree.get("fields");
      int expected = hosts * FIELDS.size();
      int withData = 0;
      for (var f : fields) {
        if (!f.get("avg").isNull()) {
          withData++;
        }
      }
      if (fields.size() != expected || withData != expected) {
        throw new IllegalStateException(
            "expected "
                + expected
                + " statistics with data, got "
                + withData
                + " of "
                + fields.size());
      }
    }
    return ms;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("options look like --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
