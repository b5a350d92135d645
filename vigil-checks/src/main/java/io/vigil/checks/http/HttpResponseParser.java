package io.vigil.checks.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.x response from a stream that the server closes after it ({@code Connection:
 * close}), framing the body as RFC 9112 section 6.3 says: no body for HEAD, 1xx, 204 and 304;
 * chunked when the last transfer coding is {@code chunked}; otherwise {@code Content-Length};
 * otherwise until the connection closes. Interim 1xx responses (other than 101) are skipped.
 *
 * <p>Only the first {@code captureLimit} body bytes are kept; the rest is read, counted and
 * dropped. Malformed or truncated input raises {@link HttpProtocolException}; any other {@link
 * IOException} comes from the stream itself. Lines are limited to {@link #MAX_LINE_BYTES}, header
 * fields to {@link #MAX_HEADERS}.
 */
public final class HttpResponseParser {

  public static final int MAX_LINE_BYTES = 8 * 1024;
  public static final int MAX_HEADERS = 100;
  private static final int MAX_INTERIM_RESPONSES = 10;

  private final InputStream in;
  private final int captureLimit;

  private HttpResponseParser(InputStream in, int captureLimit) {
    this.in = in;
    this.captureLimit = captureLimit;
  }

  /**
   * Parses the response.
   *
   * @param in the connection's input, not closed here
   * @param headRequest whether the request was HEAD (the response then has no body)
   * @param captureLimit how many body bytes to keep, at least 0
   */
  public static HttpResponse parse(InputStream in, boolean headRequest, int captureLimit)
      throws IOException {
    if (captureLimit < 0) {
      throw new IllegalArgumentException("captureLimit must not be negative");
    }
    return new HttpResponseParser(in, captureLimit).response(headRequest);
  }

  private HttpResponse response(boolean headRequest) throws IOException {
    for (int interim = 0; ; interim++) {
      String statusLine = readLine(interim == 0 ? "the status line" : "an interim response");
      if (statusLine == null) {
        throw new HttpProtocolException("connection closed without a response");
      }
      String[] parts = statusLine(statusLine);
      int status = Integer.parseInt(parts[1]);
      List<Map.Entry<String, String>> headers = headers();
      if (status >= 100 && status < 200 && status != 101) {
        if (interim >= MAX_INTERIM_RESPONSES) {
          throw new HttpProtocolException("too many interim 1xx responses");
        }
        continue;
      }
      Body body = new Body(captureLimit);
      boolean noBody =
          headRequest || (status >= 100 && status < 200) || status == 204 || status == 304;
      if (!noBody) {
        readBody(headers, body);
      }
      return new HttpResponse(
          parts[0], status, parts[2], headers, body.prefix.toByteArray(), body.total);
    }
  }

  private static String[] statusLine(String line) throws HttpProtocolException {
    // HTTP-version SP status-code SP [reason-phrase]; tolerate a missing SP before an empty reason.
    if (!line.startsWith("HTTP/1.")
        || line.length() < 12
        || !Character.isDigit(line.charAt(7))
        || line.charAt(8) != ' ') {
      throw new HttpProtocolException("not an HTTP/1.x status line: " + printable(line));
    }
    String code = line.substring(9, 12);
    if (!code.matches("[1-9][0-9]{2}") || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new HttpProtocolException("invalid status code in: " + printable(line));
    }
    String reason = line.length() > 13 ? line.substring(13).strip() : "";
    return new String[] {line.substring(0, 8), code, reason};
  }

  private List<Map.Entry<String, String>> headers() throws IOException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    while (true) {
      String line = readLine("the headers");
      if (line == null) {
        throw new HttpProtocolException("connection closed in the headers");
      }
      if (line.isEmpty()) {
        return headers;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (headers.isEmpty()) {
          throw new HttpProtocolException("header continuation before any header");
        }
        Map.Entry<String, String> last = headers.remove(headers.size() - 1);
        headers.add(entry(last.getKey(), last.getValue() + " " + line.strip()));
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        throw new HttpProtocolException("invalid header line: " + printable(line));
      }
      if (headers.size() >= MAX_HEADERS) {
        throw new HttpProtocolException("more than " + MAX_HEADERS + " header fields");
      }
      headers.add(entry(line.substring(0, colon), line.substring(colon + 1).strip()));
    }
  }

  private void readBody(List<Map.Entry<String, String>> headers, Body body) throws IOException {
    List<String> codings = new ArrayList<>();
    List<String> lengths = new ArrayList<>();
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("transfer-encoding")) {
        for (String coding : header.getValue().split(",")) {
          if (!coding.isBlank()) {
            codings.add(coding.strip().toLowerCase(Locale.ROOT));
          }
        }
      } else if (name.equals("content-length")) {
        for (String value : header.getValue().split(",", -1)) {
          lengths.add(value.strip());
        }
      }
    }
    if (!codings.isEmpty()) {
      if (codings.get(codings.size() - 1).equals("chunked")) {
        readChunked(body);
      } else {
        copy(Long.MAX_VALUE, body);
      }
      return;
    }
    if (!lengths.isEmpty()) {
      long length = contentLength(lengths);
      long read = copy(length, body);
      if (read < length) {
        throw new HttpProtocolException(
            "body truncated: connection closed after " + read + " of " + length + " bytes");
      }
      return;
    }
    copy(Long.MAX_VALUE, body);
  }

  private static long contentLength(List<String> values) throws HttpProtocolException {
    long length = -1;
    for (String value : values) {
      if (!value.matches("[0-9]{1,18}")) {
        throw new HttpProtocolException("invalid Content-Length: " + printable(value));
      }
      long parsed = Long.parseLong(value);
      if (length >= 0 && parsed != length) {
        throw new HttpProtocolException("conflicting Content-Length values");
      }
      length = parsed;
    }
    return length;
  }

  private void readChunked(Body body) throws IOException {
    while (true) {
      String line = readLine("a chunk size");
      if (line == null) {
        throw new HttpProtocolException("chunked body truncated: no last chunk");
      }
      int semicolon = line.indexOf(';');
      String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
      if (!hex.matches("[0-9A-Fa-f]{1,15}")) {
        throw new HttpProtocolException("invalid chunk size: " + printable(line));
      }
      long size = Long.parseLong(hex, 16);
      if (size == 0) {
        // Trailer section; a server that closes right after the last chunk is tolerated.
        for (int trailers = 0; ; trailers++) {
          String trailer = readLine("the trailers");
          if (trailer == null || trailer.isEmpty()) {
            return;
          }
          if (trailers >= MAX_HEADERS) {
            throw new HttpProtocolException("more than " + MAX_HEADERS + " trailer fields");
          }
        }
      }
      long read = copy(size, body);
      if (read < size) {
        throw new HttpProtocolException(
            "chunked body truncated: chunk of " + size + " bytes ended after " + read);
      }
      String end = readLine("a chunk end");
      if (end == null || !end.isEmpty()) {
        throw new HttpProtocolException("chunk not followed by CRLF");
      }
    }
  }

  /** Copies up to {@code max} bytes (until end of stream) into {@code body}; returns the count. */
  private long copy(long max, Body body) throws IOException {
    byte[] buffer = new byte[8192];
    long copied = 0;
    while (copied < max) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - copied));
      if (n < 0) {
        break;
      }
      body.add(buffer, n);
      copied += n;
    }
    return copied;
  }

  /**
   * One line without its CRLF (a bare LF is accepted), decoded as ISO-8859-1; null at the end of
   * the stream before any byte.
   */
  private String readLine(String where) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new HttpProtocolException("connection closed in " + where);
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new HttpProtocolException(
            "line longer than " + MAX_LINE_BYTES + " bytes in " + where);
      }
      line.write(b);
    }
  }

  private static boolean isToken(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return !text.isEmpty();
  }

  private static Map.Entry<String, String> entry(String name, String value) {
    return new AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  /** The text cut to 80 characters with control characters replaced, for messages. */
  static String printable(String text) {
    String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
    return cut.replaceAll("[\\p{Cntrl}]", "?");
  }

  /** The kept prefix of a body and its full length. */
  private static final class Body {
    private final int limit;
    private final ByteArrayOutputStream prefix;
    private long total;

    Body(int limit) {
      this.limit = limit;
      this.prefix = new ByteArrayOutputStream(Math.min(limit, 8192));
    }

    void add(byte[] bytes, int n) {
      int keep = (int) Math.max(0, Math.min(n, (long) limit - prefix.size()));
      prefix.write(bytes, 0, keep);
      total += n;
    }
  }
}
