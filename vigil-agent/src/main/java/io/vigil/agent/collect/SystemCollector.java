package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.io.File;
import java.util.List;
import java.util.Map;
import oshi.software.os.OperatingSystem;

/**
 * {@code system}: uptime, process and thread counts. On Linux read directly: whole seconds of
 * {@code /proc/uptime}, the pid directories of {@code /proc} (the listing the process item reuses)
 * and the task total of {@code /proc/loadavg} ({@code running/total}: the kernel's nr_threads, the
 * figure OSHI takes from sysinfo(2)). OSHI answers whatever cannot be read.
 */
public final class SystemCollector implements Collector {

  private final OperatingSystem os;
  private final ProcListing listing;
  private final String uptimePath;
  private final String loadavgPath;
  private final KernelText text = new KernelText(128);

  public SystemCollector(OperatingSystem os) {
    this(os, LinuxProcSource.available() ? new ProcListing(new File("/proc")) : null);
  }

  SystemCollector(OperatingSystem os, ProcListing listing) {
    this(os, listing, "/proc/uptime", "/proc/loadavg");
  }

  SystemCollector(OperatingSystem os, ProcListing listing, String uptimePath, String loadavgPath) {
    this.os = os;
    this.listing = listing;
    this.uptimePath = uptimePath;
    this.loadavgPath = loadavgPath;
  }

  @Override
  public String key() {
    return "system";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    long uptime = -1;
    long processes = -1;
    long threads = -1;
    if (listing != null) {
      if (text.read(uptimePath)) {
        uptime = uptimeSeconds(text.bytes(), text.length());
      }
      if (text.read(loadavgPath)) {
        threads = loadavgTasks(text.bytes(), text.length());
      }
      processes = listing.processCount();
    }
    out.add(
        new Point(
            "system",
            Map.of(),
            Map.of(
                "uptime_s", (double) (uptime >= 0 ? uptime : os.getSystemUptime()),
                "processes", (double) (processes >= 0 ? processes : os.getProcessCount()),
                "threads", (double) (threads >= 0 ? threads : os.getThreadCount())),
            timestampMillis));
  }

  /** Whole seconds of the first figure of /proc/uptime; -1 when malformed. */
  static long uptimeSeconds(byte[] b, int n) {
    int start = KernelText.skipBlanks(b, 0, n);
    if (start >= n || b[start] < '0' || b[start] > '9') {
      return -1;
    }
    return KernelText.wholePart(b, start, n);
  }

  /** The total after the slash in the fourth field of /proc/loadavg; -1 when malformed. */
  static long loadavgTasks(byte[] b, int n) {
    int i = 0;
    for (int field = 0; field < 3; field++) {
      i = KernelText.tokenEnd(b, KernelText.skipBlanks(b, i, n), n);
    }
    int start = KernelText.skipBlanks(b, i, n);
    int end = KernelText.tokenEnd(b, start, n);
    int slash = start;
    while (slash < end && b[slash] != '/') {
      slash++;
    }
    if (slash >= end - 1 || b[slash + 1] < '0' || b[slash + 1] > '9') {
      return -1;
    }
    return KernelText.number(b, slash + 1, end);
  }
}
