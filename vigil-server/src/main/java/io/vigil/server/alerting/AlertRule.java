package io.vigil.server.alerting;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import io.vigil.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An alert rule, validated: every problem names the field (e.g. {@code conditions[1].for}), so the
 * API answers 400 with a message the editor can show next to it.
 *
 * @param id database id (0 before it is stored)
 * @param name unique, at most 100 characters
 * @param scope which hosts or series it watches
 * @param kind how the series is judged
 * @param measurement the measurement (null for host_down)
 * @param field the field (null for absence and host_down)
 * @param tags series filter: every tag given must match
 * @param conditions per severity, worst first
 * @param recovery the hysteresis condition, or null: recover once no condition holds
 * @param window forecast: the trend window; rate: accepted, not used (consecutive samples)
 * @param horizon forecast: a problem when the field reaches 100 within this
 * @param intervals absence: how many of the item's intervals without a sample
 * @param flapWindow flap damping window
 * @param flapMaxChanges more state changes than this within the window hold the state (0 = off)
 */
public record AlertRule(
    long id,
    String name,
    boolean enabled,
    Scope scope,
    Kind kind,
    String measurement,
    String field,
    Map<String, String> tags,
    List<Condition> conditions,
    Recovery recovery,
    Duration window,
    Duration horizon,
    int intervals,
    Duration flapWindow,
    int flapMaxChanges) {

  public static final int MAX_NAME = 100;
  public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofMinutes(10);
  public static final int DEFAULT_FLAP_MAX_CHANGES = 4;
  public static final int DEFAULT_INTERVALS = 3;
  static final Duration MAX_FOR = Duration.ofDays(7);

  /** How a rule judges its series. */
  public enum Kind {
    THRESHOLD,
    RATE,
    FORECAST,
    ABSENCE,
    HOST_DOWN,
    CHECK_STATUS;

    /** Kinds whose conditions compare a value (the others only name a severity). */
    boolean comparesValues() {
      return this == THRESHOLD || this == RATE || this == CHECK_STATUS;
    }

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Kind parse(String text) {
      for (Kind kind : values()) {
        if (kind.wire().equals(text)) {
          return kind;
        }
      }
      throw new InvalidInputException(
          "kind must be one of threshold, rate, forecast, absence, host_down, check_status");
    }
  }

  /** Comparison operators of conditions. */
  public enum Op {
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<="),
    EQ("=="),
    NE("!=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** Whether {@code value op threshold}; false for NaN. */
    public boolean test(double value, double threshold) {
      if (Double.isNaN(value)) {
        return false;
      }
      return switch (this) {
        case GT -> value > threshold;
        case GE -> value >= threshold;
        case LT -> value < threshold;
        case LE -> value <= threshold;
        case EQ -> value == threshold;
        case NE -> value != threshold;
      };
    }

    static Op parse(String what, String text) {
      for (Op op : values()) {
        if (op.symbol.equals(text)) {
          return op;
        }
      }
      throw new InvalidInputException(what + " must be one of > >= < <= == !=");
    }
  }

  /**
   * Which hosts or series a rule watches.
   *
   * @param type all, host, group or tag
   * @param value the host key, group name or {@code name=value} tag; null for all
   */
  public record Scope(String type, String value) {
    static final Set<String> TYPES = Set.of("all", "host", "group", "tag");
    public static final Scope ALL = new Scope("all", null);

    public Scope {
      if (type == null || !TYPES.contains(type)) {
        throw new InvalidInputException("scope.type must be one of all, host, group, tag");
      }
      if (type.equals("all")) {
        value = null;
      } else {
        if (value == null || value.isBlank() || value.length() > 253) {
          throw new InvalidInputException("scope.value is required for a " + type + " scope");
        }
        value = value.strip();
        if (type.equals("tag")) {
          int eq = value.indexOf('=');
          if (eq <= 0 || !Names.isIdentifier(value.substring(0, eq).strip())) {
            throw new InvalidInputException("scope.value of a tag scope is written name=value");
          }
        }
      }
    }

    /** The tag name of a tag scope. */
    String tagName() {
      return value.substring(0, value.indexOf('=')).strip();
    }

    /** The tag value of a tag scope. */
    String tagValue() {
      return value.substring(value.indexOf('=') + 1).strip();
    }
  }

  /**
   * One severity's condition: {@code value op threshold} holding for {@code forDuration}.
   *
   * @param perCpu the threshold is per logical CPU of the host (e.g. load1 > 2 per CPU)
   */
  public record Condition(
      Severity severity, Op op, double value, Duration forDuration, boolean perCpu) {
    public Condition {
      if (severity == null) {
        throw new InvalidInputException("severity is required");
      }
      op = op == null ? Op.GT : op;
      if (!Double.isFinite(value)) {
        throw new InvalidInputException("value must be a finite number");
      }
      forDuration = forDuration == null ? Duration.ZERO : forDuration;
    }
  }

  /** The hysteresis condition: recover once {@code value op threshold} holds for the duration. */
  public record Recovery(Op op, double value, Duration forDuration) {
    public Recovery {
      if (op == null) {
        throw new InvalidInputException("recovery.op is required");
      }
      if (!Double.isFinite(value)) {
        throw new InvalidInputException("recovery.value must be a finite number");
      }
      forDuration = forDuration == null ? Duration.ZERO : forDuration;
    }
  }

  public AlertRule {
    name = ruleName(name);
    scope = scope == null ? Scope.ALL : scope;
    if (kind == null) {
      throw new InvalidInputException("kind is required");
    }
    tags = tags(tags);
    if (kind == Kind.CHECK_STATUS) {
      measurement = measurement == null ? "check" : measurement;
      field = field == null ? "status" : field;
      if (!measurement.equals("check") || !field.equals("status")) {
        throw new InvalidInputException("measurement and field of check_status are check, status");
      }
    }
    if (kind == Kind.HOST_DOWN && scope.type().equals("tag")) {
      throw new InvalidInputException("scope.type tag does not apply to host_down rules");
    }
    if (kind == Kind.HOST_DOWN) {
      measurement = null;
      field = null;
    } else {
      Names.requireIdentifier("measurement", measurement);
    }
    if (kind == Kind.ABSENCE) {
      field = null;
    } else if (kind != Kind.HOST_DOWN) {
      Names.requireIdentifier("field", field);
    }
    conditions = conditions(kind, conditions);
    if (recovery != null && !kind.comparesValues()) {
      throw new InvalidInputException("recovery is not used by " + kind.wire() + " rules");
    }
    if (recovery != null) {
      requireFor("recovery.for", recovery.forDuration());
    }
    if (kind == Kind.FORECAST) {
      window = require("window", window, Duration.ofMinutes(5), Duration.ofDays(7));
      horizon = require("horizon", horizon, Duration.ofMinutes(1), Duration.ofDays(365));
    } else if (kind == Kind.RATE && window != null) {
      window = require("window", window, Duration.ofMillis(1), Duration.ofDays(7));
      horizon = null;
    } else {
      window = null;
      horizon = null;
    }
    if (kind == Kind.ABSENCE) {
      intervals = intervals == 0 ? DEFAULT_INTERVALS : intervals;
      if (intervals < 1 || intervals > 1000) {
        throw new InvalidInputException("intervals must be 1..1000");
      }
    } else {
      intervals = 0;
    }
    flapWindow = flapWindow == null ? DEFAULT_FLAP_WINDOW : flapWindow;
    require("flapWindow", flapWindow, Duration.ofSeconds(1), Duration.ofDays(1));
    if (flapMaxChanges < 0 || flapMaxChanges > 1000) {
      throw new InvalidInputException("flapMaxChanges must be 0..1000 (0 turns damping off)");
    }
  }

  /** The same rule with this id. */
  public AlertRule withId(long newId) {
    return new AlertRule(
        newId,
        name,
        enabled,
        scope,
        kind,
        measurement,
        field,
        tags,
        conditions,
        recovery,
        window,
        horizon,
        intervals,
        flapWindow,
        flapMaxChanges);
  }

  private static String ruleName(String name) {
    String stripped = name == null ? null : name.strip();
    if (stripped == null || stripped.isEmpty()) {
      throw new InvalidInputException("name is required");
    }
    if (stripped.length() > MAX_NAME) {
      throw new InvalidInputException("name is longer than " + MAX_NAME + " characters");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("name must not contain control characters");
    }
    return stripped;
  }

  private static Map<String, String> tags(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return Map.of();
    }
    if (tags.size() > 16) {
      throw new InvalidInputException("tags has more than 16 entries");
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = Names.requireIdentifier("tags key", tag.getKey());
      String value = tag.getValue();
      if (value == null || value.isEmpty() || value.length() > Names.MAX_TAG_VALUE_LENGTH) {
        throw new InvalidInputException(
            "tags." + key + " must be text of 1.." + Names.MAX_TAG_VALUE_LENGTH + " characters");
      }
      sorted.put(key, value);
    }
    return java.util.Collections.unmodifiableSortedMap(sorted);
  }

  private static List<Condition> conditions(Kind kind, List<Condition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      throw new InvalidInputException("conditions needs at least one condition");
    }
    if (!kind.comparesValues() && conditions.size() > 1) {
      throw new InvalidInputException(
          "conditions of a " + kind.wire() + " rule hold one condition (its severity)");
    }
    EnumSet<Severity> seen = EnumSet.noneOf(Severity.class);
    for (int i = 0; i < conditions.size(); i++) {
      Condition c = conditions.get(i);
      if (c == null) {
        throw new InvalidInputException("conditions[" + i + "] is required");
      }
      if (!seen.add(c.severity())) {
        throw new InvalidInputException(
            "conditions[" + i + "].severity: two conditions for " + c.severity());
      }
      requireFor("conditions[" + i + "].for", c.forDuration());
      if ((kind == Kind.ABSENCE || kind == Kind.HOST_DOWN) && !c.forDuration().isZero()) {
        throw new InvalidInputException(
            "conditions[" + i + "].for is not used by " + kind.wire() + " rules");
      }
    }
    List<Condition> sorted = new ArrayList<>(conditions);
    sorted.sort(Comparator.comparing(Condition::severity).reversed());
    return List.copyOf(sorted);
  }

  private static void requireFor(String what, Duration duration) {
    if (duration.isNegative() || duration.compareTo(MAX_FOR) > 0) {
      throw new InvalidInputException(what + " must be between 0s and 7d");
    }
  }

  private static Duration require(String what, Duration value, Duration min, Duration max) {
    if (value == null) {
      throw new InvalidInputException(what + " is required");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new InvalidInputException(
          what + " must be between " + RuleJson.format(min) + " and " + RuleJson.format(max));
    }
    return value;
  }
}
