package io.vigil.agent.check.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The performance data of one plugin run, parsed leniently: items that do not follow the Nagios
 * plugin guidelines are skipped and counted in {@link #skipped()}, never thrown.
 *
 * <p>Syntax: space-separated items {@code 'label'=value[UOM];[warn];[crit];[min];[max]}. A label
 * with spaces is quoted with {@code '}, a quote inside it written {@code ''}; an unquoted label
 * runs up to the {@code =}. A value that is empty or {@code U} is unknown and kept with a {@code
 * null} value. Trailing empty fields ({@code load1=0.41;5;10;0;}) are allowed; a sixth non-empty
 * field, a value that is not a number, or a non-numeric min/max makes the item malformed. See
 * {@link PerfUnit} for the unit conversions.
 *
 * @param items the well-formed items in output order
 * @param skipped how many malformed items were skipped
 */
public record PerfData(List<PerfDatum> items, int skipped) {

  /** No performance data. */
  public static final PerfData EMPTY = new PerfData(List.of(), 0);

  // A decimal number (optionally signed, optionally with an exponent) and a UOM of letters or %.
  private static final String NUMBER = "[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?";
  private static final Pattern VALUE = Pattern.compile("(" + NUMBER + ")([a-zA-Z%]{0,8})");

  public PerfData {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    if (skipped < 0) {
      throw new IllegalArgumentException("skipped must not be negative: " + skipped);
    }
  }

  /** Parses performance-data text (what follows the {@code |}); {@code null} or blank is empty. */
  public static PerfData parse(String text) {
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    List<PerfDatum> items = new ArrayList<>();
    int skipped = 0;
    int n = text.length();
    int i = 0;
    while (true) {
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      String label;
      if (text.charAt(i) == '\'') {
        StringBuilder quoted = new StringBuilder();
        int end = readQuoted(text, i + 1, quoted);
        if (end < 0 || end >= n || text.charAt(end) != '=') {
          skipped++;
          i = skipToken(text, Math.max(end, i + 1));
          continue;
        }
        label = quoted.toString();
        i = end + 1;
      } else {
        int start = i;
        while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        if (i >= n || text.charAt(i) != '=') {
          skipped++;
          i = skipToken(text, i);
          continue;
        }
        label = text.substring(start, i);
        i++;
      }
      int dataStart = i;
      i = skipToken(text, i);
      PerfDatum datum = datum(label, text.substring(dataStart, i));
      if (datum == null) {
        skipped++;
      } else {
        items.add(datum);
      }
    }
    return new PerfData(items, skipped);
  }

  /**
   * Reads a quoted label from just after the opening quote into {@code out}; returns the index
   * after the closing quote, or -1 when the quote is never closed.
   */
  private static int readQuoted(String text, int from, StringBuilder out) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          out.append('\'');
          i += 2;
          continue;
        }
        return i + 1;
      }
      out.append(c);
      i++;
    }
    return -1;
  }

  private static int skipToken(String text, int from) {
    int i = from;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** One item from its label and the text after {@code =}; {@code null} when malformed. */
  private static PerfDatum datum(String label, String data) {
    if (label.isBlank()) {
      return null;
    }
    String[] fields = data.split(";", -1);
    for (int f = 5; f < fields.length; f++) {
      if (!fields[f].isEmpty()) {
        return null;
      }
    }
    String valueText = fields[0];
    Double value = null;
    String uom = "";
    if (!valueText.isEmpty() && !valueText.equals("U")) {
      Matcher m = VALUE.matcher(valueText);
      if (!m.matches()) {
        return null;
      }
      uom = m.group(2);
      value = number(m.group(1));
      if (value == null) {
        return null;
      }
    }
    PerfUnit unit = PerfUnit.of(uom);
    double factor = PerfUnit.factor(uom);
    Double min = bound(field(fields, 3), uom, factor);
    Double max = bound(field(fields, 4), uom, factor);
    if (min != null && min.isNaN() || max != null && max.isNaN()) {
      return null;
    }
    return new PerfDatum(
        label,
        value == null ? null : value * factor,
        unit,
        uom,
        field(fields, 1).trim(),
        field(fields, 2).trim(),
        min,
        max);
  }

  private static String field(String[] fields, int index) {
    return index < fields.length ? fields[index] : "";
  }

  /** A min/max in base units; {@code null} when absent, NaN when malformed. */
  private static Double bound(String text, String uom, double factor) {
    if (text.isEmpty()) {
      return null;
    }
    Matcher m = VALUE.matcher(text);
    if (!m.matches() || !(m.group(2).isEmpty() || m.group(2).equals(uom))) {
      return Double.NaN;
    }
    Double number = number(m.group(1));
    return number == null ? Double.NaN : number * factor;
  }

  private static Double number(String text) {
    double parsed = Double.parseDouble(text);
    return Double.isFinite(parsed) ? parsed : null;
  }
}
