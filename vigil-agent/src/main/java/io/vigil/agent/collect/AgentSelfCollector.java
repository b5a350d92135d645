package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** {@code agent}: the agent's own health: spool, drops, send errors, RSS and CPU time. */
public final class AgentSelfCollector implements Collector {

  /** Totals over all servers, supplied by the transport. */
  public record TransportFigures(
      long spoolBatches, long spoolBytes, long spoolDroppedTotal, long sendErrorsTotal) {}

  private final OperatingSystem os;
  private final Supplier<TransportFigures> transport;
  private final long pageSize;
  private final boolean procSelf;
  private final byte[] buffer = new byte[1024];
  private OSProcess self;

  public AgentSelfCollector(OperatingSystem os, Supplier<TransportFigures> transport) {
    this(os, transport, 0);
  }

  /**
   * @param pageSize bytes per page; when positive and /proc/self/stat is readable, RSS and CPU time
   *     are read from it directly (OSHI's process refresh reads several files per call)
   */
  public AgentSelfCollector(
      OperatingSystem os, Supplier<TransportFigures> transport, long pageSize) {
    this.os = os;
    this.transport = transport;
    this.pageSize = pageSize;
    this.procSelf = pageSize > 0 && LinuxProcSource.available();
  }

  @Override
  public String key() {
    return "agent";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    ProcSource.Snapshot stat = procSelf ? readSelf() : null;
    long rss;
    long cpuMillis;
    if (stat != null) {
      rss = stat.rssBytes();
      cpuMillis = stat.cpuMillis();
    } else {
      if (self == null) {
        self = os.getCurrentProcess();
      } else {
        self.updateAttributes();
      }
      rss = self.getResidentMemory();
      cpuMillis = self.getKernelTime() + self.getUserTime();
    }
    TransportFigures t = transport.get();
    Map<String, Double> fields = new HashMap<>(8);
    fields.put("spool_batches", (double) t.spoolBatches());
    fields.put("spool_bytes", (double) t.spoolBytes());
    fields.put("spool_dropped_total", (double) t.spoolDroppedTotal());
    fields.put("send_errors_total", (double) t.sendErrorsTotal());
    fields.put("rss_bytes", (double) rss);
    fields.put("cpu_time_s", cpuMillis / 1000.0);
    out.add(new Point("agent", Map.of(), fields, timestampMillis));
  }

  /** This process's /proc/self/stat, or null when it cannot be read or parsed. */
  private ProcSource.Snapshot readSelf() {
    try (FileInputStream in = new FileInputStream("/proc/self/stat")) {
      int n = 0;
      int r;
      while (n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0) {
        n += r;
      }
      return LinuxProcSource.parseStat(buffer, n, pageSize, new long[2]);
    } catch (IOException e) {
      return null;
    }
  }
}
