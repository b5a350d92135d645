package io.vigil.bench.scale;

import io.vigil.bench.ilp.IlpLoad;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The issue-8 side-by-side for one target already running on loopback (the script {@code
 * vigil-bench/scripts/scale-bench.sh} starts each in turn): writes the reproducible line-protocol
 * data set ({@code --hosts} × {@code --fields} × {@code --timestamps} samples with {@code
 * --senders} parallel senders, {@link IlpLoad}), waits until it is queryable and flushed, measures
 * the target's data directory, then times the four dashboard queries, each checked for the right
 * answer size:
 *
 * <ol>
 *   <li>q1: one host, one field, raw, the last hour;
 *   <li>q2: the 1-minute average of one field across all hosts over the last hour;
 *   <li>q3: the top 10 hosts by the maximum of one field over the last 5 minutes;
 *   <li>q4: 5-minute buckets (average) of one host's 20 fields over the last hour.
 * </ol>
 *
 * <p>Prints one Markdown table row. Targets: {@code vigil} (its ILP endpoint and HTTP query API),
 * {@code victoriametrics} (its InfluxDB endpoint and Prometheus query API with MetricsQL), {@code
 * influxdb} (1.x write and InfluxQL).
 */
public final class ScaleBench {

  private static final int QUERY_WARMUPS = 200;

  private final String target;
  private final URI base;
  private final Map<String, String> options;
  private final HttpClient http;
  private final CookieManager cookies = new CookieManager();
  private String bearer;
  private String host = "h0"; // the host of q1 and q4: one in the middle of the fleet

  private ScaleBench(String target, URI base, Map<String, String> options) {
    this.target = target;
    this.base = base;
    this.options = options;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String target = options.getOrDefault("target", "vigil");
    URI base = URI.create(options.getOrDefault("url", "http://127.0.0.1:8080"));
    if (!"127.0.0.1".equals(base.getHost())) {
      throw new IllegalArgumentException("loopback only: " + base);
    }
    new ScaleBench(target, base, options).run();
  }

