package io.vigil.agent.collect;

import io.vigil.model.Point;
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
  private OSProcess self;

  public AgentSelfCollector(OperatingSystem os, Supplier<TransportFigures> transport) {
    this.os = os;
    this.transport = transport;
  }

  @Override
  public String key() {
    return "agent";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    if (self == null) {
      self = os.getCurrentProcess();
    } else {
      self.updateAttributes();
    }
    TransportFigures t = transport.get();
    Map<String, Double> fields = new HashMap<>(8);
    fields.put("spool_batches", (double) t.spoolBatches());
    fields.put("spool_bytes", (double) t.spoolBytes());
    fields.put("spool_dropped_total", (double) t.spoolDroppedTotal());
    fields.put("send_errors_total", (double) t.sendErrorsTotal());
    fields.put("rss_bytes", (double) self.getResidentMemory());
    fields.put("cpu_time_s", (self.getKernelTime() + self.getUserTime()) / 1000.0);
    out.add(new Point("agent", Map.of(), fields, timestampMillis));
  }
}
