package io.vigil.storage.victoriametrics;

import io.vigil.model.Point;
import io.vigil.storage.GroupQuery;
import io.vigil.storage.GroupRow;
import io.vigil.storage.TopEntry;
import io.vigil.storage.TopQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code latest}, {@code top} and {@code group} as MetricsQL instant queries, aggregated by
 * VictoriaMetrics.
 *
 * <p><b>Windows.</b> A rollup function evaluated at {@code t} over {@code [d]} sees {@code (t - d,
 * t]}. A window {@code [from, to)} is asked at {@code t = to} over {@code [to - from]} with {@code
 * offset 1ms}: {@code (from - 1ms, to - 1ms]}, the same samples. Every query carries {@code
 * nocache=1}: otherwise VictoriaMetrics moves an instant near now back by {@code
 * -search.latencyOffset} (30 s), and the window with it.
 *
 * <p><b>Several answers in one query.</b> Where one query needs several aggregates, each is marked
 * with a label {@code Agg} (upper case, so never a Vigil tag) and the parts are joined with {@code
 * or}; {@code keep_metric_names} keeps the field in the answer where a function would drop it.
 */
final class InstantQueries {

  private static final String AGG = "Agg";

  /** Characters of host pattern per group query, well inside the default 16 KB query length. */
  static final int MAX_HOST_PATTERN = 8_000;

  private final VmClient client;

  InstantQueries(VmClient client) {
    this.client = client;
  }

  /** The newest sample time of every series of the host, and the fields written at that time. */
  List<Point> latest(String host, String measurement, Instant now, Duration lookback) {
    String selector = SeriesNames.selector(measurement, List.of(), Map.of(Point.HOST_TAG, host));
    // Ingest accepts points a little ahead of the clock: look from an hour ahead.
    String window = "[" + Instants.duration(lookback.plusHours(1).toMillis()) + "]";
    String query =
        marked("last_over_time(" + selector + window + ") keep_metric_names", "value")
            + " or "
            + marked("tlast_over_time(" + selector + window + ") keep_metric_names", "time");
    Map<Map<String, String>, Map<String, double[]>> series = new HashMap<>(); // field → value, time
    for (PromResults.Sample sample : instant(query, now.plus(Duration.ofHours(1)))) {
      String field = SeriesNames.fieldOf(sample.labels().getOrDefault(SeriesNames.NAME_LABEL, ""));
      if (field == null) {
        continue;
      }
      Map<String, String> tags = tags(sample);
      double[] valueAndTime =
          series.computeIfAbsent(tags, t -> new HashMap<>()).computeIfAbsent(field, f -> pair());
      valueAndTime["value".equals(sample.labels().get(AGG)) ? 0 : 1] = sample.value();
    }
    List<Point> points = new ArrayList<>(series.size());
    series.forEach(
        (tags, fields) -> {
          long newest = Long.MIN_VALUE;
          for (double[] valueAndTime : fields.values()) {
            newest = Math.max(newest, Instants.millis(valueAndTime[1]));
          }
          Map<String, Double> values = new HashMap<>();
          for (Map.Entry<String, double[]> field : fields.entrySet()) {
            double[] valueAndTime = field.getValue();
            if (Instants.millis(valueAndTime[1]) == newest && !Double.isNaN(valueAndTime[0])) {
              values.put(field.getKey(), valueAndTime[0]);
            }
          }
          if (!values.isEmpty()) {
            points.add(new Point(measurement, tags, values, newest));
          }
        });
    return points;
  }

  /** Hosts ranked by the aggregate of one field over the window, highest first. */
  List<TopEntry> top(TopQuery query) {
    String range = window(query.from(), query.to());
    String samples =
        SeriesNames.selector(query.measurement(), List.of(query.field()), query.tags()) + range;
    List<TopEntry> entries =
        switch (query.aggregation()) {
          case MAX -> perHost("max by (host) (max_over_time(" + samples + "))", query);
          case MIN -> perHost("min by (host) (min_over_time(" + samples + "))", query);
          case AVG ->
              perHost(
                  "sum by (host) (sum_over_time("
                      + samples
                      + ")) / sum by (host) (count_over_time("
                      + samples
                      + "))",
                  query);
          case LAST -> lastPerHost(samples, query);
        };
    return entries.stream()
        .sorted(
            Comparator.comparingDouble(TopEntry::value).reversed().thenComparing(TopEntry::host))
        .limit(query.limit())
        .toList();
  }

  /**
   * Per value of the group-by tag: the sums of the fields, how many rows (timestamps of a series)
   * counted, and the first and last sample time. Rows are series' samples of the summed fields; a
   * series without the group-by tag is left out. A long host list is asked in parts whose totals
   * are added up (hosts are disjoint), so no query passes VictoriaMetrics' {@code
   * -search.maxQueryLen} (16 KB by default).
   */
  List<GroupRow> group(GroupQuery query) {
    Map<String, GroupTotals> groups = new LinkedHashMap<>();
    for (List<String> hosts : hostParts(query.hosts())) {
      groupPart(query, hosts, groups);
    }
    String order = query.orderBy();
    return groups.entrySet().stream()
        .map(e -> e.getValue().row(e.getKey()))
        .sorted(
            Comparator.comparingDouble((GroupRow row) -> row.sums().get(order))
                .reversed()
                .thenComparing(GroupRow::key))
        .limit(query.limit())
        .toList();
  }

