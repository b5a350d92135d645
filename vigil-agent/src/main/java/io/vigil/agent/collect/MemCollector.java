package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.List;
import java.util.Map;
import oshi.hardware.GlobalMemory;

/** {@code mem}: physical memory; "used" is total minus available, as free(1) reports it. */
public final class MemCollector implements Collector {

  private final GlobalMemory memory;

  public MemCollector(GlobalMemory memory) {
    this.memory = memory;
  }

  @Override
  public String key() {
    return "mem";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    double total = memory.getTotal();
    double available = memory.getAvailable();
    double used = Math.max(0, total - available);
    out.add(
        new Point(
            "mem",
            Map.of(),
            Map.of(
                "total_bytes", total,
                "used_bytes", used,
                "available_bytes", available,
                "used_pct", TagValues.pct(used, total)),
            timestampMillis));
  }
}
