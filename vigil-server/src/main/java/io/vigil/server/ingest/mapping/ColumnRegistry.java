package io.vigil.server.ingest.mapping;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tags and fields of the measurements stored as they came, so that a line that would clash with
 * the store's table (a name used as a tag on one line and as a field on another) or grow it without
 * bound is refused on its own, before it reaches the store's writer. Counts at most {@code
 * maxMeasurements} measurements of at most {@code maxColumns} names each. After a restart it starts
 * empty; a clash with a column stored before is then refused by the store for the request that
 * carries it.
 */
final class ColumnRegistry {

  private enum Kind {
    TAG,
    FIELD
  }

  private final int maxMeasurements;
  private final int maxColumns;
  private final Map<String, Map<String, Kind>> byMeasurement = new ConcurrentHashMap<>();

  ColumnRegistry(int maxMeasurements, int maxColumns) {
    this.maxMeasurements = maxMeasurements;
    this.maxColumns = maxColumns;
  }

  /**
   * Records the point's names, or refuses it (recording none of a refused point's new names).
   *
   * @throws InvalidInputException naming the clash or the limit
   */
  void admit(Point point) {
    Map<String, Kind> columns = byMeasurement.get(point.measurement());
    if (columns == null) {
      if (byMeasurement.size() >= maxMeasurements) {
        throw new InvalidInputException(
            "more than "
                + maxMeasurements
                + " measurements stored as they came (vigil.mapping.max-measurements); "
                + point.measurement()
                + " is not taken");
      }
      columns = byMeasurement.computeIfAbsent(point.measurement(), m -> new ConcurrentHashMap<>());
    }
    // Steady state: every name is known with its kind, one lookup each. New names are only
    // recorded once all of the point's names passed.
    int fresh = 0;
    for (String tag : point.tags().keySet()) {
      if (!tag.equals(Point.HOST_TAG) && !known(point.measurement(), columns, tag, Kind.TAG)) {
        fresh++;
      }
    }
    for (String field : point.fields().keySet()) {
      if (!known(point.measurement(), columns, field, Kind.FIELD)) {
        fresh++;
      }
    }
    if (fresh == 0) {
      return;
    }
    if (columns.size() + fresh > maxColumns) {
      throw new InvalidInputException(
          point.measurement()
              + " would have more than "
              + maxColumns
              + " tags and fields (vigil.mapping.max-columns-per-measurement)");
    }
    for (String tag : point.tags().keySet()) {
      if (!tag.equals(Point.HOST_TAG)) {
        record(point.measurement(), columns, tag, Kind.TAG);
      }
    }
    for (String field : point.fields().keySet()) {
      record(point.measurement(), columns, field, Kind.FIELD);
    }
  }

  /** Whether the name is known as this kind; refuses a name known as the other kind. */
  private static boolean known(
      String measurement, Map<String, Kind> columns, String name, Kind kind) {
    Kind known = columns.get(name);
    if (known == null) {
      return false;
    }
    if (known != kind) {
      throw clash(measurement, name, known, kind);
    }
    return true;
  }

  private static void record(
      String measurement, Map<String, Kind> columns, String name, Kind kind) {
    Kind known = columns.putIfAbsent(name, kind);
    if (known != null && known != kind) {
      throw clash(measurement, name, known, kind);
    }
  }

  private static InvalidInputException clash(
      String measurement, String name, Kind known, Kind kind) {
    return new InvalidInputException(
        measurement
            + ": "
            + name
            + " is a "
            + known.name().toLowerCase(java.util.Locale.ROOT)
            + " of this measurement, not a "
            + kind.name().toLowerCase(java.util.Locale.ROOT));
  }
}