  private void run() throws Exception {
    int hosts = intOption("hosts", 10_000);
    int fields = intOption("fields", 20);
    int timestamps = intOption("timestamps", 30);
    int reps = intOption("reps", 20);
    long pid = Long.parseLong(options.getOrDefault("pid", "0"));
    Path data = Path.of(options.getOrDefault("data", "."));
    long samples = (long) hosts * fields * timestamps;
    host = "h" + hosts / 2;

    String writeToken = prepare();
    long end = System.currentTimeMillis() / 1000 - 60; // seconds: the data set's last timestamp
    // The same warm-up for every target: a tenth of the data set under other names, so a JVM's
    // compiler has seen the write path before the clock starts (and a native one loses nothing).
    int warmupHosts = Math.max(1, hosts / 10);
    IlpLoad.Result warmup =
        IlpLoad.send(
            base.resolve("/write?db=bench&precision=s"),
            writeToken,
            IlpLoad.bodies(
                "warmup", "w", warmupHosts, fields, timestamps, intOption("lines", 5_000), end),
            intOption("senders", 4),
            (long) warmupHosts * fields * timestamps);
    if (!warmup.statuses().keySet().stream().allMatch(s -> s == 204)) {
      throw new IllegalStateException(target + " answered the warm-up " + warmup.statuses());
    }
    List<byte[]> bodies = IlpLoad.bodies(hosts, fields, timestamps, intOption("lines", 5_000), end);
    long cpuBefore = cpuTicks(pid);
    IlpLoad.Result load =
        IlpLoad.send(
            base.resolve("/write?db=bench&precision=s"),
            writeToken,
            bodies,
            intOption("senders", 4),
            samples);
    long cpuTicks = cpuTicks(pid) - cpuBefore;
    if (!load.statuses().keySet().stream().allMatch(s -> s == 204)) {
      throw new IllegalStateException(target + " answered " + load.statuses());
    }
    awaitAll(hosts, timestamps, end);
    String bytes = target.equals("vigil") ? "(below)" : perSample(flushAndMeasure(data), samples);
    // The same data set again: every series (and Vigil's hosts) now exists, as in a fleet's
    // steady state. Each target keeps one sample per series and timestamp (VictoriaMetrics with
    // its de-duplication flag, which the script sets).
    IlpLoad.Result again =
        IlpLoad.send(
            base.resolve("/write?db=bench&precision=s"),
            writeToken,
            bodies,
            intOption("senders", 4),
            samples);
    if (!again.statuses().keySet().stream().allMatch(s -> s == 204)) {
      throw new IllegalStateException(target + " answered " + again.statuses());
    }

    // Queries on a settled store, as a dashboard meets it: each target first finishes what the
    // writes left it (QuestDB applies the second pass's WAL and refreshes its views, the others
    // merge), so no target's queries compete with its own background work.
    awaitQuiet(pid);
    long endMillis = end * 1000 + 1000;
    long hourAgo = endMillis - 3_600_000;
    double[] q1 = time(reps, () -> q1(hourAgo, endMillis), n -> n == timestamps, "q1 points");
    double[] q2 = time(reps, () -> q2(hourAgo, endMillis), n -> n >= 5 && n <= 7, "q2 buckets");
    double[] q3 = time(reps, () -> q3(endMillis), n -> n == 10, "q3 hosts");
    double[] q4 = time(reps, () -> q4(hourAgo, endMillis), n -> n == fields, "q4 fields");
    System.out.printf(
        Locale.ROOT,
        "| %s | %,.0f | %,.0f | %.1f s | %.1f s | %s | %s | %s | %s | %s |%n",
        target,
        load.samplesPerSecond(),
        again.samplesPerSecond(),
        load.elapsed().toMillis() / 1000.0,
        cpuTicks / 100.0,
        bytes,
        millis(q1),
        millis(q2),
        millis(q3),
        millis(q4));
  }

  /** Creates what the target needs before a write; answers the write token, if any. */
  private String prepare() throws Exception {
    switch (target) {
      case "vigil" -> {
        String password = options.get("password");
        send("POST", "/api/v1/auth/login", json("username", "admin", "password", password));
        String ingest = send("POST", "/api/v1/ingest-tokens", json("name", "scale-bench"));
        String user = send("POST", "/api/v1/tokens", json("name", "scale-bench"));
        bearer = field(user, "token");
        // From here on an API client: the bearer token only, no browser session beside it.
        cookies.getCookieStore().removeAll();
        return field(ingest, "token");
      }
      case "influxdb" -> {
        send("POST", "/query?q=" + encode("CREATE DATABASE bench"), null);
        return null;
      }
      case "victoriametrics" -> {
        return null;
      }
      default -> throw new IllegalArgumentException("unknown target " + target);
    }
  }

  /** Waits until every host's last sample can be read (the write path's own delay). */
  private void awaitAll(int hosts, int timestamps, long end) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    String last = "h" + (hosts - 1);
    while (System.nanoTime() < deadline) {
      if (pointsOf(last, (end - 3600) * 1000, end * 1000 + 1000) == timestamps) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(target + " did not show the last host's samples in 5 min");
  }

  /** Bytes of the data directory once the target wrote what it holds in memory. */
  private long flushAndMeasure(Path data) throws Exception {
    switch (target) {
      case "victoriametrics" -> {
        send("GET", "/internal/force_flush", null);
        Thread.sleep(5_000);
        return du(data, List.of());
      }
      case "influxdb" -> {
        // cache-snapshot-write-cold-duration is 5 s in the script's config: wait for the TSM file.
        Thread.sleep(15_000);
        return du(data, List.of());
      }
      default -> throw new IllegalArgumentException("the script measures Vigil after a stop");
    }
  }

