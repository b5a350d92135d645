package io.vigil.storage.victoriametrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads the Prometheus API's JSON: instant vectors, range matrices and export lines. */
final class PromResults {

  /** One series of an instant query. */
  record Sample(Map<String, String> labels, long timestamp, double value) {}

  /** One series with its points; timestamps in epoch millis, ascending. */
  record Line(Map<String, String> labels, long[] timestamps, double[] values) {}

  private PromResults() {}

  /** {@code data} of {@code /api/v1/query} with {@code resultType: vector}. */
  static List<Sample> vector(JsonNode data) {
    List<Sample> samples = new ArrayList<>();
    for (JsonNode series : data.get("result")) {
      JsonNode point = series.get("value");
      samples.add(
          new Sample(labels(series.get("metric")), millis(point.get(0)), number(point.get(1))));
    }
    return samples;
  }

  /** {@code data} of {@code /api/v1/query_range} ({@code resultType: matrix}). */
  static List<Line> matrix(JsonNode data) {
    List<Line> lines = new ArrayList<>();
    for (JsonNode series : data.get("result")) {
      JsonNode points = series.get("values");
      long[] timestamps = new long[points.size()];
      double[] values = new double[points.size()];
      for (int i = 0; i < points.size(); i++) {
        timestamps[i] = millis(points.get(i).get(0));
        values[i] = number(points.get(i).get(1));
      }
      lines.add(new Line(labels(series.get("metric")), timestamps, values));
    }
    return lines;
  }

  /** One line of {@code /api/v1/export}: numbers as JSON numbers, timestamps in millis. */
  static Line exported(JsonNode line) {
    JsonNode timestamps = line.get("timestamps");
    JsonNode values = line.get("values");
    long[] ts = new long[timestamps.size()];
    double[] vs = new double[ts.length];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = timestamps.get(i).asLong();
      vs[i] = values.get(i).isNumber() ? values.get(i).asDouble() : number(values.get(i));
    }
    return new Line(labels(line.get("metric")), ts, vs);
  }

  static Map<String, String> labels(JsonNode metric) {
    Map<String, String> labels = new HashMap<>();
    metric.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
    return labels;
  }

  /** Seconds as the API gives them (a number, millisecond fractions) to epoch millis. */
  private static long millis(JsonNode seconds) {
    return Math.round(seconds.asDouble() * 1000);
  }

  /** Sample values are strings, Go-formatted: {@code "12.5"}, {@code "NaN"}, {@code "+Inf"}. */
  static double number(JsonNode value) {
    String text = value.asString();
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
