package io.vigil.storage.victoriametrics;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;

/**
 * What exists in VictoriaMetrics, as Vigil sees it: measurements with their fields and tags. The
 * index is asked over all time ({@code start=0}), which VictoriaMetrics answers from its global
 * index. Answers are reused for {@code refresh}; what this engine writes is added at once, and a
 * name a query needs but the cache lacks is looked up again before it is refused, so another node's
 * new measurement, field or tag is found on first use.
 */
final class Catalog {

  /**
   * Fields and tag names (with {@code host}) of one measurement; immutable.
   *
   * @param indexed whether VictoriaMetrics' index was asked (at {@code loadedAtNanos}), rather than
   *     only this engine's writes seen
   */
  record Schema(Set<String> fields, Set<String> tags, boolean indexed, long loadedAtNanos) {
    Schema {
      fields = Set.copyOf(fields);
      tags = Set.copyOf(tags);
    }

    boolean covers(Point point) {
      return fields.containsAll(point.fields().keySet()) && tags.containsAll(point.tags().keySet());
    }
  }

  private final VmClient client;
  private final long refreshNanos;
  private final LongSupplier clock;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private volatile Set<String> measurements = Set.of();
  private volatile long measurementsAtNanos;
  private volatile boolean measurementsLoaded;

  Catalog(VmClient client, Duration refresh, LongSupplier nanoClock) {
    this.client = client;
    this.refreshNanos = refresh.toNanos();
    this.clock = nanoClock;
  }

  /** Measurements Vigil wrote, sorted: what VictoriaMetrics lists plus what this engine wrote. */
  List<String> measurements() {
    if (!measurementsLoaded || clock.getAsLong() - measurementsAtNanos >= refreshNanos) {
      Set<String> found = new HashSet<>();
      for (JsonNode name : client.api("/api/v1/label/__name__/values", Map.of("start", "0"))) {
        String measurement = SeriesNames.measurementOf(name.asString());
        if (measurement != null) {
          found.add(measurement);
        }
      }
      measurements = Set.copyOf(found);
      measurementsAtNanos = clock.getAsLong();
      measurementsLoaded = true;
    }
    Set<String> all = new TreeSet<>(measurements);
    all.addAll(written);
    return List.copyOf(all);
  }

  /** Records what a successful write created (writer thread). */
  void noteWritten(List<Point> points) {
    for (Point point : points) {
      Schema known = schemas.get(point.measurement());
      if (known == null || !known.covers(point)) {
        Set<String> fields = new HashSet<>(point.fields().keySet());
        Set<String> tags = new HashSet<>(point.tags().keySet());
        if (known != null) {
          fields.addAll(known.fields());
          tags.addAll(known.tags());
        }
        schemas.put(
            point.measurement(),
            known == null
                ? new Schema(fields, tags, false, 0)
                : new Schema(fields, tags, known.indexed(), known.loadedAtNanos()));
      }
      written.add(point.measurement());
    }
  }

  /**
   * The measurement's schema, holding {@code fields} and {@code tags} if VictoriaMetrics has them.
   *
   * @throws InvalidInputException naming what does not exist, like the embedded engine
   */
  Schema require(String measurement, Collection<String> fields, Collection<String> tags) {
    Schema schema = find(measurement, fields, tags);
    if (schema == null) {
      throw new InvalidInputException("unknown measurement " + measurement);
    }
    for (String field : fields) {
      if (!schema.fields().contains(field)) {
        throw new InvalidInputException(
            measurement + " has no field " + field + "; fields: " + new TreeSet<>(schema.fields()));
      }
    }
    for (String tag : tags) {
      if (!schema.tags().contains(tag)) {
        throw new InvalidInputException(
            measurement + " has no tag " + tag + "; tags: " + new TreeSet<>(schema.tags()));
      }
    }
    return schema;
  }

  /** The schema, looked up again when it lacks one of the names; null for no such measurement. */
  Schema find(String measurement, Collection<String> fields, Collection<String> tags) {
    Schema schema = schemas.get(measurement);
    boolean complete =
        schema != null
            && schema.fields().containsAll(fields)
            && schema.tags().containsAll(tags)
            && schema.indexed()
            && clock.getAsLong() - schema.loadedAtNanos() < refreshNanos;
    if (complete) {
      return schema;
    }
    Schema loaded = load(measurement);
    if (loaded == null) {
      return schema; // written here moments ago, not yet searchable there
    }
    if (schema != null) {
      Set<String> allFields = new HashSet<>(loaded.fields());
      allFields.addAll(schema.fields());
      Set<String> allTags = new HashSet<>(loaded.tags());
      allTags.addAll(schema.tags());
      loaded = new Schema(allFields, allTags, true, loaded.loadedAtNanos());
    }
    schemas.put(measurement, loaded);
    return loaded;
  }

  private Schema load(String measurement) {
    Map<String, String> match =
        Map.of("match[]", SeriesNames.selector(measurement, List.of(), Map.of()), "start", "0");
    Set<String> fields = new HashSet<>();
    for (JsonNode name : client.api("/api/v1/label/__name__/values", match)) {
      String field = SeriesNames.fieldOf(name.asString());
      if (field != null) {
        fields.add(field);
      }
    }
    if (fields.isEmpty()) {
      return null;
    }
    Set<String> tags = new HashSet<>();
    for (JsonNode label : client.api("/api/v1/labels", match)) {
      if (!label.asString().equals(SeriesNames.NAME_LABEL)) {
        tags.add(label.asString());
      }
    }
    return new Schema(fields, tags, true, clock.getAsLong());
  }
}
