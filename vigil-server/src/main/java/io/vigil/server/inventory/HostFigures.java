package io.vigil.server.inventory;

import io.vigil.model.Point;
import io.vigil.server.ingest.IngestListener;
import io.vigil.server.ingest.StoredBatch;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The latest headline figures of each host, kept in memory for the host list. */
@Component
public class HostFigures implements IngestListener {

  /** Headline figures; null where not (yet) known. */
  public record Figures(
      Double cpuPct,
      Double memPct,
      Double diskMaxPct,
      Double netRxBytesPs,
      Double netTxBytesPs,
      Double load1) {
    static final Figures EMPTY = new Figures(null, null, null, null, null, null);
  }

  private final Map<String, Figures> byHost = new ConcurrentHashMap<>();

  public Figures of(String hostKey) {
    return byHost.getOrDefault(hostKey, Figures.EMPTY);
  }

  @Override
  public void onStored(StoredBatch batch) {
    Double cpu = null;
    Double mem = null;
    Double load = null;
    Double disk = null;
    Double rx = null;
    Double tx = null;
    for (Point point : batch.points()) {
      switch (point.measurement()) {
        case "cpu" -> {
          if ("total".equals(point.tags().get("cpu"))) {
            cpu = point.fields().get("used_pct");
          }
        }
        case "mem" -> mem = point.fields().get("used_pct");
        case "load" -> load = point.fields().get("load1");
        case "fs" -> disk = max(disk, point.fields().get("used_pct"));
        case "net" -> {
          if (!"lo".equals(point.tags().get("iface"))) {
            rx = sum(rx, point.fields().get("rx_bytes_ps"));
            tx = sum(tx, point.fields().get("tx_bytes_ps"));
          }
        }
        default -> {}
      }
    }
    Figures before = of(batch.hostKey());
    byHost.put(
        batch.hostKey(),
        new Figures(
            cpu != null ? cpu : before.cpuPct(),
            mem != null ? mem : before.memPct(),
            disk != null ? disk : before.diskMaxPct(),
            rx != null ? rx : before.netRxBytesPs(),
            tx != null ? tx : before.netTxBytesPs(),
            load != null ? load : before.load1()));
  }

  private static Double max(Double a, Double b) {
    if (b == null) {
      return a;
    }
    return a == null ? b : Math.max(a, b);
  }

  private static Double sum(Double a, Double b) {
    if (b == null) {
      return a;
    }
    return a == null ? b : a + b;
  }
}
