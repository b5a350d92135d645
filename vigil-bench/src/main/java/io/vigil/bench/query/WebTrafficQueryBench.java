package io.vigil.bench.query;

import io.vigil.model.Batch;
import io.vigil.model.Enrolment;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Latency of the web-traffic API on a pool of web servers: {@code --hosts} hosts send {@code
 * --hours} of the weblog item's points (a run every 10 s with status and method points, top tables
 * of 8 dimensions × 10 keys every minute) through the agent API, a host group holds them all, then
 * the pool over 1 h and over the whole period, the visitors and one host are timed.
 *
 * <pre>
 * java -cp vigil-bench.jar io.vigil.bench.query.WebTrafficQueryBench \
 *   --server http://127.0.0.1:8080 --enrol-token vgl_e_… --password ADMIN_PASSWORD \
 *   [--hosts 10] [--hours 24] [--runs 30] [--group ID]
 * </pre>
 *
 * With {@code --group} nothing is ingested: the group of an earlier run is timed again (e.g. after
 * a change to the server, on the same data).
 */
public final class WebTrafficQueryBench {

  static final int RUN_SECONDS = 10;
  static final int TOP_SECONDS = 60;
  static final int TOP = 10;
  static final Map<String, Integer> KEY_POOLS =
      Map.of(
          "url", 200,
          "client", 5000,
          "referrer", 50,
          "browser", 6,
          "os", 6,
          "bot", 5,
          "vhost", 3,
          "upstream", 4);

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    URI server = URI.create(options.getOrDefault("server", "http://127.0.0.1:8080"));
    String enrolmentToken = required(options, "enrol-token");
    String password = required(options, "password");
    int hosts = Integer.parseInt(options.getOrDefault("hosts", "10"));
    int hours = Integer.parseInt(options.getOrDefault("hours", "24"));
    int runs = Integer.parseInt(options.getOrDefault("runs", "30"));

