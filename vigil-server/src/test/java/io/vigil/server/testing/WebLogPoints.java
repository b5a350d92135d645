package io.vigil.server.testing;

import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.model.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points and the check result a {@code weblog} item sends for one run, as the wire contract
 * (docs/weblog.md) describes them, built from the requests the run saw: for tests that drive the
 * server with {@link ProtocolAgent} instead of a real agent.
 *
 * <pre>{@code
 * List<Point> points = WebLogPoints.run("access", at, 10).status(200, 8).status(500, 2)
 *     .method("GET", 10).bytes(1000).latency(20, 10, 40, 90, 120).points();
 * }</pre>
 */
public final class WebLogPoints {

  private final String log;
  private final long at;
  private final double seconds;
  private final Map<Integer, Integer> statuses = new LinkedHashMap<>();
  private final Map<String, Integer> methods = new LinkedHashMap<>();
  private double bytes;
  private double[] latency;
  private int malformed;

  private WebLogPoints(String log, long at, double seconds) {
    this.log = log;
    this.at = at;
    this.seconds = seconds;
  }

  /** A run of item {@code log} at {@code at}, {@code seconds} after the previous run. */
  public static WebLogPoints run(String log, long at, double seconds) {
    return new WebLogPoints(log, at, seconds);
  }

  public WebLogPoints status(int code, int requests) {
    statuses.merge(code, requests, Integer::sum);
    return this;
  }

  public WebLogPoints method(String method, int requests) {
    methods.merge(method, requests, Integer::sum);
    return this;
  }

  public WebLogPoints bytes(double bytes) {
    this.bytes = bytes;
    return this;
  }

  public WebLogPoints malformed(int lines) {
    this.malformed = lines;
    return this;
  }

  /** Response times of the run in ms: mean, p50, p90, p99, maximum. */
  public WebLogPoints latency(double avg, double p50, double p90, double p99, double max) {
    this.latency = new double[] {avg, p50, p90, p99, max};
    return this;
  }

  public int requests() {
    return statuses.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** {@code weblog}, then one {@code weblog_status} per code and one {@code weblog_method}. */
  public List<Point> points() {
    int requests = requests();
    Map<String, Double> fields = new HashMap<>();
    fields.put("lines", (double) requests + malformed);
    fields.put("malformed", (double) malformed);
    fields.put("requests", (double) requests);
    fields.put("bytes", bytes);
    fields.put("req_per_s", requests / seconds);
    fields.put("bytes_per_s", bytes / seconds);
    int[] classes = new int[6];
    statuses.forEach((code, n) -> classes[code / 100] += n);
    for (int c = 1; c <= 5; c++) {
      fields.put("status_" + c + "xx", (double) classes[c]);
    }
    fields.put("error_4xx_pct", requests == 0 ? 0 : 100.0 * classes[4] / requests);
    fields.put("error_5xx_pct", requests == 0 ? 0 : 100.0 * classes[5] / requests);
    if (latency != null) {
      fields.put("rt_avg_ms", latency[0]);
      fields.put("rt_p50_ms", latency[1]);
      fields.put("rt_p90_ms", latency[2]);
      fields.put("rt_p99_ms", latency[3]);
      fields.put("rt_max_ms", latency[4]);
    }
    List<Point> points = new ArrayList<>();
    points.add(new Point("weblog", Map.of("log", log), fields, at));
    statuses.forEach(
        (code, n) ->
            points.add(
                new Point(
                    "weblog_status",
                    Map.of("log", log, "code", Integer.toString(code)),
                    Map.of("requests", (double) n),
                    at)));
    methods.forEach(
        (method, n) ->
            points.add(
                new Point(
                    "weblog_method",
                    Map.of("log", log, "method", method),
                    Map.of("requests", (double) n),
                    at)));
    return points;
  }

  /**
   * One key of a top table: {@code weblog_top{log, dim, key}} with requests, bytes, errors, the
   * error bound and, when {@code p99} is not null, the URL latency percentiles (p50 = p99 / 4, p90
   * = p99 / 2).
   */
  public static Point top(
      String log,
      long at,
      String dim,
      String key,
      double requests,
      double bytes,
      double errors,
      double errBound,
      Double p99) {
    Map<String, Double> fields = new HashMap<>();
    fields.put("requests", requests);
    fields.put("bytes", bytes);
    fields.put("errors", errors);
    fields.put("err_bound", errBound);
    if (p99 != null) {
      fields.put("rt_p50_ms", p99 / 4);
      fields.put("rt_p90_ms", p99 / 2);
      fields.put("rt_p99_ms", p99);
    }
    return new Point("weblog_top", Map.of("log", log, "dim", dim, "key", key), fields, at);
  }

  /** The run's check result carrying these 5xx lines as its details. */
  public static CheckResult result(String log, long at, int requests, List<String> samples) {
    return new CheckResult(
        log,
        "weblog",
        at,
        CheckStatus.OK,
        requests + " requests",
        1.0,
        Map.of("requests", (double) requests),
        samples);
  }
}
