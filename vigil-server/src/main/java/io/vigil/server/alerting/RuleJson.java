package io.vigil.server.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.model.CheckStatus;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert rules as JSON: the API's request and response bodies, the stored columns and the shipped
 * YAML all use this one form. Reading is strict (unknown keys and wrong types are 400s naming the
 * field); durations are written {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}.
 */
final class RuleJson {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  private static final Set<String> RULE_KEYS =
      Set.of(
          "id",
          "name",
          "enabled",
          "scope",
          "kind",
          "measurement",
          "field",
          "tags",
          "conditions",
          "recovery",
          "window",
          "horizon",
          "intervals",
          "flapWindow",
          "flapMaxChanges");
  private static final Set<String> CONDITION_KEYS =
      Set.of("severity", "op", "value", "for", "perCpu");
  private static final Set<String> RECOVERY_KEYS = Set.of("op", "value", "for");

  /** A rule as the API shows it. */
  record RuleView(
      long id,
      String name,
      boolean enabled,
      ScopeView scope,
      String kind,
      String measurement,
      String field,
      Map<String, String> tags,
      List<ConditionView> conditions,
      RecoveryView recovery,
      String window,
      String horizon,
      Integer intervals,
      String flapWindow,
      int flapMaxChanges) {}

  record ScopeView(String type, String value) {}

  record ConditionView(
      String severity,
      String op,
      double value,
      @JsonProperty("for") String forDuration,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean perCpu) {}

  record RecoveryView(String op, double value, @JsonProperty("for") String forDuration) {}

  private RuleJson() {}

  static RuleView view(AlertRule rule) {
    List<ConditionView> conditions = new ArrayList<>();
    for (AlertRule.Condition c : rule.conditions()) {
      conditions.add(
          new ConditionView(
              c.severity().name().toLowerCase(Locale.ROOT),
              c.op().symbol(),
              c.value(),
              format(c.forDuration()),
              c.perCpu() ? Boolean.TRUE : null));
    }
    AlertRule.Recovery r = rule.recovery();
    return new RuleView(
        rule.id(),
        rule.name(),
        rule.enabled(),
        new ScopeView(rule.scope().type(), rule.scope().value()),
        rule.kind().wire(),
        rule.measurement(),
        rule.field(),
        rule.tags(),
        conditions,
        r == null ? null : new RecoveryView(r.op().symbol(), r.value(), format(r.forDuration())),
        rule.window() == null ? null : format(rule.window()),
        rule.horizon() == null ? null : format(rule.horizon()),
        rule.kind() == AlertRule.Kind.ABSENCE ? rule.intervals() : null,
        format(rule.flapWindow()),
        rule.flapMaxChanges());
  }