  private int q1(long from, long to) throws Exception {
    return pointsOf(host, from, to);
  }

  /** Raw points of one host's f0 in [from, to). */
  private int pointsOf(String host, long from, long to) throws Exception {
    return switch (target) {
      case "vigil" ->
          count(
              send(
                  "GET",
                  "/api/v1/query/range?resolution=raw&measurement=bench&fields=f0&host="
                      + host
                      + "&from="
                      + from
                      + "&to="
                      + to,
                  null),
              "\"timestamps\":[");
      case "victoriametrics" ->
          count(
              send(
                  "GET",
                  "/api/v1/export?match[]="
                      + encode("bench_f0{host=\"" + host + "\"}")
                      + "&start="
                      + from / 1000
                      + "&end="
                      + (to - 1) / 1000,
                  null),
              "\"timestamps\":[");
      default ->
          rows(
              influx(
                  "SELECT f0 FROM bench WHERE host='"
                      + host
                      + "' AND time >= "
                      + from
                      + "ms AND time < "
                      + to
                      + "ms"));
    };
  }

  private int q2(long from, long to) throws Exception {
    return switch (target) {
      case "vigil" ->
          count(
              send(
                  "GET",
                  "/api/v1/query/aggregate?measurement=bench&field=f0&fn=avg&step=1m&from="
                      + from
                      + "&to="
                      + to,
                  null),
              "\"timestamps\":[");
      case "victoriametrics" ->
          count(promRange("avg(avg_over_time(bench_f0[1m]))", from, to, 60), "\"values\":[");
      default ->
          rows(
              influx(
                  "SELECT mean(f0) FROM bench WHERE time >= "
                      + from
                      + "ms AND time < "
                      + to
                      + "ms GROUP BY time(1m) fill(none)"));
    };
  }

  private int q3(long to) throws Exception {
    long from = to - 300_000;
    return switch (target) {
      case "vigil" ->
          occurrences(
              send(
                  "GET",
                  "/api/v1/query/top?measurement=bench&field=f0&window=5m&n=10&agg=max&to=" + to,
                  null),
              "\"host\"");
      case "victoriametrics" ->
          occurrences(
              send(
                  "GET",
                  "/api/v1/query?query="
                      + encode("topk(10, max_over_time(bench_f0[5m]))")
                      + "&time="
                      + to / 1000.0
                      + "&nocache=1",
                  null),
              "\"metric\"");
      default ->
          rows(
              influx(
                  "SELECT top(m, host, 10) FROM (SELECT max(f0) AS m FROM bench WHERE time >= "
                      + from
                      + "ms AND time < "
                      + to
                      + "ms GROUP BY host)"));
    };
  }

  /** Answers the number of fields in the answer. */
  private int q4(long from, long to) throws Exception {
    return switch (target) {
      case "vigil" ->
          occurrences(
              send(
                  "GET",
                  "/api/v1/query/range?measurement=bench&step=5m&host="
                      + host
                      + "&from="
                      + from
                      + "&to="
                      + to,
                  null),
              "\"avg\":[");
      case "victoriametrics" ->
          occurrences(
              promRange(
                  "avg_over_time({__name__=~\"bench_f.*\",host=\"" + host + "\"}[5m])",
                  from,
                  to,
                  300),
              "\"metric\"");
      default ->
          occurrences(
              influx(
                  "SELECT mean(*) FROM bench WHERE host='"
                      + host
                      + "' AND time >= "
                      + from
                      + "ms AND time < "
                      + to
                      + "ms GROUP BY time(5m) fill(none)"),
              "\"mean_f");
    };
  }

  /** VictoriaMetrics' query_range evaluated at bucket ends, as the remote engine does. */
  private String promRange(String query, long from, long to, int stepSeconds) throws Exception {
    return send(
        "GET",
        "/api/v1/query_range?query="
            + encode(query)
            + "&start="
            + from / 1000
            + "&end="
            + to / 1000
            + "&step="
            + stepSeconds
            + "&nocache=1",
        null);
  }

