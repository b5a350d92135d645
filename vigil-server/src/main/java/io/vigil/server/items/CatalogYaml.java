package io.vigil.server.items;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads catalog YAML strictly: unknown keys and wrong types are errors, not silently ignored. */
final class CatalogYaml {

  private static final Set<String> KIND_KEYS =
      Set.of(
          "kind",
          "label",
          "description",
          "runsOn",
          "defaultInterval",
          "params",
          "requireOneOf",
          "metrics");
  private static final Set<String> PARAM_KEYS =
      Set.of(
          "name", "type", "required", "default", "min", "max", "description", "format", "values");
  private static final Set<String> COLLECTOR_KEYS = Set.of("kind", "label", "description");

  /** The collectors file: its default interval and the collectors. */
  record Collectors(int intervalSeconds, List<CatalogKind> kinds) {}

  private CatalogYaml() {}

  static Object read(InputStream in) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
  }

  static CatalogKind kind(InputStream in) {
    Map<String, Object> map = map(read(in), "the file", KIND_KEYS);
    List<CatalogParam> params = new ArrayList<>();
    for (Object p : list(map.get("params"), "params")) {
      params.add(param(map(p, "a parameter", PARAM_KEYS)));
    }
    int interval =
        map.containsKey("defaultInterval")
            ? intervalSeconds(text(map.get("defaultInterval")), "defaultInterval")
            : 60;
    return new CatalogKind(
        text(map.get("kind")),
        false,
        text(map.get("label")),
        text(map.get("description")),
        strings(map.get("runsOn"), "runsOn"),
        interval,
        params,
        strings(map.get("requireOneOf"), "requireOneOf"),
        strings(map.get("metrics"), "metrics"));
  }

  static Collectors collectors(InputStream in, ItemsProperties properties) {
    Map<String, Object> map =
        map(read(in), "collectors.yml", Set.of("defaultInterval", "collectors"));
    int interval =
        properties.defaultInterval() != null
            ? (int) properties.defaultInterval().toSeconds()
            : intervalSeconds(text(map.get("defaultInterval")), "defaultInterval");
    List<CatalogKind> kinds = new ArrayList<>();
    for (Object c : list(map.get("collectors"), "collectors")) {
      Map<String, Object> collector = map(c, "a collector", COLLECTOR_KEYS);
      kinds.add(
          new CatalogKind(
              text(collector.get("kind")),
              true,
              text(collector.get("label")),
              text(collector.get("description")),
              List.of("agent"),
              interval,
              List.of(),
              List.of(),
              List.of()));
    }
    if (kinds.isEmpty()) {
      throw new IllegalStateException("collectors.yml lists no collectors");
    }
    return new Collectors(interval, kinds);
  }

  private static CatalogParam param(Map<String, Object> p) {
    String type = text(p.get("type"));
    return new CatalogParam(
        text(p.get("name")),
        type,
        bool(p.get("required")),
        text(p.get("default")),
        number(p.get("min")),
        number(p.get("max")),
        "secret".equals(type),
        text(p.get("description")),
        text(p.get("format")),
        strings(p.get("values"), "values"));
  }

  private static int intervalSeconds(String text, String what) {
    long millis = ParamValidator.durationMillis(text);
    if (millis < 0 || millis % 1000 != 0 || millis < 1000 || millis > 86_400_000) {
      throw new IllegalArgumentException(what + " must be whole seconds between 1s and 1d");
    }
    return (int) (millis / 1000);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what, Set<String> allowed) {
    if (!(value instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException(what + " must be a mapping");
    }
    for (Object key : raw.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        throw new IllegalArgumentException(what + " has an unknown key: " + key);
      }
    }
    return (Map<String, Object>) raw;
  }

  private static List<?> list(Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(what + " must be a list");
    }
    return list;
  }

  private static List<String> strings(Object value, String what) {
    return list(value, what).stream().map(CatalogYaml::text).toList();
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static boolean bool(Object value) {
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw new IllegalArgumentException("required must be true or false");
    }
    return b;
  }

  private static Long number(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n)) {
      throw new IllegalArgumentException("min and max must be numbers");
    }
    return n.longValue();
  }
}
