package io.vigil.server.ingest.mapping;

import java.util.Map;

/**
 * One observation as another program reported it, before it is mapped onto Vigil's model: an
 * InfluxDB line-protocol line, a Glances plugin's stats, or the samples of a Prometheus scrape
 * grouped by label set. Names are as the source spelled them; nothing here is validated yet.
 *
 * @param measurement the source's measurement (or grouped metric family) name
 * @param tags the source's tags or labels, without the host tag
 * @param numbers numeric fields (booleans already as 0/1)
 * @param texts string fields: never stored as values, but a mapping may read them (Glances sends a
 *     file system's device as a string field) and {@code "true"}/{@code "false"} read as 1/0
 * @param timestamp epoch milliseconds
 */
public record ForeignSample(
    String measurement,
    Map<String, String> tags,
    Map<String, Double> numbers,
    Map<String, String> texts,
    long timestamp) {

  public ForeignSample {
    tags = tags == null ? Map.of() : tags;
    numbers = numbers == null ? Map.of() : numbers;
    texts = texts == null ? Map.of() : texts;
  }

  /**
   * The value of a field as a number: a numeric field, or a string field holding a number or a
   * boolean; NaN when absent or not a number.
   */
  public double number(String name) {
    Double value = numbers.get(name);
    if (value != null) {
      return value;
    }
    String text = texts.get(name);
    if (text == null) {
      return Double.NaN;
    }
    return switch (text) {
      case "true", "True", "TRUE", "t", "T" -> 1.0;
      case "false", "False", "FALSE", "f", "F" -> 0.0;
      default -> parse(text);
    };
  }

  /** Whether the sample has the field, numeric or string. */
  public boolean has(String name) {
    return numbers.containsKey(name) || texts.containsKey(name);
  }

  private static double parse(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
