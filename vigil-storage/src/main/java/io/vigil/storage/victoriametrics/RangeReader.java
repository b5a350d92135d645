package io.vigil.storage.victoriametrics;

import io.vigil.storage.AggregateQuery;
import io.vigil.storage.AggregateSeries;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Range queries: raw points through {@code /api/v1/export} (every sample exactly as written), and
 * the 1-minute and 1-hour min/avg/max buckets computed by VictoriaMetrics through {@code
 * /api/v1/query_range}.
 *
 * <p><b>Buckets.</b> The embedded engine's bucket {@code [b, b + step)} is aligned to the epoch and
 * holds the samples at {@code b} up to but excluding {@code b + step}. A rollup function evaluated
 * at {@code t} over {@code [step]} sees {@code (t - step, t]}, so the query is evaluated at {@code
 * t = b + step} with {@code offset 1ms}: {@code (b - 1ms, b + step - 1ms]}, the same samples. The
 * evaluation instants are multiples of the step, which also lets VictoriaMetrics cache the answer.
 * Buckets whose start lies in {@code [from, to)} are returned, each over its whole width, as the
 * embedded engine's rollup views do.
 */
final class RangeReader {

  private static final String AGGREGATE_LABEL = "rollup"; // what rollup() labels its outputs with
  private static final String OWN_AGGREGATE_LABEL = "Agg"; // upper case: never a Vigil tag name

  private final VmClient client;

  RangeReader(VmClient client) {
    this.client = client;
  }

  RangeResult read(RangeQuery query, Resolution resolution, Catalog.Schema schema) {
    List<String> fields =
        query.fields().isEmpty() ? schema.fields().stream().sorted().toList() : query.fields();
    String selector = SeriesNames.selector(query.measurement(), query.fields(), query.tags());
    Map<Map<String, String>, TreeMap<Long, double[]>> rows =
        resolution == Resolution.RAW
            ? raw(query, selector, fields)
            : rollup(query, resolution, selector, fields, schema.tags().contains(AGGREGATE_LABEL));
    int width = resolution == Resolution.RAW ? 1 : 3;
    List<RangeResult.Series> series = new ArrayList<>(rows.size());
    rows.forEach((tags, byTime) -> series.add(series(tags, byTime, fields, width)));
    series.sort(
        Comparator.comparingLong((RangeResult.Series s) -> s.timestamps()[0])
            .thenComparing(s -> new TreeMap<>(s.tags()).toString()));
    return new RangeResult(resolution, series);
  }

