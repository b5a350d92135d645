package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.List;
import java.util.Map;
import oshi.hardware.GlobalMemory;

/**
 * {@code mem}: physical memory; "used" is total minus available, as free(1) reports it. On Linux
 * MemTotal and MemAvailable come from {@link MemInfo} (the lines OSHI reads); OSHI otherwise.
 */
public final class MemCollector implements Collector {

  private final GlobalMemory memory;
  private final MemInfo memInfo;

  public MemCollector(GlobalMemory memory) {
    this(memory, MemInfo.supported() ? new MemInfo(MemInfo.PATH) : null);
  }

  MemCollector(GlobalMemory memory, MemInfo memInfo) {
    this.memory = memory;
    this.memInfo = memInfo;
  }

  @Override
  public String key() {
    return "mem";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    long directTotal = memInfo == null ? -1 : memInfo.get(MemInfo.MEM_TOTAL);
    long directAvailable = memInfo == null ? -1 : memInfo.get(MemInfo.MEM_AVAILABLE);
    boolean direct = directTotal > 0 && directAvailable >= 0;
    double total = direct ? directTotal : memory.getTotal();
    double available = direct ? directAvailable : memory.getAvailable();
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
