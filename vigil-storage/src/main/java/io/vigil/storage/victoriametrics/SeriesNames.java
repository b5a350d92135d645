package io.vigil.storage.victoriametrics;

import io.vigil.model.Names;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * How Vigil's model maps onto Prometheus series, and the quoting that keeps values out of the query
 * syntax.
 *
 * <p>One series per field: metric name {@code <measurement>:<field>}, labels = the point's tags
 * (with {@code host}). Vigil names are {@code [a-z][a-z0-9_]*}, so the colon splits every name back
 * unambiguously ({@code cpu_user:pct} and {@code cpu:user_pct} stay apart, where {@code _} would
 * join them), and a metric name without exactly one colon between two Vigil names is not ours
 * (another system's series in the same VictoriaMetrics are ignored). Fleet-wide queries ({@code
 * top}, {@code group}) select one metric name per field: one index lookup, where a {@code field}
 * label would intersect a whole measurement's series with a field's.
 */
final class SeriesNames {

  static final String NAME_LABEL = "__name__";
  static final char SEPARATOR = ':';

  private SeriesNames() {}

  static String metric(String measurement, String field) {
    return measurement + SEPARATOR + field;
  }

  /** The measurement of a metric name written by Vigil, or null for any other name. */
  static String measurementOf(String metric) {
    int colon = metric.indexOf(SEPARATOR);
    if (colon < 0) {
      return null;
    }
    String measurement = metric.substring(0, colon);
    return Names.isIdentifier(measurement) && Names.isIdentifier(metric.substring(colon + 1))
        ? measurement
        : null;
  }

  /** The field of a metric name written by Vigil, or null for any other name. */
  static String fieldOf(String metric) {
    return measurementOf(metric) == null ? null : metric.substring(metric.indexOf(SEPARATOR) + 1);
  }

  /** A label value in the Prometheus exposition format: backslash, quote and newline escaped. */
  static void appendLabelValue(StringBuilder out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  /** A MetricsQL string literal holding {@code value} exactly. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    appendLabelValue(out, value);
    return out.append('"').toString();
  }

  /** A regular expression (RE2) matching exactly one of {@code values}. */
  static String alternation(Collection<String> values) {
    StringJoiner any = new StringJoiner("|");
    for (String value : values) {
      StringBuilder literal = new StringBuilder(value.length() + 8);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
          literal.append('\\');
        }
        literal.append(c);
      }
      any.add(literal);
    }
    return any.toString();
  }

  /**
   * A series selector: the metric names of {@code fields} of the measurement (all of them when
   * empty) and exact label matches, e.g. {@code {__name__=~"cpu:(user_pct|idle_pct)",
   * host="web1"}}.
   *
   * @param extra further matchers, already in MetricsQL syntax (e.g. {@code host=~"a|b"})
   */
  static String selector(
      String measurement, Collection<String> fields, Map<String, String> tags, String... extra) {
    StringJoiner matchers = new StringJoiner(",", "{", "}");
    if (fields.size() == 1) {
      matchers.add(NAME_LABEL + "=" + quote(metric(measurement, fields.iterator().next())));
    } else if (fields.isEmpty()) {
      matchers.add(NAME_LABEL + "=~" + quote(measurement + SEPARATOR + ".+"));
    } else {
      // Names are [a-z0-9_]: nothing in them needs escaping in a regular expression.
      matchers.add(
          NAME_LABEL
              + "=~"
              + quote(measurement + SEPARATOR + "(" + String.join("|", fields) + ")"));
    }
    new TreeMap<>(tags).forEach((name, value) -> matchers.add(name + "=" + quote(value)));
    for (String matcher : extra) {
      matchers.add(matcher);
    }
    return matchers.toString();
  }
}
