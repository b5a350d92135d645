package io.vigil.server.ingest.mapping;

import io.vigil.model.Measurements;
import io.vigil.model.Names;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a mapping catalogue strictly: unknown keys, wrong types, expressions that do not parse and
 * fields or tags a Vigil measurement does not have ({@link Measurements#BY_NAME}) fail the start,
 * naming the file and the rule.
 */
final class MappingYaml {

  private static final Set<String> SOURCE_KEYS =
      Set.of(
          "source", "protocol", "description", "hostTag", "dropFields", "families", "measurements");
  private static final Set<String> FAMILY_KEYS =
      Set.of("prefix", "metric", "metrics", "measurement", "fieldFromLabel", "total");
  private static final Set<String> RULE_KEYS = Set.of("from", "when", "drop", "to");
  private static final Set<String> WHEN_KEYS = Set.of("fields", "tags", "tagsMatch");
  private static final Set<String> OUTPUT_KEYS = Set.of("measurement", "tags", "let", "fields");
  private static final Set<String> TAG_KEYS =
      Set.of("tag", "field", "value", "map", "trimPrefix", "trimSuffix");

  private final String file;

  private MappingYaml(String file) {
    this.file = file;
  }

  /**
   * Reads one catalogue.
   *
   * @param file its name, for messages
   * @throws IllegalArgumentException naming the file and what is wrong
   */
  static Source read(InputStream in, String file) {
    Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    return new MappingYaml(file).source(document);
  }

  private Source source(Object document) {
    Map<String, Object> map = map(document, "the file", SOURCE_KEYS);
    String name = identifier(text(map.get("source"), "source"), "source");
    String protocolText = text(map.get("protocol"), "protocol");
    Source.Protocol protocol;
    try {
      protocol = Source.Protocol.valueOf(protocolText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw error("protocol must be line or prometheus, not " + protocolText);
    }
    String hostTag = optionalText(map.get("hostTag"), "hostTag");
    List<Pattern> dropFields = new ArrayList<>();
    for (String glob : strings(map.get("dropFields"), "dropFields")) {
      dropFields.add(glob(glob));
    }
    List<FamilyGroup> families = new ArrayList<>();
    for (Object family : list(map.get("families"), "families")) {
      families.add(family(map(family, "a family group", FAMILY_KEYS)));
    }
    if (!families.isEmpty() && protocol != Source.Protocol.PROMETHEUS) {
      throw error("families are for prometheus sources only");
    }
    List<SourceRule> rules = new ArrayList<>();
    for (Object rule : list(map.get("measurements"), "measurements")) {
      rules.add(rule(name, map(rule, "a measurement rule", RULE_KEYS)));
    }
    return new Source(name, protocol, hostTag, dropFields, families, rules);
  }

  private FamilyGroup family(Map<String, Object> map) {
    String prefix = optionalText(map.get("prefix"), "prefix");
    Set<String> metrics = new LinkedHashSet<>(strings(map.get("metrics"), "metrics"));
    String metric = optionalText(map.get("metric"), "metric");
    if (metric != null) {
      metrics.add(metric);
    }
    if ((prefix == null) == metrics.isEmpty()) {
      throw error("a family group needs either prefix or metric(s)");
    }
    String totalLabel = null;
    String totalValue = null;
    if (map.containsKey("total")) {
      Map<String, Object> total = map(map.get("total"), "total", Set.of("label", "value"));
      totalLabel = text(total.get("label"), "total.label");
      totalValue = text(total.get("value"), "total.value");
    }
    return new FamilyGroup(
        prefix,
        metrics,
        text(map.get("measurement"), "measurement"),
        optionalText(map.get("fieldFromLabel"), "fieldFromLabel"),
        totalLabel,
        totalValue);
  }

  private SourceRule rule(String source, Map<String, Object> map) {
    String from = text(map.get("from"), "from");
    String where = "rule for " + from;
    Set<String> fields = new LinkedHashSet<>();
    Map<String, Set<String>> tags = new LinkedHashMap<>();
    Map<String, Pattern> patterns = new LinkedHashMap<>();
    if (map.containsKey("when")) {
      Map<String, Object> when = map(map.get("when"), where + ": when", WHEN_KEYS);
      fields.addAll(strings(when.get("fields"), where + ": when.fields"));
      if (when.containsKey("tags")) {
        map(when.get("tags"), where + ": when.tags", null)
            .forEach(
                (tag, values) ->
                    tags.put(
                        tag, new LinkedHashSet<>(stringOrStrings(values, where + ": " + tag))));
      }
      if (when.containsKey("tagsMatch")) {
        map(when.get("tagsMatch"), where + ": when.tagsMatch", null)
            .forEach((tag, regex) -> patterns.put(tag, regex(text(regex, tag), where)));
      }
    }
    boolean drop = Boolean.TRUE.equals(map.get("drop"));
    List<OutputRule> outputs = new ArrayList<>();
    for (Object output : list(map.get("to"), where + ": to")) {
      outputs.add(output(map(output, where + ": an output", OUTPUT_KEYS), where));
    }
    if (drop != outputs.isEmpty()) {
      throw error(where + ": give either drop: true or outputs under to");
    }
    Set<String> rated = new LinkedHashSet<>();
    outputs.forEach(o -> rated.addAll(o.ratedFields()));
    return new SourceRule(
        source, from, fields, tags, patterns, drop, outputs, new ArrayList<>(rated));
  }

  private OutputRule output(Map<String, Object> map, String rule) {
    String measurement = identifier(text(map.get("measurement"), rule), rule + ": measurement");
    String where = rule + " → " + measurement;
    Measurements.Schema schema = Measurements.BY_NAME.get(measurement);
    Map<String, TagSpec> tags = new LinkedHashMap<>();
    if (map.containsKey("tags")) {
      for (Map.Entry<String, Object> tag : map(map.get("tags"), where, null).entrySet()) {
        identifier(tag.getKey(), where + " tag");
        if (schema != null && !schema.tags().contains(tag.getKey())) {
          throw error(where + ": Vigil's " + measurement + " has no tag " + tag.getKey());
        }
        tags.put(tag.getKey(), tagSpec(tag.getValue(), where + " tag " + tag.getKey()));
      }
    }
    Map<String, Expression> lets = new LinkedHashMap<>();
    if (map.containsKey("let")) {
      map(map.get("let"), where + ": let", null)
          .forEach((name, expression) -> lets.put(name, expression(expression, where, name)));
    }
    Map<String, Expression> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Object> field : map(map.get("fields"), where, null).entrySet()) {
      String name = identifier(field.getKey(), where + " field");
      if (schema != null && !schema.fields().contains(name)) {
        throw error(where + ": Vigil's " + measurement + " has no field " + name);
      }
      if (name.contains("__")) {
        throw error(where + ": field names must not contain __");
      }
      fields.put(name, expression(field.getValue(), where, name));
    }
    if (fields.isEmpty()) {
      throw error(where + ": an output needs fields");
    }
    return new OutputRule(measurement, tags, lets, fields);
  }

  private TagSpec tagSpec(Object value, String where) {
    if (value instanceof String tag) {
      return new TagSpec(TagSpec.From.TAG, tag, Map.of(), null, null);
    }
    Map<String, Object> map = map(value, where, TAG_KEYS);
    int sources =
        (map.containsKey("tag") ? 1 : 0)
            + (map.containsKey("field") ? 1 : 0)
            + (map.containsKey("value") ? 1 : 0);
    if (sources != 1) {
      throw error(where + ": give exactly one of tag, field or value");
    }
    TagSpec.From from =
        map.containsKey("tag")
            ? TagSpec.From.TAG
            : map.containsKey("field") ? TagSpec.From.FIELD : TagSpec.From.VALUE;
    String name =
        text(
            map.get(
                from == TagSpec.From.TAG ? "tag" : from == TagSpec.From.FIELD ? "field" : "value"),
            where);
    Map<String, String> replacements = new LinkedHashMap<>();
    if (map.containsKey("map")) {
      map(map.get("map"), where + ": map", null)
          .forEach((k, v) -> replacements.put(k, text(v, where + ": map")));
    }
    return new TagSpec(
        from,
        name,
        replacements,
        optionalText(map.get("trimPrefix"), where),
        optionalText(map.get("trimSuffix"), where));
  }

  private Expression expression(Object value, String where, String name) {
    if (!(value instanceof String) && !(value instanceof Number)) {
      throw error(where + ": " + name + " must be an expression");
    }
    try {
      return Expression.parse(value.toString());
    } catch (IllegalArgumentException e) {
      throw error(where + ": " + name + ": " + e.getMessage());
    }
  }

  private Pattern regex(String regex, String where) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw error(where + ": bad regular expression " + regex);
    }
  }

  /** A glob with {@code *} for any text, as a pattern. */
  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object value, String what, Set<String> allowed) {
    if (!(value instanceof Map<?, ?> raw)) {
      throw error(what + " must be a mapping");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : raw.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw error(what + ": keys must be text");
      }
      if (allowed != null && !allowed.contains(key)) {
        throw error(what + ": unknown key " + key);
      }
      map.put(key, entry.getValue());
    }
    return (Map<String, Object>) (Map<?, ?>) map;
  }

  private List<?> list(Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw error(what + " must be a list");
    }
    return list;
  }

  private List<String> strings(Object value, String what) {
    List<String> out = new ArrayList<>();
    for (Object item : list(value, what)) {
      out.add(text(item, what));
    }
    return out;
  }

  private List<String> stringOrStrings(Object value, String what) {
    return value instanceof List<?> ? strings(value, what) : List.of(text(value, what));
  }

  private String text(Object value, String what) {
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw error(what + " must be a non-empty text");
  }

  private String optionalText(Object value, String what) {
    return value == null ? null : text(value, what);
  }

  private String identifier(String name, String what) {
    if (!Names.isIdentifier(name)) {
      throw error(what + " must match " + Names.IDENTIFIER.pattern() + ": " + name);
    }
    return name;
  }

  private IllegalArgumentException error(String message) {
    return new IllegalArgumentException(file + ": " + message);
  }
}
