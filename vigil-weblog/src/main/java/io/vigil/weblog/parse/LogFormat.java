package io.vigil.weblog.parse;

import java.util.Locale;

/**
 * A compiled access-log format and its parser: a sequence of literal bytes and fields, read left to
 * right over the bytes of one line with no regular expression and no allocation. Made from a named
 * format ({@code common}, {@code combined}), an nginx {@code log_format} body or an Apache {@code
 * LogFormat} string.
 *
 * <p>Each field ends where the literal after it matches (a quoted field skips backslash escapes,
 * and a quote inside that is not followed by the rest of that literal is taken as part of the
 * value); times of fixed width are taken by width. Whatever follows the last step of the format is
 * ignored, so {@code common} also reads {@code combined} lines. A line that does not fit the format
 * (a literal missing, a status that is not 100–599, bytes or a time that are not numbers) is
 * refused: {@link #parse} returns false and never throws.
 *
 * <p>Immutable and thread-safe; the {@link ParsedLine} is per thread.
 */
public final class LogFormat {

  /** The formats an item or the analyzer can name. */
  public enum Kind {
    COMBINED,
    COMMON,
    NGINX,
    APACHE;

    /** {@code combined}, {@code common}, {@code nginx} or {@code apache} (any case). */
    public static Kind of(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "format must be combined, common, nginx or apache, was '" + name + "'");
      }
    }
  }

  static final String COMMON = "%h %l %u %t \"%r\" %>s %b";
  static final String COMBINED = COMMON + " \"%{Referer}i\" \"%{User-agent}i\"";

  private static final byte NONE = -1;
  private static final int TIME_LOCAL_WIDTH = 26;

  private final String description;
  private final byte[][] literal; // per step: the literal, or null for a field
  private final Field[] field; // per step: the field, or null for a literal
  private final byte[][] next; // per field step: the literal after it, null at the end
  private final boolean[] quoted; // per field step: between two double quotes
  private final boolean responseTime;
  private final boolean vhost;
  private final boolean upstream;
  private final boolean referrer;
  private final boolean userAgent;
  private final boolean url;
  private final boolean client;

  LogFormat(String description, byte[][] literal, Field[] field) {
    this.description = description;
    this.literal = literal;
    this.field = field;
    int n = field.length;
    this.next = new byte[n][];
    this.quoted = new boolean[n];
    boolean rt = false;
    boolean vh = false;
    boolean up = false;
    boolean ref = false;
    boolean ua = false;
    boolean u = false;
    boolean cl = false;
    for (int i = 0; i < n; i++) {
      Field f = field[i];
      if (f == null) {
        continue;
      }
      next[i] = i + 1 < n ? literal[i + 1] : null;
      quoted[i] =
          i > 0
              && literal[i - 1] != null
              && literal[i - 1][literal[i - 1].length - 1] == '"'
              && next[i] != null
              && next[i][0] == '"';
      rt |= f.responseTime();
      vh |= f == Field.VHOST;
      up |= f == Field.UPSTREAM_LIST;
      ref |= f == Field.REFERRER;
      ua |= f == Field.USER_AGENT;
      u |= f == Field.URL || f == Field.REQUEST;
      cl |= f == Field.CLIENT || f == Field.CLIENT_LIST;
    }
    this.responseTime = rt;
    this.vhost = vh;
    this.upstream = up;
    this.referrer = ref;
    this.userAgent = ua;
    this.url = u;
    this.client = cl;
  }

  /**
   * The format an item names: {@code combined} and {@code common} need no {@code logFormat}; {@code
   * nginx} and {@code apache} compile it.
   *
   * @throws IllegalArgumentException with a message for people when the format is unusable
   */
  public static LogFormat of(Kind kind, String logFormat) {
    return switch (kind) {
      case COMBINED -> ApacheFormatCompiler.compile(COMBINED, "combined");
      case COMMON -> ApacheFormatCompiler.compile(COMMON, "common");
      case NGINX -> NginxFormatCompiler.compile(required(logFormat, "nginx"));
      case APACHE -> ApacheFormatCompiler.compile(required(logFormat, "apache"), null);
    };
  }

  /** {@link #of(Kind, String)} with the kind by name. */
  public static LogFormat of(String kind, String logFormat) {
    return of(Kind.of(kind), logFormat);
  }

  private static String required(String logFormat, String kind) {
    if (logFormat == null || logFormat.isBlank()) {
      throw new IllegalArgumentException("log_format is required with format " + kind);
    }
    return logFormat;
  }

  /** What the format is, for messages ({@code combined}, or the compiled string). */
  public String description() {
    return description;
  }

  public boolean hasResponseTime() {
    return responseTime;
  }

  public boolean hasVhost() {
    return vhost;
  }

  public boolean hasUpstream() {
    return upstream;
  }

  public boolean hasReferrer() {
    return referrer;
  }

  public boolean hasUserAgent() {
    return userAgent;
  }

  public boolean hasUrl() {
    return url;
  }

  public boolean hasClient() {
    return client;
  }

  /**
   * Parses {@code buf[start..end)} (one line without its terminator) into {@code out}.
   *
   * @return false when the line does not fit the format; {@code out} is then undefined
   */
  public boolean parse(byte[] buf, int start, int end, ParsedLine out) {
    try {
      return parseSteps(buf, start, end, out);
    } catch (RuntimeException e) {
      // Not expected (every index is checked), but a log line must never stop the analysis.
      return false;
    }
  }

  /** {@link #parse} without its safety net, so the fuzz test sees any exception. */
  boolean parseSteps(byte[] buf, int start, int end, ParsedLine out) {
    out.reset(buf);
    int p = start;
    for (int i = 0; i < field.length; i++) {
      Field f = field[i];
      if (f == null) {
        byte[] lit = literal[i];
        if (end - p < lit.length || !matches(buf, p, lit)) {
          return false;
        }
        p += lit.length;
        continue;
      }
      int valueEnd = scan(f, i, buf, p, end);
      if (valueEnd < 0 || !store(f, buf, p, valueEnd, out)) {
        return false;
      }
      p = valueEnd;
    }
    return true;
  }

  /** Where the value of field step {@code i} starting at {@code p} ends; -1 when it cannot. */
  private int scan(Field f, int i, byte[] buf, int p, int end) {
    if (f == Field.TIME_LOCAL) {
      return p + TIME_LOCAL_WIDTH <= end ? p + TIME_LOCAL_WIDTH : -1;
    }
    if (f == Field.TIME_BRACKETED) {
      int stop = p + TIME_LOCAL_WIDTH + 2;
      return stop <= end && buf[p] == '[' && buf[stop - 1] == ']' ? stop : -1;
    }
    byte[] after = next[i];
    if (after == null) {
      // The last step: up to a space or the end of the line (the rest is ignored).
      int q = p;
      while (q < end && buf[q] != ' ') {
        q++;
      }
      return q;
    }
    byte stop = after[0];
    boolean isQuoted = quoted[i];
    boolean list = f.listValued() && stop == ' ';
    for (int q = p; q < end; q++) {
      byte b = buf[q];
      if (b == stop) {
        if (list && continuesList(buf, q, p, end)) {
          continue;
        }
        if (end - q >= after.length && matches(buf, q, after)) {
          return q;
        }
      } else if (b == '\\' && isQuoted) {
        q++; // an escaped character, e.g. \" in Apache logs
      }
    }
    return -1;
  }

  /** At a space inside an nginx list value: {@code "a, b"} or {@code "a : b"}. */
  private static boolean continuesList(byte[] buf, int space, int valueStart, int end) {
    if (space > valueStart && buf[space - 1] == ',') {
      return true; // "a, b"
    }
    if (space - 2 >= valueStart && buf[space - 1] == ':' && buf[space - 2] == ' ') {
      return true; // the second space of "a : b"
    }
    return space + 2 < end && buf[space + 1] == ':' && buf[space + 2] == ' ';
  }

  private static boolean matches(byte[] buf, int p, byte[] lit) {
    for (int j = 0; j < lit.length; j++) {
      if (buf[p + j] != lit[j]) {
        return false;
      }
    }
    return true;
  }

  private static boolean store(Field f, byte[] buf, int s, int e, ParsedLine out) {
    switch (f) {
      case CLIENT -> {
        out.clientStart = s;
        out.clientEnd = e;
      }
      case CLIENT_LIST -> {
        int q = s;
        while (q < e && buf[q] != ',') {
          q++;
        }
        out.clientStart = s;
        out.clientEnd = q;
      }
      case TIME_LOCAL -> {
        if (buf[s + 2] != '/' || buf[s + 6] != '/' || buf[s + 11] != ':' || buf[s + 20] != ' ') {
          return false;
        }
        out.timeStart = s;
        out.timeEnd = e;
      }
      case TIME_BRACKETED -> {
        int t = s + 1;
        if (buf[t + 2] != '/' || buf[t + 6] != '/' || buf[t + 11] != ':' || buf[t + 20] != ' ') {
          return false;
        }
        out.timeStart = t;
        out.timeEnd = e - 1;
      }
      case TIME_TEXT -> {
        out.timeStart = s;
        out.timeEnd = e;
      }
      case REQUEST -> request(buf, s, e, out);
      case METHOD -> out.method = HttpMethod.of(buf, s, e);
      case URL -> {
        if (e > s && !(e - s == 1 && buf[s] == '-')) {
          out.urlStart = s;
          out.urlEnd = e;
        }
      }
      case STATUS -> {
        return status(buf, s, e, out);
      }
      case BYTES -> {
        return bytes(buf, s, e, out);
      }
      case REFERRER -> {
        out.referrerStart = s;
        out.referrerEnd = e;
      }
      case USER_AGENT -> {
        out.agentStart = s;
        out.agentEnd = e;
      }
      case VHOST -> {
        out.vhostStart = s;
        out.vhostEnd = e;
      }
      case UPSTREAM_LIST -> upstream(buf, s, e, out);
      case SECONDS, SECONDS_LIST -> {
        return seconds(buf, s, e, out);
      }
      case MILLIS -> {
        return whole(buf, s, e, 1000, out);
      }
      case MICROS -> {
        return whole(buf, s, e, 1, out);
      }
      case SKIP, SKIP_LIST -> {
        // read and ignored
      }
    }
    return true;
  }

  /** {@code METHOD URL PROTOCOL}; a request line without a URL (e.g. {@code -}) has none. */
  private static void request(byte[] buf, int s, int e, ParsedLine out) {
    int sp = s;
    while (sp < e && buf[sp] != ' ') {
      sp++;
    }
    if (sp >= e) {
      out.method = HttpMethod.OTHER;
      return;
    }
    out.method = HttpMethod.of(buf, s, sp);
    int urlStart = sp + 1;
    int urlEnd = e;
    int last = e - 1;
    while (last > urlStart && buf[last] != ' ') {
      last--;
    }
    if (last > urlStart && e - last > 5 && buf[last + 1] == 'H' && buf[last + 5] == '/') {
      urlEnd = last; // " HTTP/1.1"
    }
    if (urlEnd > urlStart) {
      out.urlStart = urlStart;
      out.urlEnd = urlEnd;
    }
  }

  private static boolean status(byte[] buf, int s, int e, ParsedLine out) {
    if (e - s != 3) {
      return false;
    }
    int a = buf[s] - '0';
    int b = buf[s + 1] - '0';
    int c = buf[s + 2] - '0';
    if (a < 1 || a > 5 || b < 0 || b > 9 || c < 0 || c > 9) {
      return false;
    }
    out.status = a * 100 + b * 10 + c;
    return true;
  }

  private static boolean bytes(byte[] buf, int s, int e, ParsedLine out) {
    if (e - s == 1 && buf[s] == '-') {
      out.bytes = 0;
      return true;
    }
    if (e == s || e - s > 18) {
      return false;
    }
    long v = 0;
    for (int q = s; q < e; q++) {
      int d = buf[q] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      v = v * 10 + d;
    }
    out.bytes = v;
    return true;
  }

  /** The last address of an nginx upstream list: the server that gave the response. */
  private static void upstream(byte[] buf, int s, int e, ParsedLine out) {
    int q = e;
    while (q > s && buf[q - 1] != ' ') {
      q--;
    }
    out.upstreamStart = q < e ? q : s;
    out.upstreamEnd = e;
  }

  /**
   * Seconds with an optional fraction ({@code 0.123}), or a list of them separated by commas or
   * colons (summed); {@code -} entries count as nothing and a value of only {@code -} as unknown.
   */
  private static boolean seconds(byte[] buf, int s, int e, ParsedLine out) {
    long total = 0;
    boolean any = false;
    int q = s;
    while (q < e) {
      byte b = buf[q];
      if (b == ' ' || b == ',' || b == ':') {
        q++;
        continue;
      }
      if (b == '-') {
        q++;
        continue;
      }
      long whole = 0;
      int digits = 0;
      while (q < e && buf[q] >= '0' && buf[q] <= '9' && digits < 12) {
        whole = whole * 10 + (buf[q++] - '0');
        digits++;
      }
      long micros = 0;
      if (q < e && buf[q] == '.') {
        q++;
        long scale = 100_000;
        while (q < e && buf[q] >= '0' && buf[q] <= '9') {
          micros += (buf[q++] - '0') * scale;
          scale /= 10;
        }
      } else if (digits == 0) {
        return false;
      }
      total += whole * 1_000_000 + micros;
      any = true;
    }
    out.responseMicros = any ? total : -1;
    return true;
  }

  private static boolean whole(byte[] buf, int s, int e, long unitMicros, ParsedLine out) {
    if (e - s == 1 && buf[s] == '-') {
      return true;
    }
    if (e == s || e - s > 15) {
      return false;
    }
    long v = 0;
    for (int q = s; q < e; q++) {
      int d = buf[q] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      v = v * 10 + d;
    }
    out.responseMicros = v * unitMicros;
    return true;
  }

  @Override
  public String toString() {
    return description;
  }
}
