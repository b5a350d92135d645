package io.vigil.agent.collect;

import java.io.File;

/**
 * The CPU tick counters of the {@code cpu} item, total and per CPU, from one read of {@code
 * /proc/stat}. OSHI reads and regex-splits the file twice per collection (once for the total, once
 * for the CPUs). The ticks are in USER_HZ, where OSHI scales them to milliseconds; the item only
 * uses their shares, which the scale does not change.
 */
final class ProcStat {

  static final String PATH = "/proc/stat";

  /** user nice system idle iowait irq softirq steal: OSHI's TickType order. */
  static final int TICK_TYPES = 8;

  /** OSHI ignores a line with no more than user, nice and system. */
  private static final int MIN_VALUES = 4;

  private final String path;
  private final KernelText text = new KernelText(4096);

  ProcStat(String path) {
    this.path = path;
  }

  static boolean supported() {
    return new File(PATH).canRead();
  }

  /**
   * Fills {@code total} and {@code cores} (zeros where the file has nothing); false when the file
   * or its total line cannot be read.
   */
  boolean read(long[] total, long[][] cores) {
    return text.read(path) && parse(text.bytes(), text.length(), total, cores);
  }

  /**
   * Parses the {@code cpu} and {@code cpuN} lines. As in OSHI, the per-CPU lines fill {@code cores}
   * in the order they appear (an offline CPU has no line), and a short line ends the per-CPU part.
   */
  static boolean parse(byte[] b, int n, long[] total, long[][] cores) {
    java.util.Arrays.fill(total, 0);
    for (long[] core : cores) {
      java.util.Arrays.fill(core, 0);
    }
    boolean gotTotal = false;
    boolean coresDone = false;
    int core = 0;
    int line = 0;
    while (line < n) {
      int end = KernelText.lineEnd(b, line, n);
      if (end - line < 3 || b[line] != 'c' || b[line + 1] != 'p' || b[line + 2] != 'u') {
        break; // the cpu lines come first; the rest (intr, ctxt, ...) is not needed
      }
      int nameEnd = KernelText.tokenEnd(b, line, end);
      if (nameEnd - line == 3) {
        gotTotal = ticks(b, nameEnd, end, total);
      } else if (!coresDone && core < cores.length) {
        coresDone = !ticks(b, nameEnd, end, cores[core]);
        core++;
      }
      line = end + 1;
    }
    return gotTotal;
  }

  private static boolean ticks(byte[] b, int from, int end, long[] into) {
    int i = from;
    int count = 0;
    while (count < TICK_TYPES) {
      i = KernelText.skipBlanks(b, i, end);
      if (i >= end) {
        break;
      }
      int tokenEnd = KernelText.tokenEnd(b, i, end);
      into[count++] = KernelText.number(b, i, tokenEnd);
      i = tokenEnd;
    }
    if (count < MIN_VALUES) {
      java.util.Arrays.fill(into, 0);
      return false;
    }
    return true;
  }
}
