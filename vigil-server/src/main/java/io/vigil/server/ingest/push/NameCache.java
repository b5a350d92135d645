package io.vigil.server.ingest.push;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes the names and tag values of line-protocol lines, keeping the recent ones so the same
 * bytes on the next line give the same {@link String} without decoding or allocating again (a
 * request repeats its measurement, tag and field names on every line). Strict UTF-8: invalid bytes
 * are refused, never replaced. One instance per request (not thread-safe).
 */
final class NameCache {

  /** The bytes are not valid UTF-8. */
  static final class InvalidUtf8Exception extends Exception {
    InvalidUtf8Exception() {
      super("not valid UTF-8", null, false, false);
    }
  }

  private final byte[][] keys;
  private final String[] values;
  private final int mask;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /**
   * @param slots a power of two: how many distinct texts are kept
   */
  NameCache(int slots) {
    this.keys = new byte[slots][];
    this.values = new String[slots];
    this.mask = slots - 1;
  }

  String get(byte[] bytes, int from, int to) throws InvalidUtf8Exception {
    int hash = 0x811c9dc5;
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      hash = (hash ^ bytes[i]) * 0x01000193;
      ascii &= bytes[i] >= 0;
    }
    int slot = (hash ^ (hash >>> 16)) & mask;
    byte[] key = keys[slot];
    if (key != null && Arrays.equals(key, 0, key.length, bytes, from, to)) {
      return values[slot];
    }
    String value = decode(bytes, from, to, ascii);
    keys[slot] = Arrays.copyOfRange(bytes, from, to);
    values[slot] = value;
    return value;
  }

  /** Decodes without keeping the result (string field values, which rarely repeat). */
  String decode(byte[] bytes, int from, int to) throws InvalidUtf8Exception {
    boolean ascii = true;
    for (int i = from; i < to && ascii; i++) {
      ascii = bytes[i] >= 0;
    }
    return decode(bytes, from, to, ascii);
  }

  private String decode(byte[] bytes, int from, int to, boolean ascii) throws InvalidUtf8Exception {
    if (ascii) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, from, to - from));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new InvalidUtf8Exception();
    }
  }
}
