package io.vigil.agent.collect;

import java.io.File;
import java.util.Arrays;

/**
 * The traffic counters of the {@code net} item from one read of {@code /proc/net/dev}, plus the
 * three per-interface sysfs values that file lacks or words differently. OSHI's {@code
 * NetworkIF.updateAttributes()} reads thirteen sysfs files per interface through String.format'ed
 * paths and BigInteger parsing.
 *
 * <p>The drop counter comes from {@code statistics/rx_dropped}, as in OSHI: the "drop" column of
 * /proc/net/dev adds {@code rx_missed_errors} to it.
 */
final class NetDev {

  static final int RX_BYTES = 0;
  static final int TX_BYTES = 1;
  static final int RX_PACKETS = 2;
  static final int TX_PACKETS = 3;
  static final int RX_ERRORS = 4;
  static final int TX_ERRORS = 5;
  static final int COUNT = 6;

  static final String PATH = "/proc/net/dev";
  private static final byte[] UP = {'u', 'p'};

  private final KernelText dev = new KernelText(4096);
  private final KernelText small = new KernelText(64);
  private final String path;

  NetDev(String path) {
    this.path = path;
  }

  static boolean supported() {
    return new File(PATH).canRead() && new File("/sys/class/net").isDirectory();
  }

  /** The sysfs files of one interface, resolved once per discovery. */
  static final class SysFiles {
    final String rxDropped;
    final String speed;
    final String operState;

    SysFiles(String iface) {
      String dir = "/sys/class/net/" + iface + "/";
      rxDropped = dir + "statistics/rx_dropped";
      speed = dir + "speed";
      operState = dir + "operstate";
    }
  }

  /**
   * Like {@link DiskStats#read}: the counters of {@code names[i]} into {@code values[i * COUNT]}.
   */
  boolean read(byte[][] names, long[] values, boolean[] found) {
    if (!dev.read(path)) {
      return false;
    }
    parse(dev.bytes(), dev.length(), names, values, found);
    return true;
  }

  /**
   * Parses {@code name: rx_bytes rx_packets rx_errs rx_drop fifo frame compressed multicast
   * tx_bytes tx_packets tx_errs ...}; the name may run into the first number ({@code eth0:123}).
   */
  static void parse(byte[] b, int n, byte[][] names, long[] values, boolean[] found) {
    Arrays.fill(found, false);
    int line = 0;
    while (line < n) {
      int end = KernelText.lineEnd(b, line, n);
      int start = KernelText.skipBlanks(b, line, end);
      int colon = start;
      while (colon < end && b[colon] != ':') {
        colon++;
      }
      if (colon < end) {
        for (int d = 0; d < names.length; d++) {
          if (!found[d] && KernelText.equalsAscii(b, start, colon, names[d])) {
            found[d] = fields(b, colon + 1, end, values, d * COUNT);
            break;
          }
        }
      }
      line = end + 1;
    }
  }

  private static boolean fields(byte[] b, int from, int end, long[] values, int at) {
    int i = from;
    for (int field = 0; field <= 10; field++) {
      i = KernelText.skipBlanks(b, i, end);
      if (i >= end) {
        return false;
      }
      int tokenEnd = KernelText.tokenEnd(b, i, end);
      long v = KernelText.number(b, i, tokenEnd);
      switch (field) {
        case 0 -> values[at + RX_BYTES] = v;
        case 1 -> values[at + RX_PACKETS] = v;
        case 2 -> values[at + RX_ERRORS] = v;
        case 8 -> values[at + TX_BYTES] = v;
        case 9 -> values[at + TX_PACKETS] = v;
        case 10 -> values[at + TX_ERRORS] = v;
        default -> {}
      }
      i = tokenEnd;
    }
    return true;
  }

  /** {@code statistics/rx_dropped}; 0 when unreadable, as OSHI reports it. */
  long rxDropped(SysFiles files) {
    return small.read(files.rxDropped) ? firstNumber(small.bytes(), small.length()) : 0;
  }

  /**
   * The link speed as OSHI reports it: the sysfs megabits shifted left by 20, 0 when unknown
   * ({@code -1}, or EINVAL for virtual interfaces).
   */
  long speed(SysFiles files) {
    if (!small.read(files.speed)) {
      return 0;
    }
    long mbits = firstNumber(small.bytes(), small.length());
    return mbits < 0 ? 0 : mbits << 20;
  }

  /** Whether {@code operstate} says {@code up} (OSHI's IfOperStatus.UP). */
  boolean up(SysFiles files) {
    return small.read(files.operState) && isUp(small.bytes(), small.length());
  }

  static boolean isUp(byte[] b, int n) {
    int start = KernelText.skipBlanks(b, 0, n);
    int end = KernelText.tokenEnd(b, start, n);
    return KernelText.equalsAscii(b, start, end, UP) && KernelText.skipBlanks(b, end, n) >= n - 1;
  }

  static long firstNumber(byte[] b, int n) {
    int start = KernelText.skipBlanks(b, 0, n);
    return KernelText.number(b, start, KernelText.tokenEnd(b, start, n));
  }
}
