package io.vigil.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a Linux process at one instant, read from {@code /proc}.
 *
 * @param nanoTime when it was taken ({@link System#nanoTime()})
 * @param cpuTicks user plus system CPU time in clock ticks ({@code utime + stime})
 * @param rssKib resident set size ({@code VmRSS}) in KiB
 */
record ProcessSample(long nanoTime, long cpuTicks, long rssKib) {

  /**
   * Clock ticks per second. Linux has reported 100 to user space on every architecture for decades
   * ({@code USER_HZ}); {@code sysconf} is not reachable from Java without native code.
   */
  static final int TICKS_PER_SECOND = 100;

  static ProcessSample read(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      String stat = Files.readString(proc.resolve("stat"));
      String status = Files.readString(proc.resolve("status"));
      return new ProcessSample(System.nanoTime(), cpuTicks(stat), rssKib(status));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/" + pid + " (has it exited?)", e);
    }
  }

  /**
   * utime + stime from a {@code /proc/PID/stat} line. The command name (field 2) is in parentheses
   * and may itself hold spaces and parentheses, so fields are counted after its last ')'.
   */
  static long cpuTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/PID/stat line");
    }
    String[] f = stat.substring(close + 2).trim().split(" +");
    // f[0] is field 3 (state); utime and stime are fields 14 and 15.
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /** VmRSS in KiB from {@code /proc/PID/status}; 0 for a zombie, which has none. */
  static long rssKib(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
      }
    }
    return 0;
  }

  /** CPU used between {@code earlier} and this sample, in percent of one core. */
  double cpuPercentSince(ProcessSample earlier) {
    double seconds = (nanoTime - earlier.nanoTime) / 1e9;
    if (seconds <= 0) {
      return 0;
    }
    return 100.0 * (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND / seconds;
  }

  /** CPU seconds used between {@code earlier} and this sample. */
  double cpuSecondsSince(ProcessSample earlier) {
    return (double) (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND;
  }
}
