package io.vigil.server.items;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.model.Names;
import java.util.List;
import java.util.Set;

/**
 * One parameter of a check kind, as described in its catalog YAML file.
 *
 * @param name identifier, the key in an item's {@code params}
 * @param type {@code string, int, duration, bool, regex, lines} or {@code secret}
 * @param required whether an item must set it
 * @param defaultValue what the agent uses when the item leaves it out, null for nothing
 * @param min smallest value of an {@code int}, null for no bound
 * @param max largest value of an {@code int}, null for no bound
 * @param secret whether the value is write-only and stored encrypted (type {@code secret})
 * @param description help text for the UI
 * @param format a further syntax check of the text (e.g. {@code url}, {@code status_regex}), null
 *     for none; see {@link ParamValidator}
 * @param values the allowed values, empty for any
 */
public record CatalogParam(
    String name,
    String type,
    boolean required,
    @JsonProperty("default") String defaultValue,
    Long min,
    Long max,
    boolean secret,
    String description,
    String format,
    List<String> values) {

  static final Set<String> TYPES =
      Set.of("string", "int", "duration", "bool", "regex", "lines", "secret");

  public CatalogParam {
    Names.requireIdentifier("parameter name", name);
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("parameter " + name + " has unknown type " + type);
    }
    if (format != null && !ParamValidator.FORMATS.contains(format)) {
      throw new IllegalArgumentException("parameter " + name + " has unknown format " + format);
    }
    if ((min != null || max != null) && !type.equals("int")) {
      throw new IllegalArgumentException("parameter " + name + ": min/max need type int");
    }
    if (min != null && max != null && min > max) {
      throw new IllegalArgumentException("parameter " + name + ": min is above max");
    }
    if (secret != type.equals("secret")) {
      throw new IllegalArgumentException("parameter " + name + ": secret means type secret");
    }
    if (secret && defaultValue != null) {
      throw new IllegalArgumentException("parameter " + name + ": a secret has no default");
    }
    description = description == null ? "" : description.strip();
    values = values == null ? List.of() : List.copyOf(values);
  }
}
