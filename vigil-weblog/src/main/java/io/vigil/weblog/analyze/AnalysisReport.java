package io.vigil.weblog.analyze;

import io.vigil.weblog.KeyText;
import io.vigil.weblog.RunTotals;
import io.vigil.weblog.TopTables;
import io.vigil.weblog.TrafficAggregator;
import io.vigil.weblog.parse.HttpMethod;
import io.vigil.weblog.sketch.QuantileSketch;
import io.vigil.weblog.sketch.SpaceSaving;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code vigil weblog analyze} prints: totals, status mix, methods, response-time percentiles
 * and the top tables with their error bounds — the same figures the agent's check sends as points,
 * over a whole file. As text for people or as JSON.
 */
final class AnalysisReport {

  private final Map<String, Object> root = new LinkedHashMap<>();

  private AnalysisReport() {}

  static AnalysisReport of(
      String file, TrafficAggregator aggregate, int top, double seconds, int threads) {
    AnalysisReport report = new AnalysisReport();
    RunTotals run = aggregate.run();
    Map<String, Object> r = report.root;
    r.put("file", file);
    r.put("format", aggregate.format().description());
    r.put("lines", run.lines());
    r.put("malformed", run.malformed());
    r.put("requests", run.requests());
    r.put("bytes", run.bytes());
    if (run.earliest() != Long.MAX_VALUE) {
      r.put("first", Instant.ofEpochSecond(run.earliest()).toString());
      r.put("last", Instant.ofEpochSecond(run.latest()).toString());
    }
    Map<String, Object> classes = new LinkedHashMap<>();
    for (int digit = 1; digit <= 5; digit++) {
      classes.put(digit + "xx", run.statusClass(digit));
    }
    r.put("status_classes", classes);
    r.put("error_4xx_pct", round(run.percent(4)));
    r.put("error_5xx_pct", round(run.percent(5)));
    Map<String, Object> codes = new LinkedHashMap<>();
    for (int code : run.codes()) {
      codes.put(Integer.toString(code), run.status(code));
    }
    r.put("status_codes", codes);
    Map<String, Object> methods = new LinkedHashMap<>();
    for (HttpMethod method : HttpMethod.values()) {
      if (run.method(method) > 0) {
        methods.put(method.name(), run.method(method));
      }
    }
    r.put("methods", methods);
    if (aggregate.format().hasResponseTime()) {
      r.put("response_ms", percentiles(run.latency(), true));
    }
    Map<String, Object> tops = new LinkedHashMap<>();
    TopTables tables = aggregate.top();
    tables.tables().forEach((dimension, table) -> tops.put(dimension.tag(), table(table, top)));
    r.put("top", tops);
    Map<String, Object> timing = new LinkedHashMap<>();
    timing.put("seconds", round(seconds));
    timing.put("lines_per_s", Math.round(run.lines() / Math.max(seconds, 1e-9)));
    timing.put("threads", threads);
    r.put("timing", timing);
    return report;
  }

  private static Map<String, Object> percentiles(QuantileSketch sketch, boolean withCount) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (withCount) {
      p.put("count", sketch.count());
    }
    if (sketch.count() > 0) {
      p.put("avg", round(sketch.mean()));
      p.put("p50", round(sketch.quantile(0.50)));
      p.put("p90", round(sketch.quantile(0.90)));
      p.put("p99", round(sketch.quantile(0.99)));
      p.put("max", round(sketch.max()));
    }
    return p;
  }

  private static Map<String, Object> table(SpaceSaving table, int top) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("requests", table.total());
    t.put("counters", table.capacity());
    t.put("keys_tracked", table.size());
    // Any key's count is over by at most this; every key above it is in the table.
    t.put("error_bound", table.errorBound());
    List<Object> rows = new ArrayList<>();
    for (SpaceSaving.Entry e : table.top(top)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("key", KeyText.tagValue(e.key()));
      row.put("requests", e.count());
      row.put("err_bound", e.error());
      row.put("bytes", e.bytes());
      row.put("errors", e.errors());
      if (e.latency() != null && e.latency().count() > 0) {
        row.put("response_ms", percentiles(e.latency(), false));
      }
      rows.add(row);
    }
    t.put("rows", rows);
    return t;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The report as indented JSON. */
  String json() {
    return JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build()
            .writeValueAsString(root)
        + "\n";
  }

  /** The report as text for a terminal. */
  @SuppressWarnings("unchecked")
  void printText(PrintWriter out) {
    Map<String, Object> r = root;
    out.printf("%s (%s)%n", r.get("file"), r.get("format"));
    if (r.containsKey("first")) {
      out.printf("  %s … %s%n", r.get("first"), r.get("last"));
    }
    out.printf(
        Locale.ROOT,
        "  %,d lines, %,d malformed, %,d requests, %s%n",
        (long) r.get("lines"),
        (long) r.get("malformed"),
        (long) r.get("requests"),
        bytes((long) r.get("bytes")));
    out.printf(
        Locale.ROOT,
        "  status  %s   4xx %.2f %%  5xx %.2f %%%n",
        join((Map<String, Object>) r.get("status_classes")),
        (double) r.get("error_4xx_pct"),
        (double) r.get("error_5xx_pct"));
    out.printf("  codes   %s%n", join((Map<String, Object>) r.get("status_codes")));
    out.printf("  methods %s%n", join((Map<String, Object>) r.get("methods")));
    if (r.containsKey("response_ms")) {
      out.printf("  response time ms  %s%n", join((Map<String, Object>) r.get("response_ms")));
    }
    Map<String, Object> tops = (Map<String, Object>) r.get("top");
    for (Map.Entry<String, Object> dim : tops.entrySet()) {
      Map<String, Object> t = (Map<String, Object>) dim.getValue();
      out.println();
      out.printf(
          Locale.ROOT,
          "Top %s — %,d keys tracked in %,d counters; counts over by at most %,d%n",
          dim.getKey(),
          (int) t.get("keys_tracked"),
          (int) t.get("counters"),
          (long) t.get("error_bound"));
      for (Object o : (List<Object>) t.get("rows")) {
        Map<String, Object> row = (Map<String, Object>) o;
        StringBuilder line =
            new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "  %,12d  ±%-8d %10s  5xx %-8d",
                    (long) row.get("requests"),
                    (long) row.get("err_bound"),
                    bytes((long) row.get("bytes")),
                    (long) row.get("errors")));
        if (row.containsKey("response_ms")) {
          Map<String, Object> p = (Map<String, Object>) row.get("response_ms");
          line.append(
              String.format(Locale.ROOT, " p50 %8.1f p99 %8.1f ms ", p.get("p50"), p.get("p99")));
        }
        line.append(' ').append(row.get("key"));
        out.println(line);
      }
    }
    Map<String, Object> timing = (Map<String, Object>) r.get("timing");
    out.println();
    out.printf(
        Locale.ROOT,
        "%.3f s, %,d lines/s, %d threads%n",
        (double) timing.get("seconds"),
        (long) timing.get("lines_per_s"),
        (int) timing.get("threads"));
    out.flush();
  }

  Map<String, Object> root() {
    return root;
  }

  private static String join(Map<String, Object> map) {
    StringBuilder sb = new StringBuilder();
    map.forEach(
        (k, v) -> {
          if (!sb.isEmpty()) {
            sb.append("  ");
          }
          sb.append(k).append(' ').append(v);
        });
    return sb.toString();
  }

  private static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
