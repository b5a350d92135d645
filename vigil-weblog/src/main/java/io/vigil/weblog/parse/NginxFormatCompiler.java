package io.vigil.weblog.parse;

import java.util.Map;

/**
 * Compiles the body of an nginx {@code log_format} directive, e.g. {@code $remote_addr -
 * $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"
 * $request_time}. Variables are {@code $name} or {@code ${name}}; those in {@link #VARIABLES} are
 * used, every other one is read and skipped. The body may be pasted with nginx's own single quotes
 * ({@code '...' '...'}): adjacent quoted parts are joined as nginx does.
 */
final class NginxFormatCompiler {

  private static final Map<String, FormatBuilder.Variable> VARIABLES =
      Map.ofEntries(
          v("remote_addr", Field.CLIENT, "client", 1),
          v("realip_remote_addr", Field.CLIENT, "client", 2),
          v("http_x_forwarded_for", Field.CLIENT_LIST, "client", 3),
          v("time_local", Field.TIME_LOCAL, "time", 1),
          v("time_iso8601", Field.TIME_TEXT, "time", 2),
          v("msec", Field.TIME_TEXT, "time", 3),
          v("request", Field.REQUEST, "request", 1),
          v("request_method", Field.METHOD, "method", 1),
          v("request_uri", Field.URL, "url", 1),
          v("uri", Field.URL, "url", 2),
          v("document_uri", Field.URL, "url", 3),
          v("status", Field.STATUS, "status", 1),
          v("body_bytes_sent", Field.BYTES, "bytes", 1),
          v("bytes_sent", Field.BYTES, "bytes", 2),
          v("http_referer", Field.REFERRER, "referrer", 1),
          v("http_user_agent", Field.USER_AGENT, "agent", 1),
          v("request_time", Field.SECONDS, "time_taken", 1),
          v("upstream_response_time", Field.SECONDS_LIST, "time_taken", 2),
          v("host", Field.VHOST, "vhost", 1),
          v("server_name", Field.VHOST, "vhost", 2),
          v("http_host", Field.VHOST, "vhost", 3),
          v("upstream_addr", Field.UPSTREAM_LIST, "upstream", 1));

  private NginxFormatCompiler() {}

  private static Map.Entry<String, FormatBuilder.Variable> v(
      String name, Field field, String role, int priority) {
    return Map.entry(name, new FormatBuilder.Variable("$" + name, field, role, priority));
  }

  static LogFormat compile(String text) {
    String body = unquote(text.strip());
    FormatBuilder builder = new FormatBuilder();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c != '$') {
        literal.append(c);
        i++;
        continue;
      }
      int start = i + 1;
      boolean braced = start < body.length() && body.charAt(start) == '{';
      int nameStart = braced ? start + 1 : start;
      int end = nameStart;
      while (end < body.length() && isNameChar(body.charAt(end))) {
        end++;
      }
      if (end == nameStart || (braced && (end >= body.length() || body.charAt(end) != '}'))) {
        throw new IllegalArgumentException(
            "log_format has a '$' without a variable name at position " + (i + 1));
      }
      builder.literal(literal.toString());
      literal.setLength(0);
      String name = body.substring(nameStart, end);
      FormatBuilder.Variable known = VARIABLES.get(name);
      builder.variable(
          known != null
              ? known
              : new FormatBuilder.Variable(
                  "$" + name,
                  name.startsWith("upstream_") ? Field.SKIP_LIST : Field.SKIP,
                  null,
                  0));
      i = braced ? end + 1 : end;
    }
    builder.literal(literal.toString());
    return builder.build("nginx: " + body);
  }

  /** {@code 'a' 'b'} as written in nginx.conf becomes {@code ab}; other text stays as it is. */
  static String unquote(String text) {
    if (text.length() < 2 || text.charAt(0) != '\'' || !text.endsWith("'")) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) != '\'') {
        return text; // text between quoted parts: not nginx quoting after all
      }
      int close = text.indexOf('\'', i + 1);
      if (close < 0) {
        return text;
      }
      out.append(text, i + 1, close);
      i = close + 1;
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
