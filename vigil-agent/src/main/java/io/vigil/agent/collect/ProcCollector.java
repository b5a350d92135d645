package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.ArrayList;
import java.util.Comparator;
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

  /** pid plus start time: a recycled pid must not inherit another process's counters. */
  private record ProcKey(int pid, long startTime) {}

  /** One process with its rates, ready to rank. */
  record Sample(
      int pid, String name, double cpuPct, long rssBytes, double readPs, double writePs) {}

  private final ProcSource source;
  private final CounterRates<ProcKey> rates = new CounterRates<>();

  public ProcCollector(OperatingSystem os, long pageSize) {
    this(
        LinuxProcSource.available()
            ? new LinuxProcSource(new java.io.File("/proc"), pageSize)
            : new OshiProcSource(os));
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
              key, nanoTime, p.cpuMillis(), Math.max(0, p.readBytes()),
              Math.max(0, p.writeBytes()));
      if (r == null) {
        continue;
      }
      samples.add(
          new Sample(
              p.pid(),
              TagValues.clean(p.name(), "?"),
              // CPU milliseconds per second / 10 = percent of one core, as top(1) shows it.
              zeroIfNaN(r[0]) / 10.0,
              Math.max(0, p.rssBytes()),
              zeroIfNaN(r[1]),
              zeroIfNaN(r[2])));
    }
    rates.retainOnly(live);
    Map<Integer, String> users = new HashMap<>();
    rank(samples, "cpu", Comparator.comparingDouble(Sample::cpuPct), timestampMillis, users, out);
    rank(samples, "mem", Comparator.comparingLong(Sample::rssBytes), timestampMillis, users, out);
  }

  private void rank(
      List<Sample> samples,
      String by,
      Comparator<Sample> order,
      long ts,
      Map<Integer, String> users,
      List<Point> out) {
    List<Sample> sorted = new ArrayList<>(samples);
    sorted.sort(order.reversed().thenComparingInt(Sample::pid));
    for (int i = 0; i < Math.min(TOP, sorted.size()); i++) {
      Sample s = sorted.get(i);
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
                  "name", s.name(),
                  "user",
                      TagValues.clean(
                          users.computeIfAbsent(s.pid(), source::user), "unknown")),
              fields,
              ts));
    }
  }

  private static double zeroIfNaN(double v) {
    return Double.isNaN(v) ? 0.0 : v;
  }
}
