package io.vigil.storage.questdb;

import io.vigil.model.Point;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a range query into columnar series, one per distinct tag set, in first-seen order. */
final class RangeReader {

  private final SqlRunner sql;

  RangeReader(SqlRunner sql) {
    this.sql = sql;
  }

  RangeResult read(TableSchema schema, RangeQuery query, Resolution resolution) {
    QuerySql.Statement statement = QuerySql.range(schema, query, resolution);
    int tagCount = schema.tags().size();
    int fieldCount = statement.fields().size();
    int valuesPerField = resolution == Resolution.RAW ? 1 : 3;
    Map<List<String>, SeriesBuilder> series = new LinkedHashMap<>();
    sql.select(
        statement.sql(),
        binds ->
            QuestDbMetricStore.bindWindow(
                binds,
                resolution == Resolution.STEP ? query.firstBucketStart() : query.from(),
                resolution == Resolution.STEP ? query.lastBucketEnd() : query.to(),
                statement.tagValues()),
        (record, metadata) -> {
          String[] key = new String[1 + tagCount];
          for (int t = 0; t <= tagCount; t++) {
            key[t] = SqlRunner.symbol(record, 1 + t);
          }
          SeriesBuilder builder =
              series.computeIfAbsent(
                  Arrays.asList(key), k -> new SeriesBuilder(fieldCount * valuesPerField));
          int first = 2 + tagCount;
          int row = builder.addRow(Math.floorDiv(record.getTimestamp(0), 1000L));
          for (int c = 0; c < fieldCount * valuesPerField; c++) {
            builder.set(c, row, SqlRunner.number(record, metadata, first + c));
          }
        });
    List<RangeResult.Series> result = new ArrayList<>(series.size());
    series.forEach(
        (key, builder) ->
            result.add(builder.build(tags(schema, key), statement.fields(), valuesPerField)));
    return new RangeResult(resolution, result);
  }

  private static Map<String, String> tags(TableSchema schema, List<String> key) {
    Map<String, String> tags = new HashMap<>();
    tags.put(Point.HOST_TAG, key.get(0));
    for (int t = 0; t < schema.tags().size(); t++) {
      if (key.get(1 + t) != null) {
        tags.put(schema.tags().get(t), key.get(1 + t));
      }
    }
    return Map.copyOf(tags);
  }

  /** Growable columns of one series: timestamps plus {@code width} value columns. */
  private static final class SeriesBuilder {
    private final int width;
    private long[] timestamps = new long[64];
    private final double[][] columns;
    private int size;

    SeriesBuilder(int width) {
      this.width = width;
      this.columns = new double[width][64];
    }

    /** Adds a row and returns its index. */
    int addRow(long timestamp) {
      if (size == timestamps.length) {
        timestamps = Arrays.copyOf(timestamps, size * 2);
        for (int c = 0; c < width; c++) {
          columns[c] = Arrays.copyOf(columns[c], size * 2);
        }
      }
      timestamps[size] = timestamp;
      return size++;
    }

    void set(int column, int row, double value) {
      columns[column][row] = value;
    }

    RangeResult.Series build(Map<String, String> tags, List<String> fields, int valuesPerField) {
      Map<String, RangeResult.Values> values = new LinkedHashMap<>();
      for (int f = 0; f < fields.size(); f++) {
        int base = f * valuesPerField;
        double[] avg = Arrays.copyOf(columns[base], size);
        values.put(
            fields.get(f),
            valuesPerField == 1
                ? new RangeResult.Values(avg, avg, avg)
                : new RangeResult.Values(
                    avg,
                    Arrays.copyOf(columns[base + 1], size),
                    Arrays.copyOf(columns[base + 2], size)));
      }
      return new RangeResult.Series(tags, Arrays.copyOf(timestamps, size), values);
    }
  }
}
