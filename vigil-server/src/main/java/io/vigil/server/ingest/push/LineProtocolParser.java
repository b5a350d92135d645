package io.vigil.server.ingest.push;

import io.vigil.server.ingest.mapping.ForeignSample;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses InfluxDB line protocol from a stream, one line at a time, straight from the bytes (no
 * regular expressions, no line strings): {@code measurement[,tag=value...] field=value[,...]
 * [timestamp]}. Escapes as InfluxDB's: {@code \,} and {@code \ } in measurements, also {@code \=}
 * in tag keys, tag values and field keys, {@code \"} and {@code \\} in string field values (which
 * may span lines); a backslash before anything else is kept. Field values: floats ({@code 1},
 * {@code -1.5e3}; no NaN or infinity), integers ({@code 12i}), unsigned integers ({@code 12u}),
 * booleans ({@code t}, {@code true}, {@code F}…, read as 1/0) and strings. Blank lines and {@code
 * #} comments are skipped. A line without a timestamp gets the request's time.
 *
 * <p>Every sample goes to the {@link Sink} with the number of the line it starts on; a bad line is
 * refused with its number and the reason, and parsing goes on after it. Memory: one buffer that
 * grows to the longest line (at most {@code maxLineBytes}; a longer line is refused and skipped).
 */
final class LineProtocolParser {

  /** Receives what the parser finds, in order. */
  interface Sink {
    void sample(int line, ForeignSample sample);

    void refuse(int line, String reason);
  }

  /** The data ends mid-line and more is coming: read more and parse the line again. */
  private static final class Incomplete extends Exception {
    Incomplete() {
      super(null, null, false, false);
    }
  }

  /** A malformed line, with where the parser stopped (parsing resumes after the next newline). */
  private static final class BadLine extends Exception {
    final int at;

    BadLine(String reason, int at) {
      super(reason, null, false, false);
      this.at = at;
    }
  }

  private static final Incomplete INCOMPLETE = new Incomplete();
  private static final int END = -1;
  private static final int INITIAL_BUFFER = 64 * 1024;
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private final Precision precision;
  private final long defaultTimestamp;
  private final int maxLineBytes;
  private final NameCache names = new NameCache(16384);
  private byte[] buf = new byte[INITIAL_BUFFER];
  private byte[] scratch = new byte[256];
  private int pos;
  private int limit;
  private boolean eof;

  /** The number of the line at {@link #pos}, counting from 1. */
  private int line = 1;

  /**
   * @param precision the unit of the lines' timestamps
   * @param defaultTimestamp epoch millis for lines without a timestamp
   * @param maxLineBytes the longest line accepted
   */
  LineProtocolParser(Precision precision, long defaultTimestamp, int maxLineBytes) {
    this.precision = precision;
    this.defaultTimestamp = defaultTimestamp;
    this.maxLineBytes = maxLineBytes;
  }

  /** Lines started so far (the last one's number once the stream is parsed). */
  int lines() {
    return line;
  }

  /**
   * Parses the whole stream into the sink.
   *
   * @throws IOException from the stream only; malformed input goes to {@link Sink#refuse}
   */
  void parse(InputStream in, Sink sink) throws IOException {
    while (pos < limit || !eof) {
      int start = pos;
      int startLine = line;
      try {
        parseLine(sink);
      } catch (Incomplete e) {
        pos = start;
        line = startLine;
        if (!fill(in)) {
          sink.refuse(startLine, "the line is longer than " + maxLineBytes + " bytes");
          skipRestOfLine(in);
        }
      } catch (BadLine e) {
        sink.refuse(startLine, e.getMessage());
        if (e.at <= start) {
          line = startLine; // skipping from the start counts the line's newlines again
        }
        pos = e.at;
        skipRestOfLine(in);
      }
    }
  }

  /**
   * Reads more input after the unparsed bytes from {@link #pos}, moving them to the front and
   * growing the buffer as needed; false when the line at {@link #pos} outgrew the limit. Sets
   * {@link #eof} at the end of the stream.
   */
  private boolean fill(InputStream in) throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      if (buf.length > maxLineBytes + 2) {
        return false;
      }
      buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLineBytes + 3));
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
    return true;
  }

  /** Skips to after the next newline from {@link #pos}, reading more as needed. */
  private void skipRestOfLine(InputStream in) throws IOException {
    while (true) {
      while (pos < limit) {
        if (buf[pos++] == '\n') {
          line++;
          return;
        }
      }
      if (eof) {
        return;
      }
      pos = limit = 0;
      readMore(in);
    }
  }

  private void readMore(InputStream in) throws IOException {
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /**
   * The byte at {@code i} (0..255), {@link #END} at the end of the input; a line that runs past
   * {@code maxLineBytes} is refused here, wherever the parser is in it.
   */
  private int at(int i) throws Incomplete, BadLine {
    if (i - pos > maxLineBytes) {
      throw new BadLine("the line is longer than " + maxLineBytes + " bytes", pos);
    }
    if (i < limit) {
      return buf[i] & 0xFF;
    }
    if (eof) {
      return END;
    }
    throw INCOMPLETE;
  }

  private void parseLine(Sink sink) throws Incomplete, BadLine {
    int i = skipBlanks(pos);
    int c = at(i);
    if (c == END) {
      pos = i;
      return;
    }
    if (c == '\n' || (c == '\r' && at(i + 1) == '\n')) {
      endLine(c == '\r' ? i + 2 : i + 1);
      return;
    }
    if (c == '#') {
      while ((c = at(i)) != '\n' && c != END) {
        i++;
      }
      endLine(c == END ? i : i + 1);
      return;
    }
    int lineNumber = line;
    int end = nameEnd(i, false);
    if (end == i) {
      throw new BadLine("missing measurement", i);
    }
    String measurement = name(i, end, false);
    i = end;
    Map<String, String> tags = Map.of();
    while (at(i) == ',') {
      int keyEnd = nameEnd(i + 1, true);
      if (at(keyEnd) != '=' || keyEnd == i + 1) {
        throw new BadLine("missing tag key or '='", keyEnd);
      }
      int valueEnd = tagValueEnd(keyEnd + 1);
      if (valueEnd == keyEnd + 1) {
        throw new BadLine("missing tag value", valueEnd);
      }
      if (tags.isEmpty()) {
        tags = new HashMap<>(8);
      }
      tags.put(name(i + 1, keyEnd, true), name(keyEnd + 1, valueEnd, true));
      i = valueEnd;
    }
    c = at(i);
    if (c != ' ' && c != '\t') {
      throw new BadLine("missing fields", i);
    }
    i = skipBlanks(i);
    Map<String, Double> numbers = new HashMap<>(32);
    Map<String, String> texts = Map.of();
    while (true) {
      int keyEnd = nameEnd(i, true);
      if (at(keyEnd) != '=' || keyEnd == i) {
        String reason =
            keyEnd != i
                ? "missing field value"
                : at(keyEnd) == '=' ? "missing field key" : "missing fields";
        throw new BadLine(reason, keyEnd);
      }
      String key = name(i, keyEnd, true);
      i = keyEnd + 1;
      c = at(i);
      if (c == '"') {
        int close = stringEnd(i + 1);
        if (texts.isEmpty()) {
          texts = new HashMap<>(4);
        }
        texts.put(key, stringValue(i + 1, close));
        numbers.remove(key);
        i = close + 1;
      } else {
        int valueEnd = tokenEnd(i);
        if (valueEnd == i) {
          throw new BadLine("missing value of field " + key, i);
        }
        numbers.put(key, number(i, valueEnd, key));
        if (!texts.isEmpty()) {
          texts.remove(key);
        }
        i = valueEnd;
      }
      c = at(i);
      if (c == ',') {
        i++;
        continue;
      }
      break;
    }
    long timestamp = defaultTimestamp;
    i = skipBlanks(i);
    c = at(i);
    if (c != '\n' && c != '\r' && c != END) {
      int stampEnd = tokenEnd(i);
      timestamp = timestamp(i, stampEnd);
      i = skipBlanks(stampEnd);
      c = at(i);
    }
    if (c == '\r' && at(i + 1) == '\n') {
      i++;
      c = '\n';
    }
    if (c != '\n' && c != END) {
      throw new BadLine("unexpected text after the fields", i);
    }
    endLine(c == END ? i : i + 1);
    sink.sample(lineNumber, new ForeignSample(measurement, tags, numbers, texts, timestamp));
  }

  private void endLine(int next) {
    pos = next;
    line++;
  }

  private int skipBlanks(int i) throws Incomplete, BadLine {
    int c;
    while ((c = at(i)) == ' ' || c == '\t') {
      i++;
    }
    return i;
  }

  /**
   * The end of a measurement name (at an unescaped comma or space) or, for {@code keyLike}, of a
   * tag or field key (also at an unescaped {@code =}).
   */
  private int nameEnd(int i, boolean keyLike) throws Incomplete, BadLine {
    while (true) {
      int c = at(i);
      if (c == END || c == '\n' || c == ',' || c == ' ' || c == '\t' || (keyLike && c == '=')) {
        return i;
      }
      if (c == '\\') {
        int next = at(i + 1);
        if (next == '\n') {
          throw new BadLine("a line ends in a backslash", i + 1);
        }
        if (next == ',' || next == ' ' || (keyLike && next == '=')) {
          i++;
        }
      }
      i++;
    }
  }

  /** The end of a tag value: an unescaped comma or space (an {@code =} is literal). */
  private int tagValueEnd(int i) throws Incomplete, BadLine {
    while (true) {
      int c = at(i);
      if (c == END || c == '\n' || c == ',' || c == ' ' || c == '\t') {
        return i;
      }
      if (c == '\\') {
        int next = at(i + 1);
        if (next == '\n') {
          throw new BadLine("a line ends in a backslash", i + 1);
        }
        if (next == ',' || next == ' ' || next == '=') {
          i++;
        }
      }
      i++;
    }
  }

  /** Decodes a name or tag value, removing escapes when there are any. */
  private String name(int from, int to, boolean keyLike) throws BadLine {
    int backslash = -1;
    for (int i = from; i < to; i++) {
      if (buf[i] == '\\') {
        backslash = i;
        break;
      }
    }
    try {
      if (backslash < 0) {
        return names.get(buf, from, to);
      }
      if (scratch.length < to - from) {
        scratch = new byte[Math.max(scratch.length * 2, to - from)];
      }
      int n = 0;
      for (int i = from; i < to; i++) {
        byte b = buf[i];
        if (b == '\\' && i + 1 < to) {
          byte next = buf[i + 1];
          if (next == ',' || next == ' ' || next == '=') {
            b = next;
            i++;
          }
        }
        scratch[n++] = b;
      }
      return names.get(scratch, 0, n);
    } catch (NameCache.InvalidUtf8Exception e) {
      throw new BadLine("not valid UTF-8", to);
    }
  }

  /** The index of the closing quote of a string value starting at {@code i}. */
  private int stringEnd(int i) throws Incomplete, BadLine {
    while (true) {
      int c = at(i);
      if (c == END) {
        throw new BadLine("a string field value has no closing quote", i);
      }
      if (c == '"') {
        return i;
      }
      if (c == '\\' && (at(i + 1) == '"' || at(i + 1) == '\\')) {
        i++;
      } else if (c == '\n') {
        line++; // a string may span lines; the sample keeps the number of its first line
      }
      i++;
    }
  }

  private String stringValue(int from, int to) throws BadLine {
    if (scratch.length < to - from) {
      scratch = new byte[Math.max(scratch.length * 2, to - from)];
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      byte b = buf[i];
      if (b == '\\' && i + 1 < to && (buf[i + 1] == '"' || buf[i + 1] == '\\')) {
        b = buf[++i];
      }
      scratch[n++] = b;
    }
    try {
      return names.decode(scratch, 0, n);
    } catch (NameCache.InvalidUtf8Exception e) {
      throw new BadLine("not valid UTF-8", to);
    }
  }

  /** The end of an unquoted field value or timestamp. */
  private int tokenEnd(int i) throws Incomplete, BadLine {
    int c;
    while ((c = at(i)) != END && c != ',' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      i++;
    }
    return i;
  }

  /** A float, integer ({@code i}), unsigned ({@code u}) or boolean field value. */
  private double number(int from, int to, String key) throws BadLine {
    byte first = buf[from];
    byte last = buf[to - 1];
    if (first == 't' || first == 'T' || first == 'f' || first == 'F') {
      return bool(from, to, key);
    }
    if (last == 'i') {
      return integer(from, to - 1, key, false);
    }
    if (last == 'u') {
      return integer(from, to - 1, key, true);
    }
    return decimal(from, to, key);
  }

  private double bool(int from, int to, String key) throws BadLine {
    return switch (ascii(from, to)) {
      case "t", "T", "true", "True", "TRUE" -> 1.0;
      case "f", "F", "false", "False", "FALSE" -> 0.0;
      default -> throw new BadLine("invalid boolean value of field " + key, from);
    };
  }

  private double integer(int from, int to, String key, boolean unsigned) throws BadLine {
    int i = from;
    boolean negative = !unsigned && i < to && buf[i] == '-';
    if (negative) {
      i++;
    }
    if (i == to) {
      throw new BadLine("invalid integer value of field " + key, from);
    }
    long value = 0;
    for (; i < to; i++) {
      int digit = buf[i] - '0';
      if (digit < 0 || digit > 9) {
        throw new BadLine("invalid integer value of field " + key, from);
      }
      if (unsigned) {
        if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
          throw new BadLine("unsigned value of field " + key + " is out of range", from);
        }
        value = value * 10 + digit;
      } else {
        // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
        if (value < (Long.MIN_VALUE + digit) / 10) {
          throw new BadLine("integer value of field " + key + " is out of range", from);
        }
        value = value * 10 - digit;
      }
    }
    if (unsigned) {
      return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }
    if (!negative && value == Long.MIN_VALUE) {
      throw new BadLine("integer value of field " + key + " is out of range", from);
    }
    return negative ? value : -value;
  }

  /**
   * A float as Go's ParseFloat reads InfluxDB's (digits, one point, an exponent), finite only. Up
   * to 15 significant digits without an exponent take a fast exact path.
   */
  private double decimal(int from, int to, String key) throws BadLine {
    int i = from;
    boolean negative = buf[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    boolean point = false;
    boolean exponent = false;
    boolean anyDigit = false;
    for (int j = i; j < to; j++) {
      byte b = buf[j];
      if (b >= '0' && b <= '9') {
        anyDigit = true;
        if (!exponent) {
          if (mantissa != 0 || b != '0') {
            digits++;
          }
          if (digits <= 18) {
            mantissa = mantissa * 10 + (b - '0');
          }
          if (point) {
            scale++;
          }
        }
      } else if (b == '.' && !point && !exponent) {
        point = true;
      } else if ((b == 'e' || b == 'E') && !exponent && anyDigit) {
        exponent = true;
        if (j + 1 < to && (buf[j + 1] == '-' || buf[j + 1] == '+')) {
          j++;
        }
        if (j + 1 >= to) {
          throw new BadLine("invalid number value of field " + key, from);
        }
      } else {
        throw new BadLine("invalid number value of field " + key, from);
      }
    }
    if (!anyDigit) {
      throw new BadLine("invalid number value of field " + key, from);
    }
    if (!exponent && digits <= 15 && scale < POWERS_OF_TEN.length) {
      double value = mantissa / POWERS_OF_TEN[scale];
      return negative ? -value : value;
    }
    double value = Double.parseDouble(ascii(from, to));
    if (!Double.isFinite(value)) {
      throw new BadLine("value of field " + key + " is out of range", from);
    }
    return value;
  }

  private long timestamp(int from, int to) throws BadLine {
    int i = from;
    boolean negative = buf[i] == '-';
    if (negative) {
      i++;
    }
    if (i == to) {
      throw new BadLine("invalid timestamp", from);
    }
    long value = 0;
    for (; i < to; i++) {
      int digit = buf[i] - '0';
      if (digit < 0 || digit > 9) {
        throw new BadLine("invalid timestamp", from);
      }
      if (value > (Long.MAX_VALUE - digit) / 10) {
        throw new BadLine("timestamp out of range", from);
      }
      value = value * 10 + digit;
    }
    try {
      return precision.toMillis(negative ? -value : value);
    } catch (ArithmeticException e) {
      throw new BadLine("timestamp out of range", from);
    }
  }

  private String ascii(int from, int to) {
    return new String(buf, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
