package io.vigil.storage.victoriametrics;

import io.vigil.model.Point;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Points as the Prometheus text format VictoriaMetrics imports ({@code /api/v1/import/prometheus}):
 * one line per field, {@code cpu:user_pct{cpu="total",host="web1"} 12.5 1733570000123}, with the
 * timestamp in epoch milliseconds, so it is stored exactly. Split into bodies of about {@code
 * maxBytes} at point boundaries.
 */
final class ImportEncoder {

  private final int maxBytes;

  ImportEncoder(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Request bodies (uncompressed), in the order of the points. */
  List<byte[]> encode(List<Point> points) {
    List<byte[]> bodies = new ArrayList<>(1);
    StringBuilder text = new StringBuilder(Math.min(maxBytes, points.size() * 160) + 256);
    StringBuilder labels = new StringBuilder(128);
    for (Point point : points) {
      labels.setLength(0);
      labels.append('{');
      boolean first = true;
      for (Map.Entry<String, String> tag : point.tags().entrySet()) { // sorted by name
        if (!first) {
          labels.append(',');
        }
        first = false;
        labels.append(tag.getKey()).append("=\"");
        SeriesNames.appendLabelValue(labels, tag.getValue());
        labels.append('"');
      }
      labels.append("} ");
      String timestamp = Long.toString(point.timestamp());
      for (Map.Entry<String, Double> field : point.fields().entrySet()) {
        text.append(point.measurement())
            .append(SeriesNames.SEPARATOR)
            .append(field.getKey())
            .append(labels);
        appendValue(text, field.getValue());
        text.append(' ').append(timestamp).append('\n');
      }
      if (text.length() >= maxBytes) {
        bodies.add(text.toString().getBytes(StandardCharsets.UTF_8));
        text.setLength(0);
      }
    }
    if (!text.isEmpty()) {
      bodies.add(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    return bodies;
  }

  /** Integers without a fraction or exponent (most counters and sizes), others as Java prints. */
  static void appendValue(StringBuilder out, double value) {
    long whole = (long) value;
    if (whole == value && Math.abs(value) < 1e15) {
      out.append(whole);
    } else {
      out.append(value);
    }
  }
}