  private Map<Map<String, String>, TreeMap<Long, double[]>> raw(
      RangeQuery query, String selector, List<String> fields) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("match[]", selector);
    form.put("start", Instants.seconds(query.from().toEpochMilli()));
    form.put("end", Instants.seconds(query.to().toEpochMilli() - 1)); // inclusive there
    Map<Map<String, String>, TreeMap<Long, double[]>> rows = new LinkedHashMap<>();
    client.export(
        form,
        json -> {
          PromResults.Line line = PromResults.exported(json);
          int column = fields.indexOf(SeriesNames.fieldOf(nameOf(line.labels())));
          if (column < 0) {
            return; // a field created after the field list was taken
          }
          TreeMap<Long, double[]> byTime = rows.computeIfAbsent(tagsOf(line), t -> new TreeMap<>());
          for (int i = 0; i < line.timestamps().length; i++) {
            byTime.computeIfAbsent(line.timestamps()[i], t -> nans(fields.size()))[column] =
                line.values()[i];
          }
        });
    return rows;
  }

  private Map<Map<String, String>, TreeMap<Long, double[]>> rollup(
      RangeQuery query,
      Resolution resolution,
      String selector,
      List<String> fields,
      boolean tagNamedRollup) {
    long step = query.bucketMillis();
    long firstBucket = query.firstBucketStart().toEpochMilli();
    long lastBucket = query.lastBucketEnd().toEpochMilli() - step;
    Map<Map<String, String>, TreeMap<Long, double[]>> rows = new LinkedHashMap<>();
    if (firstBucket > lastBucket) {
      return rows;
    }
    String window = "[" + step / 1000 + "s] offset 1ms";
    String label;
    String expression;
    if (!tagNamedRollup) {
      label = AGGREGATE_LABEL;
      expression = "rollup(" + selector + window + ") keep_metric_names";
    } else {
      // rollup() would overwrite the measurement's own "rollup" tag: three functions instead.
      label = OWN_AGGREGATE_LABEL;
      StringBuilder union = new StringBuilder();
      for (String function : List.of("min", "max", "avg")) {
        if (!union.isEmpty()) {
          union.append(" or ");
        }
        union
            .append("label_set(")
            .append(function)
            .append("_over_time(")
            .append(selector)
            .append(window)
            .append(") keep_metric_names, ")
            .append(SeriesNames.quote(label))
            .append(", ")
            .append(SeriesNames.quote(function))
            .append(")");
      }
      expression = union.toString();
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("query", expression);
    form.put("start", Instants.seconds(firstBucket + step));
    form.put("end", Instants.seconds(lastBucket + step));
    form.put("step", Long.toString(step / 1000));
    for (PromResults.Line line : PromResults.matrix(client.api("/api/v1/query_range", form))) {
      int column = fields.indexOf(SeriesNames.fieldOf(nameOf(line.labels())));
      int offset =
          switch (String.valueOf(line.labels().get(label))) {
            case "avg" -> 0;
            case "min" -> 1;
            case "max" -> 2;
            default -> -1;
          };
      if (column < 0 || offset < 0) {
        continue;
      }
      Map<String, String> tags = tagsOf(line);
      tags.remove(label);
      TreeMap<Long, double[]> byTime = rows.computeIfAbsent(tags, t -> new TreeMap<>());
      for (int i = 0; i < line.timestamps().length; i++) {
        byTime
                .computeIfAbsent(line.timestamps()[i] - step, t -> nans(fields.size() * 3))[
                column * 3 + offset] =
            line.values()[i];
      }
    }
    return rows;
  }

  /**
   * One field of many series folded per bucket: each series reduced over the bucket by the same
   * evaluation as {@link #rollup}, then combined across series by VictoriaMetrics. Long host lists
   * go in parts (the query length limit); parts combine exactly because an average is carried as a
   * sum and a count.
   */
  AggregateSeries aggregate(AggregateQuery query) {
    long step = query.step().toMillis();
    long firstBucket = query.firstBucketMillis();
    long lastBucket = Math.floorDiv(query.to().toEpochMilli() - 1, step) * step;
    if (firstBucket > lastBucket) {
      return AggregateSeries.empty();
    }
    String perSeries =
        switch (query.function()) {
          case MIN -> "min_over_time";
          case MAX -> "max_over_time";
          case AVG, SUM, COUNT -> "avg_over_time";
        };
    List<String> combiners =
        switch (query.function()) {
          case AVG -> List.of("sum", "count");
          case MIN -> List.of("min");
          case MAX -> List.of("max");
          case SUM -> List.of("sum");
          case COUNT -> List.of("count");
        };
    TreeMap<Long, double[]> buckets = new TreeMap<>(); // bucket -> per combiner, combined parts
    for (List<String> hosts : InstantQueries.hostParts(query.hosts())) {
      String selector =
          hosts.isEmpty()
              ? SeriesNames.selector(query.measurement(), List.of(query.field()), query.tags())
              : SeriesNames.selector(
                  query.measurement(),
                  List.of(query.field()),
                  query.tags(),
                  "host=~" + SeriesNames.quote(SeriesNames.alternation(hosts)));
      String reduced = perSeries + "(" + selector + "[" + step / 1000 + "s] offset 1ms)";
      for (int c = 0; c < combiners.size(); c++) {
        String combiner = combiners.get(c);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", combiner + "(" + reduced + ")");
        form.put("start", Instants.seconds(firstBucket + step));
        form.put("end", Instants.seconds(lastBucket + step));
        form.put("step", Long.toString(step / 1000));
        for (PromResults.Line line : PromResults.matrix(client.api("/api/v1/query_range", form))) {
          for (int i = 0; i < line.timestamps().length; i++) {
            double[] row =
                buckets.computeIfAbsent(line.timestamps()[i] - step, b -> nans(combiners.size()));
            row[c] = merge(combiner, row[c], line.values()[i]);
          }
        }
      }
    }
    long[] timestamps = new long[buckets.size()];
    double[] values = new double[buckets.size()];
    int i = 0;
    for (Map.Entry<Long, double[]> bucket : buckets.entrySet()) {
      double[] row = bucket.getValue();
      timestamps[i] = bucket.getKey();
      values[i++] = query.function() == AggregateQuery.Function.AVG ? row[0] / row[1] : row[0];
    }
    return new AggregateSeries(timestamps, values);
  }

  private static double merge(String combiner, double soFar, double part) {
    if (Double.isNaN(soFar)) {
      return part;
    }
    return switch (combiner) {
      case "min" -> Math.min(soFar, part);
      case "max" -> Math.max(soFar, part);
      default -> soFar + part; // sum, count
    };
  }

  private static RangeResult.Series series(
      Map<String, String> tags, TreeMap<Long, double[]> byTime, List<String> fields, int width) {
    long[] timestamps = new long[byTime.size()];
    double[][] columns = new double[fields.size() * width][byTime.size()];
    int row = 0;
    for (Map.Entry<Long, double[]> entry : byTime.entrySet()) {
      timestamps[row] = entry.getKey();
      for (int c = 0; c < columns.length; c++) {
        columns[c][row] = entry.getValue()[c];
      }
      row++;
    }
    Map<String, RangeResult.Values> values = new LinkedHashMap<>();
    for (int f = 0; f < fields.size(); f++) {
      int base = f * width;
      values.put(
          fields.get(f),
          width == 1
              ? new RangeResult.Values(columns[base], columns[base], columns[base])
              : new RangeResult.Values(columns[base], columns[base + 1], columns[base + 2]));
    }
    return new RangeResult.Series(Map.copyOf(tags), timestamps, values);
  }

  private static String nameOf(Map<String, String> labels) {
    return labels.getOrDefault(SeriesNames.NAME_LABEL, "");
  }

  /** The series' labels without its metric name: the point's tags. */
  private static Map<String, String> tagsOf(PromResults.Line line) {
    Map<String, String> tags = new HashMap<>(line.labels());
    tags.remove(SeriesNames.NAME_LABEL);
    return tags;
  }

  private static double[] nans(int width) {
    double[] row = new double[width];
    Arrays.fill(row, Double.NaN);
    return row;
  }
}
