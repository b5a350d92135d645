package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.List;
import java.util.Map;
import oshi.hardware.VirtualMemory;

/** {@code swap}: swap space; reported as zeros on hosts without swap so dashboards show it. */
public final class SwapCollector implements Collector {

  private final VirtualMemory virtualMemory;

  public SwapCollector(VirtualMemory virtualMemory) {
    this.virtualMemory = virtualMemory;
  }

  @Override
  public String key() {
    return "swap";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    double total = virtualMemory.getSwapTotal();
    double used = virtualMemory.getSwapUsed();
    out.add(
        new Point(
            "swap",
            Map.of(),
            Map.of(
                "total_bytes", total,
                "used_bytes", used,
                "free_bytes", Math.max(0, total - used),
                "used_pct", TagValues.pct(used, total)),
            timestampMillis));
  }
}
