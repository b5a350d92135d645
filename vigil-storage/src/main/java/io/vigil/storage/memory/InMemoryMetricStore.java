package io.vigil.storage.memory;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.storage.AggregateQuery;
import io.vigil.storage.AggregateSeries;
import io.vigil.storage.GroupQuery;
import io.vigil.storage.GroupRow;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopEntry;
import io.vigil.storage.TopQuery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A bounded in-memory {@link MetricStore} for tests of other modules: same semantics as the
 * embedded engine (one row per series and instant, rollups as min/avg/max buckets), no disk, every
 * write immediately visible. Each series keeps at most {@code maxPointsPerSeries} points, dropping
 * the oldest. Not for production: nothing survives the process.
 */
public final class InMemoryMetricStore implements MetricStore {

  public static final int DEFAULT_MAX_POINTS_PER_SERIES = 10_000;

  private final int maxPointsPerSeries;

  /** measurement -> full tag set (with host) -> timestamp -> fields. Guarded by {@code this}. */
  private final Map<String, Map<Map<String, String>, TreeMap<Long, Map<String, Double>>>> data =
      new HashMap<>();

  public InMemoryMetricStore() {
    this(DEFAULT_MAX_POINTS_PER_SERIES);
  }

  public InMemoryMetricStore(int maxPointsPerSeries) {
    if (maxPointsPerSeries < 1) {
      throw new IllegalArgumentException("maxPointsPerSeries must be positive");
    }
    this.maxPointsPerSeries = maxPointsPerSeries;
  }

  @Override
  public synchronized void write(List<Point> points) {
    for (Point p : points) {
      if (!p.tags().containsKey(Point.HOST_TAG)) {
        throw new InvalidInputException(p.measurement() + ": point without host tag");
      }
    }
    for (Point p : points) {
      TreeMap<Long, Map<String, Double>> series =
          data.computeIfAbsent(p.measurement(), m -> new HashMap<>())
              .computeIfAbsent(p.tags(), t -> new TreeMap<>());
      series.put(p.timestamp(), p.fields());
      while (series.size() > maxPointsPerSeries) {
        series.pollFirstEntry();
      }
    }
  }

  @Override
  public synchronized RangeResult range(RangeQuery query) {
    Resolution resolution = query.effectiveResolution();
    long bucket = Math.max(1, query.bucketMillis());
    long from = query.from().toEpochMilli();
    long to = query.to().toEpochMilli();
    List<RangeResult.Series> result = new ArrayList<>();
    for (var series : seriesOf(query.measurement(), query.tags()).entrySet()) {
      List<String> fields = query.fields().isEmpty() ? fieldsOf(series.getValue()) : query.fields();
      // bucket start -> field -> [min, sum, max, count]
      TreeMap<Long, Map<String, double[]>> buckets = new TreeMap<>();
      for (var row : series.getValue().subMap(from, true, to, false).entrySet()) {
        long start = Math.floorDiv(row.getKey(), bucket) * bucket;
        Map<String, double[]> acc = buckets.computeIfAbsent(start, s -> new HashMap<>());
        for (String field : fields) {
          Double v = row.getValue().get(field);
          if (v != null) {
            double[] a = acc.computeIfAbsent(field, f -> new double[] {v, 0, v, 0});
            a[0] = Math.min(a[0], v);
            a[1] += v;
            a[2] = Math.max(a[2], v);
            a[3]++;
          }
        }
      }
      if (buckets.isEmpty()) {
        continue;
      }
      long[] timestamps = buckets.keySet().stream().mapToLong(Long::longValue).toArray();
      Map<String, RangeResult.Values> values = new LinkedHashMap<>();
      for (String field : fields) {
        double[] avg = new double[timestamps.length];
        double[] min = new double[timestamps.length];
        double[] max = new double[timestamps.length];
        int i = 0;
        for (Map<String, double[]> acc : buckets.values()) {
          double[] a = acc.get(field);
          avg[i] = a == null ? Double.NaN : a[1] / a[3];
          min[i] = a == null ? Double.NaN : a[0];
          max[i] = a == null ? Double.NaN : a[2];
          i++;
        }
        values.put(field, new RangeResult.Values(avg, min, max));
      }
      result.add(new RangeResult.Series(series.getKey(), timestamps, values));
    }
    return new RangeResult(resolution, result);
  }

  @Override
  public synchronized List<Point> latest(String host, String measurement) {
    List<Point> result = new ArrayList<>();
    for (var series : seriesOf(measurement, Map.of(Point.HOST_TAG, host)).entrySet()) {
      var last = series.getValue().lastEntry();
      if (last != null) {
        result.add(new Point(measurement, series.getKey(), last.getValue(), last.getKey()));
      }
    }
    return result;
  }

