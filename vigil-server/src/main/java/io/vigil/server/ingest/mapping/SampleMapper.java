package io.vigil.server.ingest.mapping;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Measurements;
import io.vigil.model.Point;
import io.vigil.server.ingest.CheckPoints;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps foreign samples onto Vigil's model for one set of catalogues (one source when the sender
 * named it, else every catalogue of the protocol, in file order). A sample whose measurement has a
 * rule that matches becomes the rule's points (or nothing, for a {@code drop} rule); any other is
 * stored as it came, its names made identifiers ({@link Identifiers}), under {@code ext_<name>}
 * when its name is one of Vigil's own measurements. Thread-safe: one instance serves every request.
 */
public final class SampleMapper {

  /** What one request's samples left out, for its answer and logs. */
  public static final class Tally {
    /** String fields of samples stored as they came (strings are not stored). */
    public int skippedTexts;

    /** Samples that had no numeric field left to store. */
    public int emptySamples;

    /** Samples a {@code drop} rule discarded. */
    public int dropped;
  }

  private static final String EXTERNAL_PREFIX = "ext_";

  private final Source known;
  private final Map<String, List<SourceRule>> rules;
  private final Map<SourceRule, Long> ruleIds;
  private final Identifiers names;
  private final CounterMemory counters;
  private final ColumnRegistry columns;

  /**
   * @param sources the catalogues to try, in order
   * @param known the one catalogue the sender named (its dropped fields apply), or null
   */
  SampleMapper(
      List<Source> sources,
      Source known,
      Identifiers names,
      CounterMemory counters,
      ColumnRegistry columns) {
    this.known = known;
    this.names = names;
    this.counters = counters;
    this.columns = columns;
    Map<String, List<SourceRule>> byMeasurement = new HashMap<>();
    Map<SourceRule, Long> ids = new HashMap<>();
    for (Source source : sources) {
      for (SourceRule rule : source.rules()) {
        byMeasurement.computeIfAbsent(rule.from(), m -> new java.util.ArrayList<>()).add(rule);
        ids.put(rule, hash64(source.name() + "/" + rule.from() + "/" + ids.size()));
      }
    }
    byMeasurement.replaceAll((m, list) -> List.copyOf(list));
    this.rules = Map.copyOf(byMeasurement);
    this.ruleIds = Map.copyOf(ids);
  }

  /**
   * Adds the Vigil points made from one sample of a host to {@code out}, each carrying the host
   * tag.
   *
   * @throws InvalidInputException when the sample cannot be stored (a name or value Vigil refuses,
   *     a clash with what the measurement holds, a limit); nothing of it was added
   */
  public void map(String hostKey, ForeignSample sample, List<Point> out, Tally tally) {
    map(hostKey, sample, out, tally, true);
  }

  /**
   * As {@link #map(String, ForeignSample, List, Tally)}; with {@code keepUnmapped} false a sample
   * no rule takes is left out (and counted as dropped) instead of stored as it came.
   */
  public void map(
      String hostKey, ForeignSample sample, List<Point> out, Tally tally, boolean keepUnmapped) {
    List<SourceRule> candidates = rules.get(sample.measurement());
    if (candidates != null) {
      for (SourceRule rule : candidates) {
        if (rule.matches(sample)) {
          apply(rule, hostKey, sample, out, tally);
          return;
        }
      }
    }
    if (keepUnmapped) {
      storeAsItCame(hostKey, sample, out, tally);
    } else {
      tally.dropped++;
    }
  }

  private void apply(
      SourceRule rule, String hostKey, ForeignSample sample, List<Point> out, Tally tally) {
    if (rule.drop()) {
      tally.dropped++;
      return;
    }
    RuleScope scope = new RuleScope(sample, rule.ratedFields());
    if (!rule.ratedFields().isEmpty()) {
      CounterMemory.Snapshot before =
          counters.swap(
              seriesHash(ruleIds.get(rule), hostKey, sample), sample.timestamp(), scope.now);
      scope.before = before;
    }
    int added = out.size();
    try {
      for (OutputRule output : rule.outputs()) {
        Point point = point(output, hostKey, sample, scope);
        if (point != null) {
          out.add(point);
        }
      }
    } catch (InvalidInputException e) {
      out.subList(added, out.size()).clear();
      throw e;
    }
  }

