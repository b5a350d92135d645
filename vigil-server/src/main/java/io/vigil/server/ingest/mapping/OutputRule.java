package io.vigil.server.ingest.mapping;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One Vigil point made from a matching sample: its measurement, its tags and how each field is
 * computed. {@code let} names intermediate results the fields may use (in order).
 *
 * @param measurement the Vigil measurement, e.g. {@code cpu}
 * @param tags Vigil tag name → where its value comes from
 * @param lets intermediate name → expression, evaluated first, in order
 * @param fields Vigil field name → expression
 */
record OutputRule(
    String measurement,
    Map<String, TagSpec> tags,
    Map<String, Expression> lets,
    Map<String, Expression> fields) {

  OutputRule {
    tags = Map.copyOf(tags);
    lets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lets));
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  /** The fields read through {@code rate()} by any expression. */
  Set<String> ratedFields() {
    Set<String> rated = new LinkedHashSet<>();
    lets.values().forEach(e -> rated.addAll(e.ratedFields()));
    fields.values().forEach(e -> rated.addAll(e.ratedFields()));
    return rated;
  }
}