  @Override
  public synchronized List<TopEntry> top(TopQuery query) {
    long from = query.from().toEpochMilli();
    long to = query.to().toEpochMilli();
    Map<String, double[]> byHost = new HashMap<>(); // min, sum, max, count, lastTs, last
    for (var series : seriesOf(query.measurement(), query.tags()).entrySet()) {
      String host = series.getKey().get(Point.HOST_TAG);
      for (var row : series.getValue().subMap(from, true, to, false).entrySet()) {
        Double v = row.getValue().get(query.field());
        if (v == null) {
          continue;
        }
        double[] a =
            byHost.computeIfAbsent(host, h -> new double[] {v, 0, v, 0, Long.MIN_VALUE, v});
        a[0] = Math.min(a[0], v);
        a[1] += v;
        a[2] = Math.max(a[2], v);
        a[3]++;
        if (row.getKey() >= a[4]) {
          a[4] = row.getKey();
          a[5] = v;
        }
      }
    }
    return byHost.entrySet().stream()
        .map(
            e -> {
              double[] a = e.getValue();
              double value =
                  switch (query.aggregation()) {
                    case MIN -> a[0];
                    case AVG -> a[1] / a[3];
                    case MAX -> a[2];
                    case LAST -> a[5];
                  };
              return new TopEntry(e.getKey(), value);
            })
        .sorted(Comparator.comparingDouble(TopEntry::value).reversed())
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized List<GroupRow> group(GroupQuery query) {
    var all = data.get(query.measurement());
    if (all == null) {
      return List.of();
    }
    long from = query.from().toEpochMilli();
    long to = query.to().toEpochMilli();
    Set<String> hosts = Set.copyOf(query.hosts());
    Map<String, GroupAccumulator> groups = new HashMap<>();
    all.forEach(
        (tags, series) -> {
          String key = tags.get(query.groupBy());
          if (key == null
              || !tags.entrySet().containsAll(query.tags().entrySet())
              || (!hosts.isEmpty() && !hosts.contains(tags.get(Point.HOST_TAG)))) {
            return;
          }
          for (var row : series.subMap(from, true, to, false).entrySet()) {
            groups
                .computeIfAbsent(key, k -> new GroupAccumulator(query.sumFields()))
                .add(row.getKey(), row.getValue());
          }
        });
    Comparator<GroupRow> order =
        Comparator.comparingDouble((GroupRow r) -> r.sum(query.orderBy()))
            .reversed()
            .thenComparing(GroupRow::key);
    return groups.entrySet().stream()
        .map(e -> e.getValue().row(e.getKey()))
        .sorted(order)
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized AggregateSeries aggregate(AggregateQuery query) {
    var all = data.get(query.measurement());
    if (all == null) {
      return AggregateSeries.empty();
    }
    long step = query.step().toMillis();
    long from = query.firstBucketMillis();
    long to = query.to().toEpochMilli();
    Set<String> hosts = Set.copyOf(query.hosts());
    // bucket start -> the series' values in it (each series reduced first)
    TreeMap<Long, List<Double>> buckets = new TreeMap<>();
    all.forEach(
        (tags, series) -> {
          if (!tags.entrySet().containsAll(query.tags().entrySet())
              || (!hosts.isEmpty() && !hosts.contains(tags.get(Point.HOST_TAG)))) {
            return;
          }
          TreeMap<Long, List<Double>> own = new TreeMap<>();
          for (var row : series.subMap(from, true, to, false).entrySet()) {
            Double value = row.getValue().get(query.field());
            if (value != null) {
              own.computeIfAbsent(Math.floorDiv(row.getKey(), step) * step, b -> new ArrayList<>())
                  .add(value);
            }
          }
          own.forEach(
              (bucket, values) ->
                  buckets
                      .computeIfAbsent(bucket, b -> new ArrayList<>())
                      .add(reduce(values, query.function())));
        });
    long[] timestamps = new long[buckets.size()];
    double[] values = new double[buckets.size()];
    int i = 0;
    for (var bucket : buckets.entrySet()) {
      timestamps[i] = bucket.getKey();
      values[i++] = combine(bucket.getValue(), query.function());
    }
    return new AggregateSeries(timestamps, values);
  }

  private static double reduce(List<Double> values, AggregateQuery.Function function) {
    var stats = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
    return switch (function) {
      case MIN -> stats.getMin();
      case MAX -> stats.getMax();
      case AVG, SUM, COUNT -> stats.getAverage();
    };
  }

  private static double combine(List<Double> values, AggregateQuery.Function function) {
    var stats = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
    return switch (function) {
      case AVG -> stats.getAverage();
      case MIN -> stats.getMin();
      case MAX -> stats.getMax();
      case SUM -> stats.getSum();
      case COUNT -> stats.getCount();
    };
  }

  /** Running totals of one group. */
  private static final class GroupAccumulator {
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private long rows;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    GroupAccumulator(List<String> fields) {
      fields.forEach(f -> sums.put(f, 0.0));
    }

    void add(long timestamp, Map<String, Double> fields) {
      sums.replaceAll((field, sum) -> sum + fields.getOrDefault(field, 0.0));
      rows++;
      first = Math.min(first, timestamp);
      last = Math.max(last, timestamp);
    }

    GroupRow row(String key) {
      return new GroupRow(key, sums, rows, first, last);
    }
  }

  @Override
  public synchronized List<String> measurements() {
    return data.keySet().stream().sorted().toList();
  }

  @Override
  public long diskUsageBytes() {
    return 0;
  }

  @Override
  public void close() {
    // nothing to release
  }

  private NavigableMap<Map<String, String>, TreeMap<Long, Map<String, Double>>> seriesOf(
      String measurement, Map<String, String> filter) {
    var all = data.get(measurement);
    if (all == null) {
      throw new InvalidInputException("unknown measurement " + measurement);
    }
    NavigableMap<Map<String, String>, TreeMap<Long, Map<String, Double>>> matching =
        new TreeMap<>(Comparator.comparing(Map::toString));
    all.forEach(
        (tags, series) -> {
          if (tags.entrySet().containsAll(filter.entrySet())) {
            matching.put(tags, series);
          }
        });
    return matching;
  }

  private static List<String> fieldsOf(TreeMap<Long, Map<String, Double>> series) {
    Set<String> fields = new TreeSet<>();
    series.values().forEach(f -> fields.addAll(f.keySet()));
    return List.copyOf(fields);
  }
}
