package io.vigil.weblog.parse;

/**
 * The fields of one parsed line, as offsets into the caller's byte buffer: the parser fills one
 * instance per thread again and again, so parsing allocates nothing. Spans are {@code [start,
 * end)}; a start of -1 means the format has no such field (or the request had no URL).
 */
public final class ParsedLine {

  byte[] buf;
  int clientStart;
  int clientEnd;
  HttpMethod method;
  int urlStart;
  int urlEnd;
  int status;
  long bytes;
  int referrerStart;
  int referrerEnd;
  int agentStart;
  int agentEnd;
  int vhostStart;
  int vhostEnd;
  int upstreamStart;
  int upstreamEnd;
  int timeStart;
  int timeEnd;
  long responseMicros;

  void reset(byte[] buffer) {
    buf = buffer;
    clientStart = -1;
    method = HttpMethod.OTHER;
    urlStart = -1;
    status = 0;
    bytes = 0;
    referrerStart = -1;
    agentStart = -1;
    vhostStart = -1;
    upstreamStart = -1;
    timeStart = -1;
    responseMicros = -1;
  }

  /** The buffer the offsets point into. */
  public byte[] buffer() {
    return buf;
  }

  public int clientStart() {
    return clientStart;
  }

  public int clientEnd() {
    return clientEnd;
  }

  public HttpMethod method() {
    return method;
  }

  /** -1 when the format has no URL or the request line had none (e.g. {@code "-"}). */
  public int urlStart() {
    return urlStart;
  }

  public int urlEnd() {
    return urlEnd;
  }

  /** 100 to 599. */
  public int status() {
    return status;
  }

  /** Response bytes; 0 for {@code -}. */
  public long bytes() {
    return bytes;
  }

  public int referrerStart() {
    return referrerStart;
  }

  public int referrerEnd() {
    return referrerEnd;
  }

  public int agentStart() {
    return agentStart;
  }

  public int agentEnd() {
    return agentEnd;
  }

  public int vhostStart() {
    return vhostStart;
  }

  public int vhostEnd() {
    return vhostEnd;
  }

  public int upstreamStart() {
    return upstreamStart;
  }

  public int upstreamEnd() {
    return upstreamEnd;
  }

  /** The time text as logged (e.g. {@code 10/Oct/2000:13:55:36 -0700}), -1 when absent. */
  public int timeStart() {
    return timeStart;
  }

  public int timeEnd() {
    return timeEnd;
  }

  /** Response time in microseconds, -1 when the format has none or the line says {@code -}. */
  public long responseMicros() {
    return responseMicros;
  }

  /** A field as text, for tests and messages (allocates). */
  public static String text(byte[] buf, int start, int end) {
    return start < 0
        ? null
        : new String(buf, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
  }
}
