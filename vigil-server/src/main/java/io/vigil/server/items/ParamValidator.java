package io.vigil.server.items;

import io.vigil.checks.ParamText;
import io.vigil.model.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an item's parameters against its kind in the catalog: no unknown names, every required one
 * present, each value of its type and format. Every message names the parameter. Values are read
 * with the same syntax as where the checks run ({@link ParamText}), but only in its canonical
 * spelling ({@code true}/{@code false}, lower-case duration units), so stored items keep one.
 */
final class ParamValidator {

  /** Formats a {@link CatalogParam} may ask for, on top of its type. */
  static final Set<String> FORMATS =
      Set.of(
          "host",
          "url",
          "absolute_path",
          "absolute_path_or_glob",
          "status_regex",
          "status_ranges",
          "header");

  private static final Pattern STATUS_RANGE = Pattern.compile("[1-5][0-9]{2}(-[1-5][0-9]{2})?");
  private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+:.*");
  private static final Pattern STATUS_LINE = Pattern.compile("(OK|WARNING|CRITICAL|UNKNOWN) (.+)");

  private ParamValidator() {}

  /**
   * The parameters with blank optional values removed, or an {@link InvalidInputException} naming
   * the first parameter that is wrong.
   */
  static Map<String, String> validate(CatalogKind kind, Map<String, String> params) {
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : params.entrySet()) {
      CatalogParam param =
          kind.param(p.getKey())
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "unknown parameter "
                              + p.getKey()
                              + " for kind "
                              + kind.kind()
                              + "; known: "
                              + kind.params().stream().map(CatalogParam::name).toList()));
      String value = p.getValue();
      if (value == null || value.isBlank()) {
        continue;
      }
      checkValue(param, value);
      result.put(param.name(), value);
    }
    for (CatalogParam param : kind.params()) {
      if (param.required() && !result.containsKey(param.name())) {
        throw new InvalidInputException(
            "parameter " + param.name() + " is required for kind " + kind.kind());
      }
    }
    if (!kind.requireOneOf().isEmpty()
        && kind.requireOneOf().stream().noneMatch(result::containsKey)) {
      throw new InvalidInputException(
          "kind " + kind.kind() + " needs at least one of the parameters " + kind.requireOneOf());
    }
    return result;
  }

  /** Throws an {@link InvalidInputException} naming the parameter when the value is invalid. */
  static void checkValue(CatalogParam param, String value) {
    String problem = problem(param, value);
    if (problem != null) {
      throw new InvalidInputException("parameter " + param.name() + " " + problem);
    }
  }

  private static String problem(CatalogParam param, String value) {
    if (!param.values().isEmpty() && !param.values().contains(value)) {
      return "must be one of " + param.values() + ", was " + quote(value);
    }
    String typeProblem =
        switch (param.type()) {
          case "int" -> intProblem(param, value);
          case "duration" -> durationProblem(value);
          case "bool" ->
              value.equals("true") || value.equals("false")
                  ? null
                  : "must be true or false, was " + quote(value);
          case "regex" -> ParamText.regexProblem(value);
          default -> null;
        };
    if (typeProblem != null || param.format() == null) {
      return typeProblem;
    }
    if (param.type().equals("lines")) {
      String[] lines = value.split("\\R");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        String problem = formatProblem(param.format(), lines[i].strip());
        if (problem != null) {
          return "line " + (i + 1) + " " + problem;
        }
      }
      return null;
    }
    return formatProblem(param.format(), value);
  }

  private static String intProblem(CatalogParam param, String value) {
    Long n = ParamText.wholeNumber(value);
    if (n == null) {
      return "must be a whole number, was " + quote(value);
    }
    if ((param.min() != null && n < param.min()) || (param.max() != null && n > param.max())) {
      return "must be between "
          + (param.min() == null ? Long.MIN_VALUE : param.min())
          + " and "
          + (param.max() == null ? Long.MAX_VALUE : param.max())
          + ", was "
          + n;
    }
    return null;
  }

  private static String durationProblem(String value) {
    Duration duration = ParamText.duration(value);
    if (duration == null) {
      return "must be a duration such as 500ms, 5s, 2m or 1h, was " + quote(value);
    }
    if (!ParamText.isDurationInRange(duration)) {
      return "must be between 1ms and 24h, was " + quote(value);
    }
    return null;
  }

  /** Milliseconds of {@code 500ms, 5s, 2m, 1h}; -1 when the text is not such a duration. */
  static long durationMillis(String text) {
    Duration duration = text == null ? null : ParamText.duration(text);
    return duration == null ? -1 : duration.toMillis();
  }

  private static String formatProblem(String format, String value) {
    return switch (format) {
      case "host" ->
          value.isBlank() || value.length() > 253 || value.chars().anyMatch(Character::isWhitespace)
              ? "must be a host name or address, was " + quote(value)
              : null;
      case "url" -> urlProblem(value);
      case "absolute_path" -> pathProblem(value, false);
      case "absolute_path_or_glob" -> pathProblem(value, true);
      case "status_regex" -> statusRegexProblem(value);
      case "status_ranges" -> statusRangesProblem(value);
      case "header" ->
          HEADER.matcher(value).matches() ? null : "must be \"Name: value\", was " + quote(value);
      default -> "has an unknown format " + format;
    };
  }

  private static String urlProblem(String value) {
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        return "must be an http:// or https:// URL with a host, was " + quote(value);
      }
      return null;
    } catch (URISyntaxException e) {
      return "is not a valid URL: " + e.getReason();
    }
  }

  private static String pathProblem(String value, boolean globAllowed) {
    if (!value.startsWith("/") || value.indexOf('\0') >= 0) {
      return "must be an absolute path, was " + quote(value);
    }
    for (String segment : value.split("/")) {
      if (segment.equals("..")) {
        return "must not contain .. segments, was " + quote(value);
      }
    }
    if (!globAllowed && (value.contains("*") || value.contains("?") || value.contains("["))) {
      return "must be a path without wildcards, was " + quote(value);
    }
    return null;
  }

  private static String statusRegexProblem(String line) {
    Matcher m = STATUS_LINE.matcher(line);
    if (!m.matches()) {
      return "must be \"<OK|WARNING|CRITICAL|UNKNOWN> <regex>\", was " + quote(line);
    }
    String problem = ParamText.regexProblem(m.group(2));
    return problem == null ? null : "has a regex that " + problem;
  }

  private static String statusRangesProblem(String value) {
    for (String part : value.split(",")) {
      String range = part.strip();
      if (!STATUS_RANGE.matcher(range).matches()) {
        return "must be status codes or ranges such as 200-399,404, was " + quote(value);
      }
      if (range.contains("-")) {
        String[] ends = range.split("-");
        if (Integer.parseInt(ends[0]) > Integer.parseInt(ends[1])) {
          return "has a range that ends before it starts: " + quote(range);
        }
      }
    }
    return null;
  }

  private static String quote(String value) {
    String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return "\"" + shown + "\"";
  }
}