  private static Point point(
      OutputRule output, String hostKey, ForeignSample sample, RuleScope scope) {
    scope.lets.clear();
    for (Map.Entry<String, Expression> let : output.lets().entrySet()) {
      scope.lets.put(let.getKey(), let.getValue().eval(scope));
    }
    Map<String, Double> fields = new HashMap<>(output.fields().size() * 2);
    for (Map.Entry<String, Expression> field : output.fields().entrySet()) {
      double value = field.getValue().eval(scope);
      if (Double.isFinite(value)) {
        fields.put(field.getKey(), value);
      }
    }
    if (fields.isEmpty()) {
      return null; // e.g. the first sample of a counter: no rate yet
    }
    Map<String, String> tags = new HashMap<>(output.tags().size() * 2 + 2);
    for (Map.Entry<String, TagSpec> tag : output.tags().entrySet()) {
      String value = tag.getValue().valueOf(sample);
      if (value != null) {
        tags.put(tag.getKey(), value);
      }
    }
    tags.put(Point.HOST_TAG, hostKey);
    return new Point(output.measurement(), tags, fields, sample.timestamp());
  }

  private void storeAsItCame(String hostKey, ForeignSample sample, List<Point> out, Tally tally) {
    String measurement = names.measurement(sample.measurement());
    if (Measurements.BY_NAME.containsKey(measurement)
        || measurement.equals(CheckPoints.CHECK)
        || measurement.equals(CheckPoints.CHECK_METRIC)) {
      measurement = names.measurement(EXTERNAL_PREFIX + measurement);
    }
    Map<String, String> tags = new LinkedHashMap<>(sample.tags().size() * 2 + 2);
    for (Map.Entry<String, String> tag : sample.tags().entrySet()) {
      String key = names.tag(tag.getKey());
      if (key.equals(Point.HOST_TAG) || key.equals("ts")) {
        key = "exported_" + key; // as Prometheus renames a scraped label that clashes
      }
      tags.put(key, tag.getValue());
    }
    tags.put(Point.HOST_TAG, hostKey);
    Map<String, Double> fields = new HashMap<>(sample.numbers().size() * 2);
    for (Map.Entry<String, Double> field : sample.numbers().entrySet()) {
      if (known != null && known.dropsField(field.getKey())) {
        continue;
      }
      double value = field.getValue();
      if (!Double.isFinite(value)) {
        continue;
      }
      String key = names.field(field.getKey());
      if (tags.containsKey(key) || key.equals("ts") || key.equals(Point.HOST_TAG)) {
        key = key + "_field"; // a field may not share a tag's name (nor the store's ts)
      }
      fields.put(key, value);
    }
    tally.skippedTexts += sample.texts().size();
    if (fields.isEmpty()) {
      tally.emptySamples++;
      return;
    }
    Point point = new Point(measurement, tags, fields, sample.timestamp());
    columns.admit(point);
    out.add(point);
  }

  /** Order-independent over the tags, so the same series hashes alike whatever map it came in. */
  private static long seriesHash(long ruleId, String hostKey, ForeignSample sample) {
    long tags = 0;
    for (Map.Entry<String, String> tag : sample.tags().entrySet()) {
      tags += mix(hash64(tag.getKey()) * 31 + hash64(tag.getValue()));
    }
    return mix(mix(ruleId ^ hash64(hostKey)) + tags);
  }

  /** FNV-1a over the characters: a 64-bit hash where {@link String#hashCode} has 32. */
  static long hash64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The sample's fields, the rule's {@code let} results and its counters' rates. */
  private static final class RuleScope implements Expression.Scope {
    final ForeignSample sample;
    final List<String> rated;
    final double[] now;
    final Map<String, Double> lets = new HashMap<>();
    CounterMemory.Snapshot before;

    RuleScope(ForeignSample sample, List<String> rated) {
      this.sample = sample;
      this.rated = rated;
      this.now = new double[rated.size()];
      for (int i = 0; i < now.length; i++) {
        now[i] = sample.number(rated.get(i));
      }
    }

    @Override
    public double value(String name) {
      Double let = lets.get(name);
      return let != null ? let : sample.number(name);
    }

    @Override
    public double rate(String name) {
      if (before == null) {
        return Double.NaN;
      }
      int i = rated.indexOf(name);
      return CounterMemory.rate(before.values()[i], now[i], before.timestamp(), sample.timestamp());
    }
  }
}