    WireCodec codec = WireCodec.lenient();
    CookieManager cookies = new CookieManager();
    HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    long end = System.currentTimeMillis() / 60_000 * 60_000;
    long start = end - hours * 3_600_000L;
    List<String> keys = new ArrayList<>();
    long expected = 0;
    long points = 0;
    long t0 = System.nanoTime();
    boolean ingest = !options.containsKey("group");
    for (int h = 0; ingest && h < hosts; h++) {
      Enrolment.Response agent =
          codec.read(
              post(
                  http,
                  server.resolve("/api/v1/agent/enrol"),
                  codec.write(
                      new Enrolment.Request(
                          enrolmentToken, "web-bench-" + h, UUID.randomUUID().toString())),
                  null,
                  null),
              Enrolment.Response.class);
      keys.add(agent.hostKey());
      Random random = new Random(h);
      long sequence = 1;
      List<Point> batch = new ArrayList<>();
      for (long at = start; at < end; at += RUN_SECONDS * 1000L) {
        int requests = 40 + random.nextInt(20) + h * 5;
        expected += requests;
        batch.addAll(run(at, requests, random));
        if ((at - start) % (TOP_SECONDS * 1000L) == 0) {
          batch.addAll(tops(at, requests * TOP_SECONDS / RUN_SECONDS, random));
        }
        if (batch.size() >= 5_000 || at + RUN_SECONDS * 1000L >= end) {
          points += batch.size();
          post(
              http,
              server.resolve("/api/v1/agent/ingest"),
              codec.writeGzip(new Batch(sequence++, System.currentTimeMillis(), null, batch)),
              "Bearer " + agent.agentToken(),
              "gzip");
          batch.clear();
        }
      }
    }
    double ingestSeconds = (System.nanoTime() - t0) / 1e9;
    post(
        http,
        server.resolve("/api/v1/auth/login"),
        ("{\"username\":\"admin\",\"password\":\"" + password + "\"}")
            .getBytes(StandardCharsets.UTF_8),
        null,
        null);
    String xsrf =
        cookies.getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals("XSRF-TOKEN"))
            .map(HttpCookie::getValue)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no XSRF-TOKEN cookie after login"));
    long group;
    if (ingest) {
      String created =
          new String(
              post(
                  http,
                  server.resolve("/api/v1/host-groups"),
                  ("{\"name\":\"web bench " + UUID.randomUUID() + "\"}")
                      .getBytes(StandardCharsets.UTF_8),
                  null,
                  null,
                  xsrf),
              StandardCharsets.UTF_8);
      group = codec.mapper().readTree(created).get("id").asLong();
      for (String key : keys) {
        put(http, server.resolve("/api/v1/host-groups/" + group + "/hosts/" + key), xsrf);
      }
    } else {
      // Data of an earlier run (same server, same --hours within the raw retention): time only.
      group = Long.parseLong(options.get("group"));
      codec
          .mapper()
          .readTree(get(http, server.resolve("/api/v1/host-groups/" + group)))
          .get("hosts")
          .forEach(host -> keys.add(host.asString()));
    }

    String range = "&from=" + start + "&to=" + end;
    URI whole = server.resolve("/api/v1/web/pool?group=" + group + range);
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (ingest
        && codec.mapper().readTree(get(http, whole)).get("totals").get("requests").asLong()
            < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the store did not show " + expected + " requests");
      }
      Thread.sleep(1000);
    }
    Map<String, URI> queries = new LinkedHashMap<>();
    queries.put(
        "pool, last hour (raw)",
        server.resolve(
            "/api/v1/web/pool?group=" + group + "&from=" + (end - 3_600_000L) + "&to=" + end));
    queries.put("pool, " + hours + " h", whole);
    queries.put(
        "visitors of the pool, " + hours + " h",
        server.resolve("/api/v1/web/visitors?group=" + group + range + "&limit=100"));
    queries.put(
        "one host, " + hours + " h",
        server.resolve("/api/v1/hosts/" + keys.get(0) + "/web?x=1" + range));
    if (ingest) {
      System.out.printf(
          "%d hosts, %d h: %,d points ingested in %.1f s, %,d requests, group %d%n%n",
          hosts, hours, points, ingestSeconds, expected, group);
    }
    System.out.printf(
        "| query | runs | response bytes | p50 ms | p95 ms | p99 ms |%n|---|---|---|---|---|---|%n");
    for (Map.Entry<String, URI> query : queries.entrySet()) {
      for (int i = 0; i < 3; i++) {
        get(http, query.getValue());
      }
      long[] nanos = new long[runs];
      int bytes = 0;
      for (int i = 0; i < runs; i++) {
        long q0 = System.nanoTime();
        bytes = get(http, query.getValue()).length();
        nanos[i] = System.nanoTime() - q0;
      }
      Arrays.sort(nanos);
      System.out.printf(
          "| %s | %d | %d | %.1f | %.1f | %.1f |%n",
          query.getKey(),
          runs,
          bytes,
          millis(nanos, 0.50),
          millis(nanos, 0.95),
          millis(nanos, 0.99));
    }
  }

  /** One run's weblog, weblog_status and weblog_method points. */
  private static List<Point> run(long at, int requests, Random random) {
    int errors = random.nextInt(3);
    int missing = random.nextInt(4);
    int notModified = random.nextInt(5);
    int ok = requests - errors - missing - notModified;
    Map<String, Double> fields = new HashMap<>();
    fields.put("lines", (double) requests);
    fields.put("malformed", 0.0);
    fields.put("requests", (double) requests);
    fields.put("bytes", requests * 4_000.0);
    fields.put("req_per_s", requests / (double) RUN_SECONDS);
    fields.put("bytes_per_s", requests * 400.0);
    fields.put("status_1xx", 0.0);
    fields.put("status_2xx", (double) ok);
    fields.put("status_3xx", (double) notModified);
    fields.put("status_4xx", (double) missing);
    fields.put("status_5xx", (double) errors);
    fields.put("error_4xx_pct", 100.0 * missing / requests);
    fields.put("error_5xx_pct", 100.0 * errors / requests);
    fields.put("rt_avg_ms", 20 + random.nextDouble() * 10);
    fields.put("rt_p50_ms", 12 + random.nextDouble() * 5);
    fields.put("rt_p90_ms", 40 + random.nextDouble() * 20);
    fields.put("rt_p99_ms", 150 + random.nextDouble() * 100);
    fields.put("rt_max_ms", 400 + random.nextDouble() * 300);
    List<Point> points = new ArrayList<>();
    points.add(new Point("weblog", Map.of("log", "access"), fields, at));
    int[][] codes = {{200, ok}, {304, notModified}, {404, missing}, {500, errors}};
    for (int[] code : codes) {
      if (code[1] > 0) {
        points.add(
            new Point(
                "weblog_status",
                Map.of("log", "access", "code", Integer.toString(code[0])),
                Map.of("requests", (double) code[1]),
                at));
      }
    }
    points.add(
        new Point(
            "weblog_method",
            Map.of("log", "access", "method", "GET"),
            Map.of("requests", requests - 1.0),
            at));
    points.add(
        new Point(
            "weblog_method",
            Map.of("log", "access", "method", "POST"),
            Map.of("requests", 1.0),
            at));
    return points;
  }

  /** One period's top tables: {@value #TOP} keys of each dimension drawn from its key pool. */
  private static List<Point> tops(long at, int requests, Random random) {
    List<Point> points = new ArrayList<>();
    KEY_POOLS.forEach(
        (dim, pool) -> {
          int first = random.nextInt(pool);
          for (int k = 0; k < Math.min(TOP, pool); k++) {
            String key = dim + "-" + ((first + k) % pool);
            Map<String, Double> fields = new HashMap<>();
            double count = Math.max(1, requests / (k + 2));
            fields.put("requests", count);
            fields.put("bytes", count * 4_000);
            fields.put("errors", (double) random.nextInt(2));
            fields.put("err_bound", (double) random.nextInt(3));
            if (dim.equals("url")) {
              fields.put("rt_p50_ms", 10.0 + k);
              fields.put("rt_p90_ms", 40.0 + k);
              fields.put("rt_p99_ms", 150.0 + k);
            }
            points.add(
                new Point(
                    "weblog_top", Map.of("log", "access", "dim", dim, "key", key), fields, at));
          }
        });
    return points;
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

  private static void put(HttpClient http, URI uri, String xsrf) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("X-XSRF-TOKEN", xsrf)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(uri + " answered " + response.statusCode());
    }
  }

  private static byte[] post(HttpClient http, URI uri, byte[] body, String auth, String encoding)
      throws Exception {
    return post(http, uri, body, auth, encoding, null);
  }

  private static byte[] post(
      HttpClient http, URI uri, byte[] body, String auth, String encoding, String xsrf)
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
    if (xsrf != null) {
      request.header("X-XSRF-TOKEN", xsrf);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
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