  /** A rule from a request body (or a shipped YAML entry as a tree); {@code id} is ignored. */
  static AlertRule parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("the body must be a JSON object");
    }
    strict(body, "", RULE_KEYS);
    AlertRule.Kind kind = AlertRule.Kind.parse(text(body, "kind"));
    return new AlertRule(
        0,
        text(body, "name"),
        bool(body, "enabled", true),
        scope(body.get("scope")),
        kind,
        text(body, "measurement"),
        text(body, "field"),
        tags(body.get("tags")),
        conditions(body.get("conditions"), kind),
        recovery(body.get("recovery")),
        duration(body, "window"),
        duration(body, "horizon"),
        integer(body, "intervals", 0),
        duration(body, "flapWindow"),
        integer(body, "flapMaxChanges", AlertRule.DEFAULT_FLAP_MAX_CHANGES));
  }

  /** Text of {@code 500ms .. 7d} as a duration; null when absent; a 400 naming it otherwise. */
  static Duration parseDuration(String what, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new InvalidInputException(what + " must be a duration like 30s, 5m, 1h, was " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** The shortest exact form: {@code 90s} stays {@code 90s}, {@code 120s} is {@code 2m}. */
  static String format(Duration duration) {
    long ms = duration.toMillis();
    if (ms == 0) {
      return "0s";
    }
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }

  private static AlertRule.Scope scope(JsonNode node) {
    if (node == null || node.isNull()) {
      return AlertRule.Scope.ALL;
    }
    if (!node.isObject()) {
      throw new InvalidInputException("scope must be an object like {\"type\":\"all\"}");
    }
    strict(node, "scope.", Set.of("type", "value"));
    return new AlertRule.Scope(
        text(node, "type", "scope.type"), text(node, "value", "scope.value"));
  }

  private static Map<String, String> tags(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new InvalidInputException("tags must be an object of text values");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isString()) {
        throw new InvalidInputException("tags." + e.getKey() + " must be a text value");
      }
      tags.put(e.getKey(), e.getValue().stringValue());
    }
    return tags;
  }

  private static List<AlertRule.Condition> conditions(JsonNode node, AlertRule.Kind kind) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidInputException("conditions must be a list");
    }
    List<AlertRule.Condition> out = new ArrayList<>();
    int i = 0;
    for (JsonNode c : node) {
      String at = "conditions[" + i + "].";
      if (!c.isObject()) {
        throw new InvalidInputException("conditions[" + i + "] must be an object");
      }
      strict(c, at, CONDITION_KEYS);
      Severity severity = severity(text(c, "severity", at + "severity"), at + "severity");
      AlertRule.Op op = AlertRule.Op.GT;
      double value = 0;
      if (kind.comparesValues()) {
        op = AlertRule.Op.parse(at + "op", text(c, "op", at + "op"));
        value =
            kind == AlertRule.Kind.CHECK_STATUS
                ? statusValue(c.get("value"), at + "value")
                : number(c.get("value"), at + "value");
      }
      out.add(
          new AlertRule.Condition(
              severity,
              op,
              value,
              parseDuration(at + "for", text(c, "for", at + "for")),
              bool(c, "perCpu", false)));
      i++;
    }
    return out;
  }

  private static AlertRule.Recovery recovery(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new InvalidInputException("recovery must be an object or null");
    }
    strict(node, "recovery.", RECOVERY_KEYS);
    return new AlertRule.Recovery(
        AlertRule.Op.parse("recovery.op", text(node, "op", "recovery.op")),
        number(node.get("value"), "recovery.value"),
        parseDuration("recovery.for", text(node, "for", "recovery.for")));
  }

  private static Severity severity(String text, String what) {
    if (text == null) {
      throw new InvalidInputException(what + " is required");
    }
    try {
      return Severity.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          what + " must be one of info, warning, minor, major, critical");
    }
  }

  /** A check status as its exit code: 2 or "CRITICAL". */
  private static double statusValue(JsonNode node, String what) {
    if (node != null && node.isString()) {
      try {
        return CheckStatus.valueOf(node.stringValue().toUpperCase(Locale.ROOT)).exitCode();
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(what + " must be 0..3 or OK, WARNING, CRITICAL, UNKNOWN");
      }
    }
    double value = number(node, what);
    if (value != 0 && value != 1 && value != 2 && value != 3) {
      throw new InvalidInputException(what + " must be 0..3 or OK, WARNING, CRITICAL, UNKNOWN");
    }
    return value;
  }

  private static double number(JsonNode node, String what) {
    if (node == null || node.isNull()) {
      throw new InvalidInputException(what + " is required");
    }
    if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
      throw new InvalidInputException(what + " must be a number");
    }
    return node.doubleValue();
  }

  private static Duration duration(JsonNode body, String key) {
    return parseDuration(key, text(body, key));
  }

  private static String text(JsonNode node, String key) {
    return text(node, key, key);
  }

  private static String text(JsonNode node, String key, String what) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new InvalidInputException(what + " must be text");
    }
    return value.stringValue();
  }

  private static boolean bool(JsonNode node, String key, boolean otherwise) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (!value.isBoolean()) {
      throw new InvalidInputException(key + " must be true or false");
    }
    return value.booleanValue();
  }

  private static int integer(JsonNode node, String key, int otherwise) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return otherwise;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new InvalidInputException(key + " must be a whole number");
    }
    return value.intValue();
  }

  private static void strict(JsonNode node, String prefix, Set<String> keys) {
    for (String key : node.propertyNames()) {
      if (!keys.contains(key)) {
        throw new InvalidInputException(prefix + key + " is not a rule field");
      }
    }
  }
}
