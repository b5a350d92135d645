package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.List;
import java.util.Map;
import oshi.hardware.VirtualMemory;

/**
 * {@code swap}: swap space; reported as zeros on hosts without swap so dashboards show it. On Linux
 * SwapTotal and SwapFree come from {@link MemInfo} (used = total - free, as OSHI computes it).
 */
public final class SwapCollector implements Collector {

  private final VirtualMemory virtualMemory;
  private final MemInfo memInfo;

  public SwapCollector(VirtualMemory virtualMemory) {
    this(virtualMemory, MemInfo.supported() ? new MemInfo(MemInfo.PATH) : null);
  }

  SwapCollector(VirtualMemory virtualMemory, MemInfo memInfo) {
    this.virtualMemory = virtualMemory;
    this.memInfo = memInfo;
  }

  @Override
  public String key() {
    return "swap";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    long directTotal = memInfo == null ? -1 : memInfo.get(MemInfo.SWAP_TOTAL);
    long directFree = memInfo == null ? -1 : memInfo.get(MemInfo.SWAP_FREE);
    boolean direct = directTotal >= 0 && directFree >= 0;
    double total = direct ? directTotal : virtualMemory.getSwapTotal();
    double used = direct ? directTotal - directFree : virtualMemory.getSwapUsed();
    out.add(
        new Point(
            "swap",
            Map.of(),
            Map.of(
                "total_bytes",
                total,
                "used_bytes",
                used,
                "free_bytes",
                Math.max(0, total - used),
                "used_pct",
                TagValues.pct(used, total)),
            timestampMillis));
  }
}