  private void groupPart(GroupQuery query, List<String> hosts, Map<String, GroupTotals> groups) {
    String key = query.groupBy();
    List<String> matchers = new ArrayList<>();
    if (!hosts.isEmpty()) {
      matchers.add("host=~" + SeriesNames.quote(SeriesNames.alternation(hosts)));
    }
    matchers.add(key + "!=\"\"");
    String selector =
        SeriesNames.selector(
            query.measurement(), query.sumFields(), query.tags(), matchers.toArray(String[]::new));
    String samples = "s" + window(query.from(), query.to());
    String by = "by (" + key + ")";
    // WITH names the (possibly long) selector once instead of four times.
    String expression =
        "WITH (s = "
            + selector
            + ") "
            + marked(
                "sum by (" + key + ", __name__) (sum_over_time(" + samples + ") keep_metric_names)",
                "sum")
            + " or "
            + marked(
                "sum "
                    + by
                    + " (max without (__name__) (count_over_time("
                    + samples
                    + ") keep_metric_names))",
                "rows")
            + " or "
            + marked("min " + by + " (tfirst_over_time(" + samples + "))", "first")
            + " or "
            + marked("max " + by + " (tlast_over_time(" + samples + "))", "last");
    for (PromResults.Sample sample : instant(expression, query.to())) {
      String value = sample.labels().get(key);
      if (value == null || value.isEmpty()) {
        continue;
      }
      GroupTotals totals = groups.computeIfAbsent(value, v -> new GroupTotals(query.sumFields()));
      switch (String.valueOf(sample.labels().get(AGG))) {
        case "sum" -> {
          String field =
              SeriesNames.fieldOf(sample.labels().getOrDefault(SeriesNames.NAME_LABEL, ""));
          if (field != null && totals.sums.containsKey(field)) {
            totals.sums.merge(field, sample.value(), Double::sum);
          }
        }
        case "rows" -> totals.rows += Math.round(sample.value());
        case "first" -> totals.first = Math.min(totals.first, Instants.millis(sample.value()));
        case "last" -> totals.last = Math.max(totals.last, Instants.millis(sample.value()));
        default -> {}
      }
    }
  }

  /**
   * The hosts in parts of at most {@value #MAX_HOST_PATTERN} characters of pattern; one empty part
   * for all hosts.
   */
  static List<List<String>> hostParts(List<String> hosts) {
    List<List<String>> parts = new ArrayList<>();
    List<String> part = new ArrayList<>();
    int length = 0;
    for (String host : hosts) {
      int more = host.length() * 2 + 1; // escaped in the worst case, and a bar
      if (!part.isEmpty() && length + more > MAX_HOST_PATTERN) {
        parts.add(part);
        part = new ArrayList<>();
        length = 0;
      }
      part.add(host);
      length += more;
    }
    parts.add(part);
    return parts;
  }

  /** Running totals of one group; {@code rows} is kept for {@link GroupRow}'s row count. */
  private static final class GroupTotals {
    final Map<String, Double> sums = new LinkedHashMap<>();
    long rows;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    GroupTotals(List<String> fields) {
      fields.forEach(field -> sums.put(field, 0.0));
    }

    GroupRow row(String key) {
      return new GroupRow(key, sums, rows, first, last);
    }
  }

  private List<TopEntry> perHost(String expression, TopQuery query) {
    String ranked = "topk(" + query.limit() + ", " + expression + ")";
    List<TopEntry> entries = new ArrayList<>();
    for (PromResults.Sample sample : instant(ranked, query.to())) {
      String host = sample.labels().get(Point.HOST_TAG);
      if (host != null && !Double.isNaN(sample.value())) {
        entries.add(new TopEntry(host, sample.value()));
      }
    }
    return entries;
  }

  /** Each host's value of its newest sample, over all its series matching the tags. */
  private List<TopEntry> lastPerHost(String samples, TopQuery query) {
    String expression =
        marked("last_over_time(" + samples + ")", "value")
            + " or "
            + marked("tlast_over_time(" + samples + ")", "time");
    Map<Map<String, String>, double[]> series = new HashMap<>(); // value, time
    for (PromResults.Sample sample : instant(expression, query.to())) {
      double[] valueAndTime = series.computeIfAbsent(tags(sample), t -> pair());
      valueAndTime["value".equals(sample.labels().get(AGG)) ? 0 : 1] = sample.value();
    }
    Map<String, double[]> newestPerHost = new HashMap<>();
    series.forEach(
        (tags, valueAndTime) ->
            newestPerHost.merge(
                tags.get(Point.HOST_TAG), valueAndTime, (a, b) -> b[1] > a[1] ? b : a));
    List<TopEntry> entries = new ArrayList<>();
    newestPerHost.forEach(
        (host, valueAndTime) -> {
          if (host != null && !Double.isNaN(valueAndTime[0])) {
            entries.add(new TopEntry(host, valueAndTime[0]));
          }
        });
    return entries;
  }

  private List<PromResults.Sample> instant(String query, Instant at) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("query", query);
    form.put("time", Instants.seconds(at.toEpochMilli()));
    form.put("nocache", "1");
    return PromResults.vector(client.api("/api/v1/query", form));
  }

  /** The samples of {@code [from, to)} when evaluated at {@code to}. */
  private static String window(Instant from, Instant to) {
    return "[" + Instants.duration(to.toEpochMilli() - from.toEpochMilli()) + "] offset 1ms";
  }

  private static String marked(String expression, String mark) {
    return "label_set(" + expression + ", \"" + AGG + "\", \"" + mark + "\")";
  }

  /** The sample's labels without metric name and mark: the series' tags. */
  private static Map<String, String> tags(PromResults.Sample sample) {
    Map<String, String> tags = new HashMap<>(sample.labels());
    tags.remove(SeriesNames.NAME_LABEL);
    tags.remove(AGG);
    return tags;
  }

  private static double[] pair() {
    return new double[] {Double.NaN, Double.NaN};
  }
}
