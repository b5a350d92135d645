package io.vigil.checks;

import io.vigil.model.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The text parameters of one check item, parsed into types. Every failure is an {@link
 * InvalidInputException} whose message names the parameter, what was expected and what was given
 * (secret parameters are never echoed). A blank value counts as not given. Names the kind does not
 * declare are rejected, so a typo in a template does not silently fall back to a default.
 *
 * <p>Used by the agent for every check kind and by the server for the items it runs itself
 * (agentless hosts); the syntax of each type is {@link ParamText}'s.
 */
public final class CheckParams {

  private final String kind;
  private final Map<String, String> values;
  private final Set<String> secrets;

  /**
   * @param kind the check kind, for messages
   * @param values the item's parameters
   * @param known every name the kind accepts
   * @param secrets names whose values must never appear in a message (e.g. {@code password})
   */
  public CheckParams(
      String kind, Map<String, String> values, Set<String> known, Set<String> secrets) {
    this.kind = kind;
    this.values = Map.copyOf(values);
    this.secrets = Set.copyOf(secrets);
    TreeSet<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new InvalidInputException(
          (unknown.size() == 1 ? "unknown parameter " : "unknown parameters ")
              + String.join(", ", unknown)
              + " for kind "
              + kind
              + "; known: "
              + String.join(", ", new TreeSet<>(known)));
    }
  }

  public CheckParams(String kind, Map<String, String> values, Set<String> known) {
    this(kind, values, known, Set.of());
  }

  public String kind() {
    return kind;
  }

  /** Whether the parameter is given (not blank). */
  public boolean has(String name) {
    String v = values.get(name);
    return v != null && !v.isBlank();
  }

  /** The value as given (untrimmed), or {@code defaultValue}. */
  public String string(String name, String defaultValue) {
    return has(name) ? values.get(name) : defaultValue;
  }

  public String requiredString(String name) {
    requirePresent(name);
    return values.get(name);
  }

  /** A whole number within {@code min..max}, or {@code defaultValue} when not given. */
  public int integer(String name, int defaultValue, int min, int max) {
    Integer v = optionalInteger(name, min, max);
    return v == null ? defaultValue : v;
  }

  public int requiredInteger(String name, int min, int max) {
    requirePresent(name);
    return optionalInteger(name, min, max);
  }

  /** A whole number within {@code min..max}, or null when not given. */
  public Integer optionalInteger(String name, int min, int max) {
    if (!has(name)) {
      return null;
    }
    Long n = ParamText.wholeNumber(values.get(name));
    if (n == null) {
      throw invalid(name, "must be a whole number from " + min + " to " + max);
    }
    if (n < min || n > max) {
      throw invalid(name, "must be from " + min + " to " + max);
    }
    return n.intValue();
  }

  /** A duration ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}), or the default. */
  public Duration duration(String name, Duration defaultValue) {
    Duration d = optionalDuration(name);
    return d == null ? defaultValue : d;
  }

  /** A duration from 1 ms to one day, or null when not given. */
  public Duration optionalDuration(String name) {
    if (!has(name)) {
      return null;
    }
    Duration d = ParamText.duration(values.get(name).toLowerCase(Locale.ROOT));
    if (d == null) {
      throw invalid(name, "must be a duration like 500ms, 5s, 2m or 1h");
    }
    if (!ParamText.isDurationInRange(d)) {
      throw invalid(name, "must be from 1ms to 24h");
    }
    return d;
  }

  /** {@code true}/{@code false} (also yes/no, on/off, 1/0), or the default. */
  public boolean bool(String name, boolean defaultValue) {
    if (!has(name)) {
      return defaultValue;
    }
    Boolean b = ParamText.bool(values.get(name));
    if (b == null) {
      throw invalid(name, "must be true or false");
    }
    return b;
  }

  /** A compiled regular expression, or null when not given. */
  public Pattern regex(String name) {
    if (!has(name)) {
      return null;
    }
    return compile(name, values.get(name));
  }

  /** Compiles {@code regex}, naming the parameter {@code name} in the error. */
  public Pattern compile(String name, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidInputException(
          "parameter " + name + " of kind " + kind + " " + ParamText.problem(e));
    }
  }

  /** The non-blank lines of the value (CR LF or LF), each stripped; empty when not given. */
  public List<String> lines(String name) {
    List<String> out = new ArrayList<>();
    if (!has(name)) {
      return out;
    }
    for (String line : values.get(name).split("\r?\n")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /**
   * What {@code build} makes of the parameters read so far. The settings a kind builds check how
   * values go together (e.g. warn below crit) and throw {@link IllegalArgumentException}; such an
   * error becomes an {@link InvalidInputException} "kind {kind}: {message}", while one that names a
   * parameter already passes unchanged.
   */
  public <T> T build(Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidInputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("kind " + kind + ": " + e.getMessage());
    }
  }

  /** An error about parameter {@code name}; the value is quoted unless it is a secret. */
  public InvalidInputException invalid(String name, String problem) {
    String value = values.get(name);
    String shown;
    if (value == null || secrets.contains(name)) {
      shown = "";
    } else {
      String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
      shown = ", was '" + cut + "'";
    }
    return new InvalidInputException(
        "parameter " + name + " of kind " + kind + " " + problem + shown);
  }

  private void requirePresent(String name) {
    if (!has(name)) {
      throw new InvalidInputException("parameter " + name + " of kind " + kind + " is required");
    }
  }
}
