package io.vigil.agent.collect;

import java.io.File;

/**
 * The four {@code /proc/meminfo} figures of the {@code mem} and {@code swap} items, read once per
 * collection round for both (a reading younger than a second is reused). OSHI reads and
 * regex-splits the whole file into strings twice, once per item.
 */
final class MemInfo {

  static final String PATH = "/proc/meminfo";
  static final int MEM_TOTAL = 0;
  static final int MEM_AVAILABLE = 1;
  static final int SWAP_TOTAL = 2;
  static final int SWAP_FREE = 3;

  private static final long REUSE_NANOS = 1_000_000_000L;
  private static final byte[][] KEYS = {
    bytes("MemTotal:"), bytes("MemAvailable:"), bytes("SwapTotal:"), bytes("SwapFree:")
  };

  private final String path;
  private final KernelText text = new KernelText(2048);
  private final long[] values = new long[KEYS.length];
  private long readAt;
  private boolean valid;

  MemInfo(String path) {
    this.path = path;
  }

  static boolean supported() {
    return new File(PATH).canRead();
  }

  /** A figure in bytes, or -1 when the file or the line is missing. */
  long get(int which) {
    long now = System.nanoTime();
    if (!valid || now - readAt > REUSE_NANOS) {
      valid = text.read(path);
      readAt = now;
      if (valid) {
        parse(text.bytes(), text.length(), values);
      }
    }
    return valid ? values[which] : -1;
  }

  /** Lines {@code Key: 123 kB}; each value in bytes (kB are KiB), -1 when absent. */
  static void parse(byte[] b, int n, long[] out) {
    java.util.Arrays.fill(out, -1);
    int line = 0;
    while (line < n) {
      int end = KernelText.lineEnd(b, line, n);
      int keyEnd = KernelText.tokenEnd(b, line, end);
      for (int k = 0; k < KEYS.length; k++) {
        if (KernelText.equalsAscii(b, line, keyEnd, KEYS[k])) {
          int start = KernelText.skipBlanks(b, keyEnd, end);
          int numberEnd = KernelText.tokenEnd(b, start, end);
          long v = KernelText.number(b, start, numberEnd);
          int unit = KernelText.skipBlanks(b, numberEnd, end);
          out[k] = unit < end && b[unit] == 'k' ? v * 1024 : v;
          break;
        }
      }
      line = end + 1;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
