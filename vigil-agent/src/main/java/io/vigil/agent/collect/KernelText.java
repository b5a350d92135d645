package io.vigil.agent.collect;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads whole small kernel text files ({@code /proc}, {@code /sys}) into one reused, growing
 * buffer, and parses numbers straight from the bytes. OSHI's readers go through String.format'ed
 * paths, line lists, regex splits and BigInteger per value; in the interpreter the agent runs in
 * that costs several times the system call, and all of it is garbage for the collector.
 */
final class KernelText {

  /** Files larger than this are not read in full (nothing the agent reads comes close). */
  private static final int MAX_BYTES = 4 << 20;

  private byte[] bytes;
  private int length;

  KernelText(int initialCapacity) {
    this.bytes = new byte[initialCapacity];
  }

  /** Reads the whole file; false (and no content) when it cannot be read. */
  boolean read(String path) {
    length = 0;
    try (FileInputStream in = new FileInputStream(path)) {
      int r;
      while ((r = in.read(bytes, length, bytes.length - length)) > 0) {
        length += r;
        if (length == bytes.length) {
          if (bytes.length >= MAX_BYTES) {
            break;
          }
          bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
      }
      return true;
    } catch (IOException e) {
      length = 0;
      return false;
    }
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  /** Index of the first byte at or after {@code from} that is not a space or tab. */
  static int skipBlanks(byte[] b, int from, int to) {
    while (from < to && (b[from] == ' ' || b[from] == '\t')) {
      from++;
    }
    return from;
  }

  /** Index of the first space, tab or newline at or after {@code from} (or {@code to}). */
  static int tokenEnd(byte[] b, int from, int to) {
    while (from < to && b[from] != ' ' && b[from] != '\t' && b[from] != '\n') {
      from++;
    }
    return from;
  }

  /** Index of the next newline at or after {@code from} (or {@code to}). */
  static int lineEnd(byte[] b, int from, int to) {
    while (from < to && b[from] != '\n') {
      from++;
    }
    return from;
  }

  /**
   * The decimal number in {@code b[from, to)}, ignoring anything but digits and a minus sign
   * (64-bit counters wrap the way a {@code long} does, as OSHI's unsigned parse yields them).
   */
  static long number(byte[] b, int from, int to) {
    long v = 0;
    boolean negative = false;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '-') {
        negative = true;
      } else if (c >= '0' && c <= '9') {
        v = v * 10 + (c - '0');
      }
    }
    return negative ? -v : v;
  }

  /** The integer part of the decimal number at {@code b[from, to)} ({@code 123.45} gives 123). */
  static long wholePart(byte[] b, int from, int to) {
    int end = from;
    while (end < to && b[end] != '.' && b[end] != ' ' && b[end] != '\n') {
      end++;
    }
    return number(b, from, end);
  }

  /** Whether {@code b[from, to)} holds exactly the bytes of {@code name}. */
  static boolean equalsAscii(byte[] b, int from, int to, byte[] name) {
    if (to - from != name.length) {
      return false;
    }
    for (int i = 0; i < name.length; i++) {
      if (b[from + i] != name[i]) {
        return false;
      }
    }
    return true;
  }
}
