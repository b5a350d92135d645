package io.vigil.server.weblog;

import io.vigil.model.Point;
import io.vigil.server.web.ApiException;
import io.vigil.storage.GroupQuery;
import io.vigil.storage.GroupRow;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Answers web-traffic questions from what the agents' {@code weblog} items stored: totals, the
 * status and method mix and the top tables by summing rows over the range and the pool's hosts
 * ({@link MetricStore#group}, raw rows, exact sums), the graphs from range queries bucketed by
 * {@link TrafficSeries}, the 5xx samples from {@link WebLogSampleRepository}.
 */
@Service
class WebTraffic {

  static final String SUMMARY = "weblog";
  static final String STATUS = "weblog_status";
  static final String METHOD = "weblog_method";
  static final String TOP = "weblog_top";

  /** The top-table dimensions of the wire contract, in display order. */
  static final List<String> DIMENSIONS =
      List.of("url", "client", "referrer", "browser", "os", "bot", "vhost", "upstream");

  static final List<String> TOTAL_FIELDS =
      List.of(
          "requests",
          "bytes",
          "lines",
          "malformed",
          "status_1xx",
          "status_2xx",
          "status_3xx",
          "status_4xx",
          "status_5xx");

  static final List<String> TOP_FIELDS = List.of("requests", "bytes", "errors", "err_bound");
  static final List<String> URL_LATENCY = List.of("rt_p50_ms", "rt_p90_ms", "rt_p99_ms");

  static final int SAMPLE_LINES = 50;
  static final int MAX_CODES = 100;
  static final int MAX_METHODS = 20;
  static final int MAX_LOGS = 100;
  static final int MAX_HOSTS = GroupQuery.MAX_HOSTS;

  private final MetricStore store;
  private final WebLogSampleRepository samples;

  WebTraffic(MetricStore store, WebLogSampleRepository samples) {
    this.store = store;
    this.samples = samples;
  }

  WebViews.TrafficView traffic(WebPools.Pool pool, WebRange range, String log, int top) {
    Map<String, String> logFilter = log == null ? Map.of() : Map.of("log", log);
    Resolution resolution = Resolution.forSpan(range.span());
    TreeSet<String> logs = new TreeSet<>();
    Map<String, Map<String, Double>> perHost = new LinkedHashMap<>();
    List<TrafficSeries.Input> inputs = new ArrayList<>();
    if (store.measurements().contains(SUMMARY)) {
      // Which logs there are, then each server's totals: two passes over the raw rows in all.
      group(SUMMARY, Map.of(), pool.hosts(), "log", List.of("requests"), range, MAX_LOGS)
          .forEach(row -> logs.add(row.key()));
      Map<String, GroupRow> byHost = new HashMap<>();
      group(SUMMARY, logFilter, pool.hosts(), "host", TOTAL_FIELDS, range, MAX_HOSTS)
          .forEach(row -> byHost.put(row.key(), row));
      for (String host : pool.hosts()) { // in the pool's order, not by traffic
        GroupRow row = byHost.get(host);
        if (row != null) {
          Map<String, Double> sums = new HashMap<>();
          TOTAL_FIELDS.forEach(f -> sums.put(f, row.sum(f)));
          perHost.put(host, sums);
        }
      }
      perHost.keySet().forEach(host -> inputs.addAll(seriesOf(host, logFilter, range)));
    }
    if (log != null) {
      logs.retainAll(Set.of(log));
    }
    long minimumStep = resolution == Resolution.RAW ? 0 : resolution.bucket().toMillis();
    TrafficSeries.Result series =
        TrafficSeries.compute(
            inputs, range.from().toEpochMilli(), range.to().toEpochMilli(), minimumStep);
    Map<String, Double> sums = new HashMap<>();
    perHost.values().forEach(h -> h.forEach((f, v) -> sums.merge(f, v, Double::sum)));
    List<String> hosts = List.copyOf(perHost.keySet());
    return new WebViews.TrafficView(
        pool.kind(),
        pool.name(),
        pool.hosts(),
        range.from().toEpochMilli(),
        range.to().toEpochMilli(),
        resolution,
        List.copyOf(logs),
        totals(sums, range, series.latency()),
        seriesView(series),
        servers(perHost, sums, series),
        counts(STATUS, "code", logFilter, hosts, range, MAX_CODES).stream()
            .map(r -> new WebViews.CodeCount(r.key(), count(r, "requests")))
            .toList(),
        counts(METHOD, "method", logFilter, hosts, range, MAX_METHODS).stream()
            .map(r -> new WebViews.MethodCount(r.key(), count(r, "requests")))
            .toList(),
        topTables(logFilter, hosts, range, top, series.latency().get("rt_p50_ms") != null),
        samples.latest(
            pool.hosts(),
            log,
            range.from().toEpochMilli(),
            range.to().toEpochMilli(),
            SAMPLE_LINES));
  }

  WebViews.VisitorsView visitors(WebPools.Pool pool, WebRange range, int limit) {
    List<WebViews.TopRow> visitors = List.of();
    long requests = 0;
    if (!pool.hosts().isEmpty() && store.measurements().contains(TOP)) {
      visitors =
          group(TOP, Map.of("dim", "client"), pool.hosts(), "key", TOP_FIELDS, range, limit)
              .stream()
              .map(r -> topRow(r, false))
              .toList();
    }
    if (!pool.hosts().isEmpty() && store.measurements().contains(SUMMARY)) {
      requests =
          group(SUMMARY, Map.of(), pool.hosts(), "log", List.of("requests"), range, MAX_LOGS)
              .stream()
              .mapToLong(r -> count(r, "requests"))
              .sum();
    }
    return new WebViews.VisitorsView(
        pool.kind(),
        pool.name(),
        pool.hosts(),
        range.from().toEpochMilli(),
        range.to().toEpochMilli(),
        requests,
        visitors);
  }

  private List<TrafficSeries.Input> seriesOf(
      String host, Map<String, String> logFilter, WebRange range) {
    Map<String, String> tags = new HashMap<>(logFilter);
    tags.put(Point.HOST_TAG, host);
    RangeResult result =
        store.range(
            new RangeQuery(SUMMARY, tags, List.of(), range.from(), range.to(), Resolution.AUTO));
    List<TrafficSeries.Input> inputs = new ArrayList<>();
    for (RangeResult.Series s : result.series()) {
      Map<String, double[]> fields = new HashMap<>();
      s.fields().forEach((name, values) -> fields.put(name, values.avg()));
      inputs.add(new TrafficSeries.Input(host, s.timestamps(), fields));
    }
    return inputs;
  }

  private static WebViews.Totals totals(
      Map<String, Double> sums, WebRange range, Map<String, Double> rt) {
    long requests = Math.round(sums.getOrDefault("requests", 0.0));
    Map<String, Long> status = new LinkedHashMap<>();
    for (String c : TrafficSeries.CLASSES) {
      status.put(c, Math.round(sums.getOrDefault("status_" + c, 0.0)));
    }
    double seconds = range.span().toMillis() / 1000.0;
    long bytes = Math.round(sums.getOrDefault("bytes", 0.0));
    return new WebViews.Totals(
        requests,
        bytes,
        Math.round(sums.getOrDefault("lines", 0.0)),
        Math.round(sums.getOrDefault("malformed", 0.0)),
        status,
        percent(status.get("4xx"), requests),
        percent(status.get("5xx"), requests),
        requests / seconds,
        bytes / seconds,
        rt);
  }

  private static WebViews.SeriesView seriesView(TrafficSeries.Result series) {
    TrafficSeries.Lines total = series.total();
    return new WebViews.SeriesView(
        series.step(),
        series.timestamps(),
        total.reqPerS(),
        total.bytesPerS(),
        total.status(),
        total.latency());
  }

  private static List<WebViews.ServerView> servers(
      Map<String, Map<String, Double>> perHost,
      Map<String, Double> poolSums,
      TrafficSeries.Result series) {
    double poolRequests = poolSums.getOrDefault("requests", 0.0);
    List<WebViews.ServerView> servers = new ArrayList<>();
    perHost.forEach(
        (host, sums) -> {
          long requests = Math.round(sums.getOrDefault("requests", 0.0));
          TrafficSeries.Lines lines = series.byHost().get(host);
          Double[] empty = new Double[series.timestamps().length];
          servers.add(
              new WebViews.ServerView(
                  host,
                  requests,
                  Math.round(sums.getOrDefault("bytes", 0.0)),
                  poolRequests > 0 ? 100.0 * requests / poolRequests : 0,
                  percent(Math.round(sums.getOrDefault("status_5xx", 0.0)), requests),
                  lines == null ? empty : lines.reqPerS(),
                  lines == null ? empty : lines.latency().get("rt_p99_ms")));
        });
    return servers;
  }

  /**
   * @param latency whether the logs have response times: a URL's summed percentile of 0 is then a
   *     real 0 ms, not an absent figure
   */
  private Map<String, List<WebViews.TopRow>> topTables(
      Map<String, String> logFilter, List<String> hosts, WebRange range, int top, boolean latency) {
    Map<String, List<WebViews.TopRow>> tables = new LinkedHashMap<>();
    boolean stored = store.measurements().contains(TOP);
    for (String dim : DIMENSIONS) {
      if (hosts.isEmpty() || !stored) {
        tables.put(dim, List.of());
        continue;
      }
      Map<String, String> tags = new HashMap<>(logFilter);
      tags.put("dim", dim);
      boolean url = dim.equals("url") && latency;
      List<String> fields = new ArrayList<>(TOP_FIELDS);
      if (url) {
        fields.addAll(URL_LATENCY);
      }
      tables.put(
          dim,
          group(TOP, tags, hosts, "key", fields, range, top).stream()
              .map(r -> topRow(r, url))
              .toList());
    }
    return tables;
  }

  private List<GroupRow> counts(
      String measurement,
      String tag,
      Map<String, String> logFilter,
      List<String> hosts,
      WebRange range,
      int limit) {
    if (hosts.isEmpty() || !store.measurements().contains(measurement)) {
      return List.of();
    }
    return group(measurement, logFilter, hosts, tag, List.of("requests"), range, limit);
  }

  private List<GroupRow> group(
      String measurement,
      Map<String, String> tags,
      List<String> hosts,
      String groupBy,
      List<String> fields,
      WebRange range,
      int limit) {
    // An empty host list would mean every host: never ask for that on a caller's behalf.
    if (hosts.isEmpty()) {
      return List.of();
    }
    try {
      return store.group(
          new GroupQuery(
              measurement,
              tags,
              hosts,
              groupBy,
              fields,
              "requests",
              range.from(),
              range.to(),
              limit));
    } catch (UnsupportedOperationException e) {
      throw new ApiException(
          HttpStatus.NOT_IMPLEMENTED,
          "unsupported",
          "The configured metrics store cannot total web traffic: " + e.getMessage());
    }
  }

  private static WebViews.TopRow topRow(GroupRow row, boolean withLatency) {
    return new WebViews.TopRow(
        row.key(),
        count(row, "requests"),
        count(row, "bytes"),
        count(row, "errors"),
        count(row, "err_bound"),
        row.rows(),
        row.firstSeen(),
        row.lastSeen(),
        withLatency ? mean(row, "rt_p50_ms") : null,
        withLatency ? mean(row, "rt_p90_ms") : null,
        withLatency ? mean(row, "rt_p99_ms") : null);
  }

  /** The mean of a per-row figure over the rows that held the key. */
  private static Double mean(GroupRow row, String field) {
    return row.rows() > 0 ? row.sum(field) / row.rows() : null;
  }

  private static long count(GroupRow row, String field) {
    return Math.round(row.sum(field));
  }

  private static double percent(long part, long whole) {
    return whole > 0 ? 100.0 * part / whole : 0;
  }
}
