package io.vigil.bench.query;

import io.vigil.model.Batch;
import io.vigil.model.Enrolment;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Latency of a host dashboard through the HTTP API: one host with 20 series at 10 s over 24 h is
 * ingested through the agent API, then the 24 h range query for all 20 series is timed.
 *
 * <pre>
 * java -cp vigil-bench.jar io.vigil.bench.query.DashboardQueryBench \
 *   --server http://127.0.0.1:8080 --enrol-token vgl_e_… --password ADMIN_PASSWORD [--runs 200]
 * </pre>
 */
public final class DashboardQueryBench {

  static final int FIELDS = 20;
  static final int STEP_SECONDS = 10;
  static final int HOURS = 24;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    URI server = URI.create(options.getOrDefault("server", "http://127.0.0.1:8080"));
    String enrolmentToken = required(options, "enrol-token");
    String password = required(options, "password");
    int runs = Integer.parseInt(options.getOrDefault("runs", "200"));

    WireCodec codec = WireCodec.lenient();
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    Enrolment.Response agent =
        codec.read(
            post(
                http,
                server.resolve("/api/v1/agent/enrol"),
                codec.write(
                    new Enrolment.Request(
                        enrolmentToken, "dashboard-bench", UUID.randomUUID().toString())),
                null,
                null),
            Enrolment.Response.class);
    long end = System.currentTimeMillis() / 1000 * 1000;
    long start = end - HOURS * 3_600_000L;
    int steps = HOURS * 3600 / STEP_SECONDS;
    long sequence = 1;
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      Map<String, Double> fields = new LinkedHashMap<>();
      for (int f = 0; f < FIELDS; f++) {
        fields.put(String.format("f%02d_pct", f), (i * 7 + f * 13) % 100 + 0.5);
      }
      points.add(new Point("dashboard", Map.of(), fields, start + i * STEP_SECONDS * 1000L));
      if (points.size() == 2000 || i == steps - 1) {
        post(
            http,
            server.resolve("/api/v1/agent/ingest"),
            codec.writeGzip(new Batch(sequence++, System.currentTimeMillis(), null, points)),
            "Bearer " + agent.agentToken(),
            "gzip");
        points.clear();
      }
    }
    post(
        http,
        server.resolve("/api/v1/auth/login"),
        ("{\"username\":\"admin\",\"password\":\"" + password + "\"}")
            .getBytes(StandardCharsets.UTF_8),
        null,
        null);

    URI query =
        server.resolve(
            "/api/v1/query/range?host="
                + agent.hostKey()
                + "&measurement=dashboard&from="
                + start
                + "&to="
                + end);
    int expected = HOURS * 60;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (countValues(http, query) < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the rollup did not reach " + expected + " buckets");
      }
      Thread.sleep(500);
    }
    for (int i = 0; i < 20; i++) {
      get(http, query);
    }
    long[] nanos = new long[runs];
    int bytes = 0;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      bytes = get(http, query).length();
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "| query | runs | response bytes | p50 ms | p95 ms | p99 ms |%n|---|---|---|---|---|---|%n"
            + "| 24 h, %d series, one host (AUTO -> 1-minute rollup) | %d | %d | %.1f | %.1f | %.1f |%n",
        FIELDS, runs, bytes, millis(nanos, 0.50), millis(nanos, 0.95), millis(nanos, 0.99));
  }

  private static int countValues(HttpClient http, URI query) throws Exception {
    var tree = WireCodec.lenient().mapper().readTree(get(http, query));
    var series = tree.get("series");
    return series == null || series.isEmpty() ? 0 : series.get(0).get("timestamps").size();
  }

  private static double millis(long[] sorted, double quantile) {
    int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static byte[] post(HttpClient http, URI uri, byte[] body, String auth, String encoding)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (auth != null) {
      request.header("Authorization", auth);
    }
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          uri
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
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

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }
}
