package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * {@code cpu{cpu=total|0..N-1}}: share of time per CPU state since the previous collection. On
 * Linux the ticks come from one read of {@code /proc/stat} ({@link ProcStat}); OSHI otherwise.
 */
public final class CpuCollector implements Collector {

  private final CentralProcessor processor;
  private final ProcStat direct;
  private final int logicalCount;
  private static final int TICK_TYPES = TickType.values().length;

  /** Whether the previous ticks came from /proc/stat (raw ticks) or OSHI (milliseconds). */
  private boolean previousDirect;

  private long[] previousTotal;
  private long[][] previousCores;
  private String[] coreNames = new String[0];

  public CpuCollector(CentralProcessor processor) {
    this(processor, ProcStat.supported() ? new ProcStat(ProcStat.PATH) : null);
  }

  CpuCollector(CentralProcessor processor, ProcStat direct) {
    this.processor = processor;
    this.direct = direct;
    this.logicalCount = processor.getLogicalProcessorCount();
  }

  @Override
  public String key() {
    return "cpu";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    long[] total = null;
    long[][] cores = null;
    if (direct != null) {
      total = new long[TICK_TYPES];
      cores = new long[logicalCount][TICK_TYPES];
      if (!direct.read(total, cores)) {
        total = null;
      }
    }
    boolean isDirect = total != null;
    if (!isDirect) {
      total = processor.getSystemCpuLoadTicks();
      cores = processor.getProcessorCpuLoadTicks();
    }
    if (previousTotal != null && previousDirect != isDirect) {
      previousTotal = null; // ticks and milliseconds do not subtract: start over
    }
    previousDirect = isDirect;
    if (previousTotal != null) {
      add(out, "total", previousTotal, total, timestampMillis);
      if (previousCores != null && previousCores.length == cores.length) {
        if (coreNames.length != cores.length) {
          coreNames = new String[cores.length];
          for (int i = 0; i < cores.length; i++) {
            coreNames[i] = Integer.toString(i);
          }
        }
        for (int i = 0; i < cores.length; i++) {
          add(out, coreNames[i], previousCores[i], cores[i], timestampMillis);
        }
      }
    }
    previousTotal = total;
    previousCores = cores;
  }

  private static void add(List<Point> out, String cpu, long[] before, long[] now, long ts) {
    double[] pct = CpuTicks.percentages(before, now);
    if (pct == null) {
      return;
    }
    Map<String, Double> fields = new HashMap<>(16);
    fields.put("user_pct", pct[TickType.USER.getIndex()]);
    fields.put("nice_pct", pct[TickType.NICE.getIndex()]);
    fields.put("system_pct", pct[TickType.SYSTEM.getIndex()]);
    fields.put("iowait_pct", pct[TickType.IOWAIT.getIndex()]);
    fields.put("irq_pct", pct[TickType.IRQ.getIndex()]);
    fields.put("softirq_pct", pct[TickType.SOFTIRQ.getIndex()]);
    fields.put("steal_pct", pct[TickType.STEAL.getIndex()]);
    fields.put("idle_pct", pct[TickType.IDLE.getIndex()]);
    fields.put("used_pct", CpuTicks.used(pct));
    out.add(new Point("cpu", Map.of("cpu", cpu), fields, ts));
  }
}
