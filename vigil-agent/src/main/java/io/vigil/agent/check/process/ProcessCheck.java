package io.vigil.agent.check.process;

import io.vigil.agent.collect.LinuxProcSource;
import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import oshi.SystemInfo;

/**
 * Counts the processes that match a {@link ProcessMatch} and sums their CPU and resident memory.
 * Reads {@code /proc} through the agent's {@link LinuxProcSource} (Linux only).
 *
 * <p>Metrics: {@code count}; {@code rss_bytes} (sum); {@code cpu_pct}, the CPU time the matching
 * processes used since the previous run as a percentage of one CPU (two busy cores = 200), as
 * {@code top} shows it. CPU needs two snapshots, so the first run has no {@code cpu_pct}; a process
 * counts from the second run that sees it (a pid reused by a new process is a new process). The
 * agent's own process is never counted, as {@code pgrep} leaves itself out.
 *
 * <p>Status: CRITICAL when the count is outside the expected range ("2 processes match, expected
 * 1..1"), OK otherwise. An instance keeps the previous CPU times, so it belongs to one configured
 * check; runs are serialized.
 */
public final class ProcessCheck {

  /** Pids listed in a message, at most. */
  static final int MAX_PIDS_IN_MESSAGE = 10;

  private record Identity(int pid, long startTime) {}

  private final ProcessMatch match;
  private final ProcessTable table;
  private final LongSupplier nanoTime;
  private final long ownPid;
  private Map<Identity, Long> previousCpu;
  private long previousAt;

  ProcessCheck(ProcessMatch match, ProcessTable table, LongSupplier nanoTime, long ownPid) {
    this.match = Objects.requireNonNull(match, "match");
    this.table = Objects.requireNonNull(table, "table");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.ownPid = ownPid;
  }

  /** A check of this host's processes. */
  public static ProcessCheck onThisHost(ProcessMatch match) {
    long pageSize = new SystemInfo().getHardware().getMemory().getPageSize();
    return new ProcessCheck(
        match, ProcessTable.linux(pageSize), System::nanoTime, ProcessHandle.current().pid());
  }

  public ProcessMatch match() {
    return match;
  }

  public synchronized CheckOutcome run() {
    List<LinuxProcSource.Process> matching = matching(table.processes());
    long now = nanoTime.getAsLong();
    Map<Identity, Long> cpu = new HashMap<>();
    long rss = 0;
    long cpuDelta = 0;
    for (LinuxProcSource.Process p : matching) {
      rss += p.rssBytes();
      Identity id = new Identity(p.pid(), p.startTime());
      cpu.put(id, p.cpuMillis());
      Long before = previousCpu == null ? null : previousCpu.get(id);
      if (before != null) {
        cpuDelta += Math.max(0, p.cpuMillis() - before);
      }
    }
    double cpuPct = Double.NaN; // dropped from the metrics on the first run
    if (previousCpu != null && now > previousAt) {
      cpuPct = cpuDelta * 100.0 / ((now - previousAt) / 1_000_000.0);
    }
    previousCpu = cpu;
    previousAt = now;

    int count = matching.size();
    Map<String, Double> metrics = new HashMap<>();
    metrics.put("count", (double) count);
    metrics.put("rss_bytes", (double) rss);
    metrics.put("cpu_pct", cpuPct);
    CheckStatus status = match.countAllowed(count) ? CheckStatus.OK : CheckStatus.CRITICAL;
    return new CheckOutcome(status, message(matching, status), metrics);
  }

  private String message(List<LinuxProcSource.Process> matching, CheckStatus status) {
    int count = matching.size();
    StringBuilder m = new StringBuilder();
    m.append(count).append(count == 1 ? " process matches" : " processes match");
    if (status != CheckStatus.OK) {
      m.append(", expected ").append(match.expected());
    }
    if (count > 0) {
      m.append(count == 1 ? " (pid " : " (pids ");
      for (int i = 0; i < Math.min(count, MAX_PIDS_IN_MESSAGE); i++) {
        m.append(i == 0 ? "" : ", ").append(matching.get(i).pid());
      }
      m.append(count > MAX_PIDS_IN_MESSAGE ? ", …)" : ")");
    }
    return m.toString();
  }

  /** Cheapest test first: the name is in hand, the command line and user cost a file read. */
  private List<LinuxProcSource.Process> matching(List<LinuxProcSource.Process> processes) {
    List<LinuxProcSource.Process> out = new ArrayList<>();
    for (LinuxProcSource.Process p : processes) {
      if (p.pid() == ownPid || !match.nameMatches(p.name())) {
        continue;
      }
      if (match.commandLine() != null) {
        String args = table.commandLine(p.pid());
        if (args == null) {
          continue; // ended meanwhile
        }
        if (!match.commandLine().matcher(args.isEmpty() ? "[" + p.name() + "]" : args).find()) {
          continue;
        }
      }
      if (match.user() != null && !match.user().equals(table.user(p.pid()))) {
        continue;
      }
      out.add(p);
    }
    out.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
    return out;
  }
}
