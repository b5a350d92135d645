package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.software.os.OperatingSystem;

/**
 * {@code proc{by,pid,name,user}}: the top processes by CPU and by resident memory. CPU and I/O are
 * rates, so a process is reported from its second sighting on; the first collection after start
 * only records the baseline.
 */
public final class ProcCollector implements Collector {

  static final int TOP = 10;

  /**
   * pid plus start time: a recycled pid must not inherit another process's counters. A class, not a
   * record: a record's equals/hashCode go through invokedynamic method handles, which cost
   * microseconds per call in the interpreter the agent runs in, and there are several per process.
   */
  static final class ProcKey {
    private final int pid;
    private final long startTime;

    ProcKey(int pid, long startTime) {
      this.pid = pid;
      this.startTime = startTime;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ProcKey k && k.pid == pid && k.startTime == startTime;
    }

    @Override
    public int hashCode() {
      return pid * 31 + (int) (startTime ^ (startTime >>> 32));
    }
  }

  /** One process with its rates, ready to rank. */
  record Sample(
      int pid, String name, double cpuPct, long rssBytes, double readPs, double writePs) {}

  private final ProcSource source;
  private final CounterRates<ProcKey> rates = new CounterRates<>();

  public ProcCollector(OperatingSystem os, long pageSize) {
    this(
        os,
        pageSize,
        LinuxProcSource.available() ? new ProcListing(new java.io.File("/proc")) : null);
  }

  /**
   * @param listing the /proc listing shared with the {@code system} item; null off Linux
   */
  ProcCollector(OperatingSystem os, long pageSize, ProcListing listing) {
    this(listing != null ? new LinuxProcSource(listing, pageSize) : new OshiProcSource(os));
  }

  ProcCollector(ProcSource source) {
    this.source = source;
  }

  @Override
  public String key() {
    return "proc";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    List<ProcSource.Snapshot> processes = source.snapshot();
    List<Sample> samples = new ArrayList<>(processes.size());
    Set<ProcKey> live = new HashSet<>(processes.size() * 2);
    for (ProcSource.Snapshot p : processes) {
      ProcKey key = new ProcKey(p.pid(), p.startTime());
      live.add(key);
      double[] r =
          rates.update(
              key,
              nanoTime,
              p.cpuMillis(),
              Math.max(0, p.readBytes()),
              Math.max(0, p.writeBytes()));
      if (r == null) {
        continue;
      }
      samples.add(
          new Sample(
              p.pid(),
              p.name(), // cleaned for the tag only if it makes a top list
              // CPU milliseconds per second / 10 = percent of one core, as top(1) shows it.
              zeroIfNaN(r[0]) / 10.0,
              Math.max(0, p.rssBytes()),
              zeroIfNaN(r[1]),
              zeroIfNaN(r[2])));
    }
    rates.retainOnly(live);
    Map<Integer, String> users = new HashMap<>();
    rank("cpu", top(samples, true), timestampMillis, users, out);
    rank("mem", top(samples, false), timestampMillis, users, out);
  }

  /**
   * The first {@link #TOP} samples by CPU (or resident memory) descending, then pid ascending: a
   * bounded insertion instead of sorting every process with comparator lambdas.
   */
  static Sample[] top(List<Sample> samples, boolean byCpu) {
    Sample[] best = new Sample[Math.min(TOP, samples.size())];
    int size = 0;
    for (Sample s : samples) {
      int at = size;
      while (at > 0 && before(s, best[at - 1], byCpu)) {
        at--;
      }
      if (at >= best.length) {
        continue;
      }
      int moved = Math.min(size, best.length - 1) - at;
      System.arraycopy(best, at, best, at + 1, moved);
      best[at] = s;
      if (size < best.length) {
        size++;
      }
    }
    return best;
  }

  /** Whether {@code a} ranks before {@code b}. */
  private static boolean before(Sample a, Sample b, boolean byCpu) {
    int c =
        byCpu ? Double.compare(b.cpuPct(), a.cpuPct()) : Long.compare(b.rssBytes(), a.rssBytes());
    return c < 0 || (c == 0 && a.pid() < b.pid());
  }

  private void rank(
      String by, Sample[] sorted, long ts, Map<Integer, String> users, List<Point> out) {
    for (int i = 0; i < sorted.length; i++) {
      Sample s = sorted[i];
      Map<String, Double> fields = new HashMap<>(8);
      fields.put("rank", (double) (i + 1));
      fields.put("cpu_pct", s.cpuPct());
      fields.put("rss_bytes", (double) s.rssBytes());
      fields.put("read_bytes_ps", s.readPs());
      fields.put("write_bytes_ps", s.writePs());
      out.add(
          new Point(
              "proc",
              Map.of(
                  "by", by,
                  "pid", Integer.toString(s.pid()),
                  "name", TagValues.clean(s.name(), "?"),
                  "user", TagValues.clean(users.computeIfAbsent(s.pid(), source::user), "unknown")),
              fields,
              ts));
    }
  }

  private static double zeroIfNaN(double v) {
    return Double.isNaN(v) ? 0.0 : v;
  }
}
