package io.vigil.weblog;

import io.vigil.model.Point;
import io.vigil.weblog.parse.HttpMethod;
import io.vigil.weblog.sketch.QuantileSketch;
import io.vigil.weblog.sketch.SpaceSaving;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The points of the web log wire contract (docs/checks.md, {@code weblog}): {@code weblog}, {@code
 * weblog_status} and {@code weblog_method} every run, {@code weblog_top} once per top period. Every
 * point carries the tag {@code log} (the item key); the server adds {@code host}.
 */
public final class WebLogPoints {

  public static final String SUMMARY = "weblog";
  public static final String STATUS = "weblog_status";
  public static final String METHOD = "weblog_method";
  public static final String TOP = "weblog_top";

  private WebLogPoints() {}

  /**
   * {@code weblog}, then one {@code weblog_status} per status code and one {@code weblog_method}
   * per method seen.
   *
   * @param elapsedSeconds time since the previous run, for the rates; NaN or not positive leaves
   *     the rate fields out (first run)
   * @param responseTimes whether the format has response times (the {@code rt_*} fields)
   */
  public static List<Point> summary(
      String log, long timestamp, RunTotals run, double elapsedSeconds, boolean responseTimes) {
    List<Point> points = new ArrayList<>();
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("lines", (double) run.lines());
    f.put("malformed", (double) run.malformed());
    f.put("requests", (double) run.requests());
    f.put("bytes", (double) run.bytes());
    if (elapsedSeconds > 0) {
      f.put("req_per_s", run.requests() / elapsedSeconds);
      f.put("bytes_per_s", run.bytes() / elapsedSeconds);
    }
    for (int digit = 1; digit <= 5; digit++) {
      f.put("status_" + digit + "xx", (double) run.statusClass(digit));
    }
    f.put("error_4xx_pct", run.percent(4));
    f.put("error_5xx_pct", run.percent(5));
    if (responseTimes) {
      QuantileSketch rt = run.latency();
      f.put("rt_avg_ms", zeroIfEmpty(rt.mean()));
      f.put("rt_p50_ms", zeroIfEmpty(rt.quantile(0.50)));
      f.put("rt_p90_ms", zeroIfEmpty(rt.quantile(0.90)));
      f.put("rt_p99_ms", zeroIfEmpty(rt.quantile(0.99)));
      f.put("rt_max_ms", zeroIfEmpty(rt.max()));
    }
    points.add(new Point(SUMMARY, Map.of("log", log), f, timestamp));
    for (int code : run.codes()) {
      points.add(
          new Point(
              STATUS,
              Map.of("log", log, "code", Integer.toString(code)),
              Map.of("requests", (double) run.status(code)),
              timestamp));
    }
    for (HttpMethod method : HttpMethod.values()) {
      long n = run.method(method);
      if (n > 0) {
        points.add(
            new Point(
                METHOD,
                Map.of("log", log, "method", method.name()),
                Map.of("requests", (double) n),
                timestamp));
      }
    }
    return points;
  }

  /**
   * {@code weblog_top}: the {@code k} largest keys of each dimension of {@code tables}. Keys that
   * become equal once made valid tag values (cut, control characters replaced) are added up, so no
   * two points of one period share their tags.
   */
  public static List<Point> top(
      String log, long timestamp, TopTables tables, int k, boolean responseTimes) {
    List<Point> points = new ArrayList<>();
    tables
        .tables()
        .forEach(
            (dimension, table) -> {
              for (Row row : rows(table, k)) {
                Map<String, Double> f = new TreeMap<>();
                f.put("requests", (double) row.count);
                f.put("bytes", (double) row.bytes);
                f.put("errors", (double) row.errors);
                f.put("err_bound", (double) row.error);
                if (responseTimes && row.latency != null && row.latency.count() > 0) {
                  f.put("rt_p50_ms", row.latency.quantile(0.50));
                  f.put("rt_p90_ms", row.latency.quantile(0.90));
                  f.put("rt_p99_ms", row.latency.quantile(0.99));
                }
                points.add(
                    new Point(
                        TOP,
                        Map.of("log", log, "dim", dimension.tag(), "key", row.key),
                        f,
                        timestamp));
              }
            });
    return points;
  }

  /** The top rows of a table with keys made valid tag values, equal keys added up. */
  static List<Row> rows(SpaceSaving table, int k) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (SpaceSaving.Entry e : table.top(k)) {
      String key = KeyText.tagValue(e.key());
      Row row = rows.get(key);
      if (row == null) {
        rows.put(key, new Row(key, e.count(), e.error(), e.bytes(), e.errors(), e.latency()));
      } else {
        row.add(e);
      }
    }
    return new ArrayList<>(rows.values());
  }

  private static double zeroIfEmpty(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  /** One reported key of a top table. */
  static final class Row {
    final String key;
    long count;
    long error;
    long bytes;
    long errors;
    QuantileSketch latency;

    Row(String key, long count, long error, long bytes, long errors, QuantileSketch latency) {
      this.key = key;
      this.count = count;
      this.error = error;
      this.bytes = bytes;
      this.errors = errors;
      this.latency = latency;
    }

    void add(SpaceSaving.Entry e) {
      count += e.count();
      error += e.error();
      bytes += e.bytes();
      errors += e.errors();
      if (e.latency() != null) {
        QuantileSketch merged = new QuantileSketch(TopTables.URL_LATENCY_BUCKETS);
        if (latency != null) {
          merged.merge(latency);
        }
        merged.merge(e.latency());
        latency = merged;
      }
    }
  }
}
