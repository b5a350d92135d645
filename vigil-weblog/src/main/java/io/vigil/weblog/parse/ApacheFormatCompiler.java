package io.vigil.weblog.parse;

import java.util.Locale;

/**
 * Compiles an Apache {@code LogFormat} string, e.g. {@code %h %l %u %t "%r" %>s %b "%{Referer}i"
 * "%{User-agent}i" %D %v}. A directive is {@code %}, optional modifiers ({@code <}, {@code >},
 * {@code !}, status codes, which are ignored), an optional {@code {parameter}} and a letter; the
 * letters listed in docs/checks.md are used, every other directive is read and skipped. {@code
 * %U%q} (path directly followed by query) is read as one URL. A string pasted from a configuration
 * file with {@code \"} escapes is unescaped.
 */
final class ApacheFormatCompiler {

  private ApacheFormatCompiler() {}

  static LogFormat compile(String text, String name) {
    String format = unescape(text.strip());
    FormatBuilder builder = new FormatBuilder();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%') {
        literal.append(c);
        i++;
        continue;
      }
      if (i + 1 < format.length() && format.charAt(i + 1) == '%') {
        literal.append('%');
        i += 2;
        continue;
      }
      int j = i + 1;
      while (j < format.length() && isModifier(format.charAt(j))) {
        j++;
      }
      boolean finalStatus = format.substring(i + 1, j).contains(">");
      String param = null;
      if (j < format.length() && format.charAt(j) == '{') {
        int close = format.indexOf('}', j);
        if (close < 0) {
          throw new IllegalArgumentException(
              "LogFormat has an unclosed '{' at position " + (j + 1));
        }
        param = format.substring(j + 1, close);
        j = close + 1;
      }
      if (j >= format.length()) {
        throw new IllegalArgumentException("LogFormat ends inside a directive: " + format);
      }
      char letter = format.charAt(j);
      String directive = format.substring(i, j + 1);
      builder.literal(literal.toString());
      literal.setLength(0);
      FormatBuilder.Variable previous = builder.lastVariable();
      if (letter == 'q'
          && previous != null
          && previous.role() != null
          && previous.name().endsWith("U")) {
        // %U%q: the query string continues the path; the URL field reads both.
      } else {
        builder.variable(variable(directive, letter, param, finalStatus));
      }
      i = j + 1;
    }
    builder.literal(literal.toString());
    return builder.build(name != null ? name : "apache: " + format);
  }

  private static FormatBuilder.Variable variable(
      String directive, char letter, String param, boolean finalStatus) {
    String p = param == null ? null : param.toLowerCase(Locale.ROOT);
    Field field = Field.SKIP;
    String role = null;
    int priority = 0;
    switch (letter) {
      case 'a' -> {
        field = Field.CLIENT;
        role = "client";
        priority = "c".equals(p) ? 3 : 1;
      }
      case 'h' -> {
        field = Field.CLIENT;
        role = "client";
        priority = 2;
      }
      case 't' -> {
        if (p == null) {
          field = Field.TIME_BRACKETED;
          role = "time";
          priority = 1;
        }
      }
      case 'r' -> {
        field = Field.REQUEST;
        role = "request";
        priority = 1;
      }
      case 'm' -> {
        field = Field.METHOD;
        role = "method";
        priority = 1;
      }
      case 'U' -> {
        field = Field.URL;
        role = "url";
        priority = 1;
      }
      case 's' -> {
        field = Field.STATUS;
        role = "status";
        priority = finalStatus ? 1 : 2;
      }
      case 'b', 'B' -> {
        field = Field.BYTES;
        role = "bytes";
        priority = 1;
      }
      case 'O' -> {
        field = Field.BYTES;
        role = "bytes";
        priority = 2;
      }
      case 'D' -> {
        field = Field.MICROS;
        role = "time_taken";
        priority = 1;
      }
      case 'T' -> {
        field =
            switch (p == null ? "s" : p) {
              case "ms" -> Field.MILLIS;
              case "us" -> Field.MICROS;
              default -> Field.SECONDS;
            };
        role = "time_taken";
        priority = 2;
      }
      case 'v' -> {
        field = Field.VHOST;
        role = "vhost";
        priority = 1;
      }
      case 'V' -> {
        field = Field.VHOST;
        role = "vhost";
        priority = 2;
      }
      case 'i' -> {
        if ("referer".equals(p)) {
          field = Field.REFERRER;
          role = "referrer";
          priority = 1;
        } else if ("user-agent".equals(p)) {
          field = Field.USER_AGENT;
          role = "agent";
          priority = 1;
        } else if ("host".equals(p)) {
          field = Field.VHOST;
          role = "vhost";
          priority = 3;
        } else if ("x-forwarded-for".equals(p)) {
          field = Field.CLIENT_LIST;
          role = "client";
          priority = 4;
        }
      }
      default -> {
        // read and skipped
      }
    }
    return new FormatBuilder.Variable(directive, field, role, priority);
  }

  private static boolean isModifier(char c) {
    return c == '<' || c == '>' || c == '!' || c == ',' || (c >= '0' && c <= '9');
  }

  /**
   * {@code \"} → {@code "}, {@code \\} → {@code \}, {@code \t} → tab; a wrapping pair of quotes is
   * dropped.
   */
  static String unescape(String text) {
    String t = text;
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") && t.contains("\\\"")) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.indexOf('\\') < 0) {
      return t;
    }
    StringBuilder out = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\\' && i + 1 < t.length()) {
        char n = t.charAt(i + 1);
        if (n == '"' || n == '\\') {
          out.append(n);
          i++;
          continue;
        }
        if (n == 't') {
          out.append('\t');
          i++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