  private String influx(String query) throws Exception {
    return send("GET", "/query?db=bench&epoch=ms&q=" + encode(query), null);
  }

  private interface Query {
    int run() throws Exception;
  }

  /**
   * Milliseconds of {@code reps} runs after {@value #QUERY_WARMUPS} warm-ups (a JVM compiles the
   * query path in them; the same for every target), each answer checked.
   */
  private static double[] time(int reps, Query query, Predicate<Integer> expected, String what)
      throws Exception {
    for (int i = 0; i < QUERY_WARMUPS; i++) {
      int n = query.run();
      if (!expected.test(n)) {
        throw new IllegalStateException("unexpected answer size: " + what + " = " + n);
      }
    }
    double[] millis = new double[reps];
    for (int i = 0; i < reps; i++) {
      long start = System.nanoTime();
      query.run();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis;
  }

  private static String millis(double[] sorted) {
    double median = sorted[sorted.length / 2];
    double p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
    return String.format(Locale.ROOT, "%.1f / %.1f", median, p95);
  }

  private String send(String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofMinutes(2))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    } else {
      for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
        if (cookie.getName().equals("XSRF-TOKEN")) {
          request.header("X-XSRF-TOKEN", cookie.getValue());
        }
      }
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          method + " " + path + " → " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** Elements of the first JSON array that follows {@code marker} (numbers or arrays). */
  private static int count(String json, String marker) {
    int at = json.indexOf(marker);
    if (at < 0) {
      return 0;
    }
    int depth = 0;
    int elements = 0;
    boolean empty = true;
    for (int i = at + marker.length() - 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
        if (depth == 0) {
          return empty ? 0 : elements + 1;
        }
      } else if (depth == 1 && c == ',') {
        elements++;
      } else if (!Character.isWhitespace(c)) {
        empty = false;
      }
    }
    return 0;
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      n++;
    }
    return n;
  }

  /** Rows of an InfluxQL answer: the elements of its "values" array. */
  private static int rows(String json) {
    return count(json, "\"values\":[");
  }

  private static String perSample(long bytes, long samples) {
    return String.format(Locale.ROOT, "%.2f", (double) bytes / samples);
  }

  private static long du(Path dir, List<String> excluded) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("du", "-s", "--block-size=1"));
    excluded.forEach(pattern -> command.add("--exclude=" + pattern));
    command.add(dir.toString());
    Process du = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    du.waitFor();
    return Long.parseLong(out.trim().split("\\s+")[0]);
  }

  /**
   * Waits until the target used under 25 % of a core over two seconds (at most two minutes; an idle
   * Vigil with 10,000 agentless hosts uses about 12 %); the seconds waited go to stderr, so the
   * table stays the same.
   */
  private static void awaitQuiet(long pid) throws IOException, InterruptedException {
    if (pid <= 0) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start + Duration.ofMinutes(2).toNanos();
    long before = cpuTicks(pid);
    while (System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      long now = cpuTicks(pid);
      if (now - before < 50) { // ticks are 10 ms: under 500 ms of CPU in 2 s
        break;
      }
      before = now;
    }
    System.err.printf(Locale.ROOT, "settled after %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** utime + stime of a process in clock ticks (100 per second here); 0 without a pid. */
  private static long cpuTicks(long pid) throws IOException {
    if (pid <= 0) {
      return 0;
    }
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static String field(String json, String name) {
    String marker = "\"" + name + "\":\"";
    int at = json.indexOf(marker);
    if (at < 0) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return json.substring(at + marker.length(), json.indexOf('"', at + marker.length()));
  }

  private static String json(String... keyValues) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < keyValues.length; i += 2) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(keyValues[i]).append("\":\"");
      out.append(keyValues[i + 1].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append('}').toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private int intOption(String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("options look like --name value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
