package io.vigil.server.ingest.mapping;

import java.util.Map;

/**
 * Where a mapped point's tag value comes from: a tag of the sample ({@code tag}), a string field
 * ({@code field}, e.g. Glances' {@code device_name}) or a constant ({@code value}), then rewritten:
 * {@code map} replaces whole values ({@code cpu-total} → {@code total}), {@code trimPrefix} and
 * {@code trimSuffix} cut a fixed text ({@code cpu3} → {@code 3}, Glances' {@code 0.0} → {@code 0}).
 *
 * @param from where the value comes from
 * @param name the tag or field read, or the constant
 * @param map whole-value replacements, applied first
 * @param trimPrefix removed from the start when present, or null
 * @param trimSuffix removed from the end when present, or null
 */
record TagSpec(
    From from, String name, Map<String, String> map, String trimPrefix, String trimSuffix) {

  enum From {
    TAG,
    FIELD,
    VALUE
  }

  TagSpec {
    map = map == null ? Map.of() : Map.copyOf(map);
  }

  /** The tag's value for this sample, or null when the sample lacks what it is read from. */
  String valueOf(ForeignSample sample) {
    String value =
        switch (from) {
          case TAG -> sample.tags().get(name);
          case FIELD -> text(sample, name);
          case VALUE -> name;
        };
    if (value == null) {
      return null;
    }
    value = map.getOrDefault(value, value);
    if (trimPrefix != null
        && value.startsWith(trimPrefix)
        && value.length() > trimPrefix.length()) {
      value = value.substring(trimPrefix.length());
    }
    if (trimSuffix != null && value.endsWith(trimSuffix) && value.length() > trimSuffix.length()) {
      value = value.substring(0, value.length() - trimSuffix.length());
    }
    return value;
  }

  private static String text(ForeignSample sample, String field) {
    String text = sample.texts().get(field);
    if (text != null) {
      return text;
    }
    Double number = sample.numbers().get(field);
    if (number == null) {
      return null;
    }
    return number == Math.rint(number) && Math.abs(number) < 1e15
        ? Long.toString(number.longValue())
        : number.toString();
  }
}
