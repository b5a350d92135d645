package io.vigil.weblog.parse;

/**
 * What one variable of a log format holds, and so how the parser reads and keeps it. Variables the
 * analysis does not use are {@link #SKIP} (read up to the next separator and ignored).
 */
enum Field {
  /** The client address. */
  CLIENT,
  /** A comma-separated address list ({@code X-Forwarded-For}); the first one is the client. */
  CLIENT_LIST,
  /** {@code 10/Oct/2000:13:55:36 -0700}: 26 bytes, no brackets (nginx {@code $time_local}). */
  TIME_LOCAL,
  /** {@code [10/Oct/2000:13:55:36 -0700]}: Apache {@code %t}, brackets included. */
  TIME_BRACKETED,
  /** A time without spaces ({@code $time_iso8601}, {@code $msec}): kept, not interpreted. */
  TIME_TEXT,
  /** The request line, {@code GET /path?q HTTP/1.1}. */
  REQUEST,
  /** The request method alone. */
  METHOD,
  /** The URL (path and query, or the path alone). */
  URL,
  /** The status code, three digits from 100 to 599. */
  STATUS,
  /** Response bytes, digits or {@code -} for none. */
  BYTES,
  REFERRER,
  USER_AGENT,
  /** The virtual host. */
  VHOST,
  /** The upstream address list; the last one is the server that answered. */
  UPSTREAM_LIST,
  /** Response time in seconds with a fraction ({@code 0.123}), {@code -} when unknown. */
  SECONDS,
  /** A list of such times ({@code 0.010, 0.120 : 0.003}), summed: one per upstream tried. */
  SECONDS_LIST,
  /** Response time in whole milliseconds. */
  MILLIS,
  /** Response time in whole microseconds. */
  MICROS,
  SKIP,
  /** A skipped list-valued variable (nginx {@code $upstream_*}), which may contain spaces. */
  SKIP_LIST;

  /** Whether the value may go on after {@code ", "} or {@code " : "} (nginx upstream lists). */
  boolean listValued() {
    return this == CLIENT_LIST
        || this == UPSTREAM_LIST
        || this == SECONDS_LIST
        || this == SKIP_LIST;
  }

  /** Whether the field gives a response time. */
  boolean responseTime() {
    return this == SECONDS || this == SECONDS_LIST || this == MILLIS || this == MICROS;
  }
}
