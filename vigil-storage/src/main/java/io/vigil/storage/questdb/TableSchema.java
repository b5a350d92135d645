package io.vigil.storage.questdb;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;

/**
 * The columns of one measurement table, besides {@code ts} and {@code host}: tag columns (SYMBOL)
 * and field columns (FLOAT or DOUBLE). Immutable, so the single writer can publish a new version
 * while query threads keep reading the old one.
 *
 * @param measurement table name
 * @param tags tag columns in creation order, without {@code host}
 * @param fields field columns and their storage types, in creation order
 */
record TableSchema(String measurement, List<String> tags, Map<String, FieldType> fields) {

  /** Aggregate columns of rollup views are named {@code <field>__<agg>}. */
  static final String AGGREGATE_SEPARATOR = "__";

  static final List<String> ROLLUP_SUFFIXES = List.of("_1m", "_1h");

  TableSchema {
    tags = List.copyOf(tags);
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  static TableSchema empty(String measurement) {
    requireStorableMeasurement(measurement);
    return new TableSchema(measurement, List.of(), Map.of());
  }

  boolean isEmpty() {
    return tags.isEmpty() && fields.isEmpty();
  }

  boolean hasTag(String name) {
    return Point.HOST_TAG.equals(name) || tags.contains(name);
  }

  /** True when every tag and field of the point already has a column. */
  boolean covers(Point point) {
    for (String tag : point.tags().keySet()) {
      if (!hasTag(tag)) {
        return false;
      }
    }
    for (String field : point.fields().keySet()) {
      if (!fields.containsKey(field)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The schema extended by the tags and fields of the points it does not cover yet. Rejects names
   * that would clash: a tag where a field exists or the reverse, and field names that could collide
   * with rollup aggregate columns.
   */
  TableSchema extendedBy(Collection<Point> points) {
    SequencedSet<String> newTags = new LinkedHashSet<>();
    Map<String, FieldType> newFields = new LinkedHashMap<>();
    for (Point p : points) {
      for (String tag : p.tags().keySet()) {
        if (!hasTag(tag) && newTags.add(tag) && fields.containsKey(tag)) {
          throw new InvalidInputException(measurement + ": " + tag + " is a field, not a tag");
        }
      }
      for (String field : p.fields().keySet()) {
        if (!fields.containsKey(field) && !newFields.containsKey(field)) {
          requireStorableField(field);
          if (hasTag(field)) {
            throw new InvalidInputException(measurement + ": " + field + " is a tag, not a field");
          }
          newFields.put(field, FieldType.forNewField(field));
        }
      }
    }
    for (String tag : newTags) {
      if (newFields.containsKey(tag)) {
        throw new InvalidInputException(
            measurement + ": " + tag + " is used both as a tag and as a field");
      }
    }
    if (newTags.isEmpty() && newFields.isEmpty()) {
      return this;
    }
    List<String> allTags = new ArrayList<>(tags);
    allTags.addAll(newTags);
    Map<String, FieldType> allFields = new LinkedHashMap<>(fields);
    allFields.putAll(newFields);
    return new TableSchema(measurement, allTags, allFields);
  }

  static void requireStorableMeasurement(String measurement) {
    for (String suffix : ROLLUP_SUFFIXES) {
      if (measurement.endsWith(suffix)) {
        throw new InvalidInputException(
            "measurement " + measurement + " ends with " + suffix + ", reserved for rollups");
      }
    }
  }

  private void requireStorableField(String field) {
    if (field.contains(AGGREGATE_SEPARATOR)) {
      throw new InvalidInputException(
          measurement
              + ": field "
              + field
              + " contains "
              + AGGREGATE_SEPARATOR
              + ", reserved for rollup columns");
    }
  }
}
