package io.vigil.server.ingest.scrape;

import io.vigil.server.ingest.mapping.MetricSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format 0.0.4 ({@code name{label="value",...} value
 * [timestamp]}, {@code # TYPE} and {@code # HELP} lines) without regular expressions, tolerating
 * what it cannot read: a malformed line is counted and skipped, a non-finite value (NaN, ±Inf) is
 * counted and skipped (Vigil stores finite numbers), and samples beyond {@code maxSamples} are
 * counted and dropped. A label with an empty value is left out, since Prometheus reads it as
 * absent. A {@code _bucket}, {@code _sum} or {@code _count} sample of a histogram or summary family
 * belongs to that family, as the field of that name; other samples are the field {@code value} of
 * their own family.
 */
final class ExpositionParser {

  /**
   * What one exposition held.
   *
   * @param samples the samples taken, in order
   * @param malformed lines that could not be read
   * @param nonFinite samples skipped for a NaN or infinite value
   * @param dropped samples beyond the limit
   */
  record Result(List<MetricSample> samples, int malformed, int nonFinite, int dropped) {}

  private final int maxSamples;

  ExpositionParser(int maxSamples) {
    this.maxSamples = maxSamples;
  }

  Result parse(String text) {
    List<MetricSample> samples = new ArrayList<>();
    Map<String, String> types = new HashMap<>();
    int malformed = 0;
    int nonFinite = 0;
    int dropped = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
      Line line = new Line(text, start, lineEnd);
      start = end + 1;
      line.skipBlanks();
      if (line.atEnd()) {
        continue;
      }
      if (line.peek() == '#') {
        comment(line, types);
        continue;
      }
      MetricSample sample;
      try {
        sample = sample(line, types);
      } catch (IllegalArgumentException e) {
        malformed++;
        continue;
      }
      if (!Double.isFinite(sample.value())) {
        nonFinite++;
      } else if (samples.size() >= maxSamples) {
        dropped++;
      } else {
        samples.add(sample);
      }
    }
    return new Result(samples, malformed, nonFinite, dropped);
  }

  /** Records {@code # TYPE name type}; every other comment is ignored. */
  private static void comment(Line line, Map<String, String> types) {
    line.next();
    line.skipBlanks();
    if (!line.word().equals("TYPE")) {
      return;
    }
    line.skipBlanks();
    String name = line.word();
    line.skipBlanks();
    String type = line.word();
    if (!name.isEmpty() && !type.isEmpty()) {
      types.put(name, type);
    }
  }

  private static MetricSample sample(Line line, Map<String, String> types) {
    String name = line.metricName();
    Map<String, String> labels = Map.of();
    line.skipBlanks();
    if (!line.atEnd() && line.peek() == '{') {
      labels = labels(line);
      line.skipBlanks();
    }
    String valueText = line.word();
    if (valueText.isEmpty()) {
      throw new IllegalArgumentException("no value");
    }
    double value = value(valueText);
    line.skipBlanks();
    long timestamp = 0;
    if (!line.atEnd()) {
      try {
        timestamp = Long.parseLong(line.word());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad timestamp");
      }
      line.skipBlanks();
      if (!line.atEnd()) {
        throw new IllegalArgumentException("text after the timestamp");
      }
    }
    String family = name;
    String field = "value";
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        if ("histogram".equals(type) || "summary".equals(type)) {
          family = base;
          field = suffix.substring(1);
        }
        break;
      }
    }
    return new MetricSample(name, family, field, labels, value, timestamp);
  }

  private static Map<String, String> labels(Line line) {
    line.next(); // {
    Map<String, String> labels = new LinkedHashMap<>();
    while (true) {
      line.skipBlanks();
      if (line.atEnd()) {
        throw new IllegalArgumentException("unclosed labels");
      }
      if (line.peek() == '}') {
        line.next();
        return labels;
      }
      String name = line.labelName();
      line.skipBlanks();
      line.expect('=');
      line.skipBlanks();
      String value = line.quoted();
      if (!value.isEmpty()) {
        labels.put(name, value); // an empty label is no label, as Prometheus reads it
      }
      line.skipBlanks();
      if (!line.atEnd() && line.peek() == ',') {
        line.next();
      } else if (line.atEnd() || line.peek() != '}') {
        throw new IllegalArgumentException("bad label list");
      }
    }
  }

  /** A Go float as Prometheus writes it: NaN, +Inf, -Inf or a decimal number. */
  static double value(String text) {
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "+Inf", "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
        throw new IllegalArgumentException("bad value");
      }
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad value");
    }
  }

  /** A cursor over one line. */
  private static final class Line {
    private final String text;
    private final int end;
    private int pos;

    Line(String text, int start, int end) {
      this.text = text;
      this.pos = start;
      this.end = end;
    }

    boolean atEnd() {
      return pos >= end;
    }

    char peek() {
      return text.charAt(pos);
    }

    void next() {
      pos++;
    }

    void skipBlanks() {
      while (pos < end && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
        pos++;
      }
    }

    void expect(char c) {
      if (atEnd() || peek() != c) {
        throw new IllegalArgumentException("expected " + c);
      }
      pos++;
    }

    /** Text up to the next blank. */
    String word() {
      int start = pos;
      while (pos < end && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
        pos++;
      }
      return text.substring(start, pos);
    }

    String metricName() {
      return name(true);
    }

    String labelName() {
      return name(false);
    }

    private String name(boolean colons) {
      int start = pos;
      while (pos < end) {
        char c = text.charAt(pos);
        boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        boolean digit = c >= '0' && c <= '9';
        if (letter || (colons && c == ':') || (digit && pos > start)) {
          pos++;
        } else {
          break;
        }
      }
      if (start == pos) {
        throw new IllegalArgumentException("no name");
      }
      return text.substring(start, pos);
    }

    /** A double-quoted label value with the escapes \\, \" and \n. */
    String quoted() {
      expect('"');
      StringBuilder value = new StringBuilder();
      while (pos < end) {
        char c = text.charAt(pos++);
        if (c == '"') {
          return value.toString();
        }
        if (c == '\\' && pos < end) {
          char escaped = text.charAt(pos++);
          value.append(escaped == 'n' ? '\n' : escaped);
        } else {
          value.append(c);
        }
      }
      throw new IllegalArgumentException("unclosed label value");
    }
  }
}
