package io.vigil.agent.collect;

import java.io.File;

/**
 * The per-disk counters of the {@code disk} item from one read of {@code /proc/diskstats}. OSHI's
 * {@code HWDiskStore.updateAttributes()} re-enumerates every udev block device to refresh one disk,
 * per disk and collection; the kernel prints the same counters (the ones in {@code
 * /sys/block/NAME/stat}, which OSHI reads) for all devices in this one file.
 */
final class DiskStats {

  static final int READS = 0;
  static final int READ_BYTES = 1;
  static final int WRITES = 2;
  static final int WRITE_BYTES = 3;

  /** I/Os in flight right now: OSHI's current queue length. */
  static final int IN_FLIGHT = 4;

  /** Milliseconds the device was busy: OSHI's transfer time. */
  static final int IO_TICKS = 5;

  static final int COUNT = 6;

  static final String PATH = "/proc/diskstats";

  /** Sectors in /proc/diskstats are 512 bytes whatever the device's own sector size. */
  private static final long SECTOR_BYTES = 512;

  private final KernelText text = new KernelText(4096);
  private final String path;

  DiskStats(String path) {
    this.path = path;
  }

  static boolean supported() {
    return new File(PATH).canRead();
  }

  /**
   * Reads the counters of {@code names[i]} into {@code values[i * COUNT ...]} and sets {@code
   * found[i]}; false when the file could not be read at all.
   */
  boolean read(byte[][] names, long[] values, boolean[] found) {
    if (!text.read(path)) {
      return false;
    }
    parse(text.bytes(), text.length(), names, values, found);
    return true;
  }

  /**
   * Parses diskstats lines: {@code major minor name} and then, counting from 0, reads completed
   * (0), sectors read (2), writes completed (4), sectors written (6), I/Os in progress (8) and
   * milliseconds spent doing I/O (9).
   */
  static void parse(byte[] b, int n, byte[][] names, long[] values, boolean[] found) {
    java.util.Arrays.fill(found, false);
    int line = 0;
    while (line < n) {
      int end = KernelText.lineEnd(b, line, n);
      int i = KernelText.skipBlanks(b, line, end);
      i = KernelText.skipBlanks(b, KernelText.tokenEnd(b, i, end), end); // major
      i = KernelText.skipBlanks(b, KernelText.tokenEnd(b, i, end), end); // minor
      int nameEnd = KernelText.tokenEnd(b, i, end);
      for (int d = 0; d < names.length; d++) {
        if (!found[d] && KernelText.equalsAscii(b, i, nameEnd, names[d])) {
          found[d] = fields(b, nameEnd, end, values, d * COUNT);
          break;
        }
      }
      line = end + 1;
    }
  }

  private static boolean fields(byte[] b, int from, int end, long[] values, int at) {
    int i = from;
    for (int field = 0; field <= 9; field++) {
      i = KernelText.skipBlanks(b, i, end);
      if (i >= end) {
        return false; // a truncated line
      }
      int tokenEnd = KernelText.tokenEnd(b, i, end);
      switch (field) {
        case 0 -> values[at + READS] = KernelText.number(b, i, tokenEnd);
        case 2 -> values[at + READ_BYTES] = KernelText.number(b, i, tokenEnd) * SECTOR_BYTES;
        case 4 -> values[at + WRITES] = KernelText.number(b, i, tokenEnd);
        case 6 -> values[at + WRITE_BYTES] = KernelText.number(b, i, tokenEnd) * SECTOR_BYTES;
        case 8 -> values[at + IN_FLIGHT] = KernelText.number(b, i, tokenEnd);
        case 9 -> values[at + IO_TICKS] = KernelText.number(b, i, tokenEnd);
        default -> {}
      }
      i = tokenEnd;
    }
    return true;
  }
}
