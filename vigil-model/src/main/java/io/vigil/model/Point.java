package io.vigil.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * One observation of a measurement at an instant: tags identify the series, fields carry the
 * numbers, as in InfluxDB line protocol. The {@code host} tag is never sent by an agent: the server
 * adds it from the agent's token.
 *
 * @param measurement table name, e.g. {@code cpu}
 * @param tags series identity within the host, e.g. {@code cpu=total}
 * @param fields numeric values, e.g. {@code user_pct=3.5}; at least one, all finite
 * @param timestamp epoch milliseconds
 */
public record Point(
    String measurement, Map<String, String> tags, Map<String, Double> fields, long timestamp) {

  public static final int MAX_TAGS = 16;
  public static final int MAX_FIELDS = 256;
  public static final String HOST_TAG = "host";

  public Point {
    Names.requireIdentifier("measurement name", measurement);
    tags = tags == null ? Map.of() : tags;
    if (tags.size() > MAX_TAGS) {
      throw new InvalidInputException(measurement + ": more than " + MAX_TAGS + " tags");
    }
    TreeMap<String, String> sortedTags = new TreeMap<>();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = Names.requireIdentifier(measurement + " tag name", tag.getKey());
      if (key.equals("ts")) {
        throw new InvalidInputException(measurement + ": tag name ts is reserved");
      }
      sortedTags.put(key, Names.requireTagValue(key, tag.getValue()));
    }
    if (fields == null || fields.isEmpty()) {
      throw new InvalidInputException(measurement + ": a point needs at least one field");
    }
    if (fields.size() > MAX_FIELDS) {
      throw new InvalidInputException(measurement + ": more than " + MAX_FIELDS + " fields");
    }
    TreeMap<String, Double> sortedFields = new TreeMap<>();
    for (Map.Entry<String, Double> field : fields.entrySet()) {
      String key = Names.requireIdentifier(measurement + " field name", field.getKey());
      if (sortedTags.containsKey(key) || key.equals("ts") || key.equals(HOST_TAG)) {
        throw new InvalidInputException(measurement + ": field " + key + " clashes with a tag");
      }
      Double value = field.getValue();
      if (value == null || !Double.isFinite(value)) {
        throw new InvalidInputException(measurement + "." + key + " must be a finite number");
      }
      sortedFields.put(key, value);
    }
    if (timestamp <= 0) {
      throw new InvalidInputException(measurement + ": timestamp must be positive epoch millis");
    }
    tags = java.util.Collections.unmodifiableSortedMap(sortedTags);
    fields = java.util.Collections.unmodifiableSortedMap(sortedFields);
  }

  /** A copy with one more tag, used by the server to stamp the host. */
  public Point withTag(String key, String value) {
    TreeMap<String, String> more = new TreeMap<>(tags);
    more.put(key, value);
    return new Point(measurement, more, fields, timestamp);
  }
}
