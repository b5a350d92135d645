package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.List;
import java.util.Map;
import oshi.hardware.CentralProcessor;

/** {@code load}: 1, 5 and 15 minute load averages (absent on Windows, where OSHI returns < 0). */
public final class LoadCollector implements Collector {

  private final CentralProcessor processor;

  public LoadCollector(CentralProcessor processor) {
    this.processor = processor;
  }

  @Override
  public String key() {
    return "load";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    double[] load = processor.getSystemLoadAverage(3);
    if (load.length < 3 || load[0] < 0) {
      return;
    }
    out.add(
        new Point(
            "load",
            Map.of(),
            Map.of("load1", load[0], "load5", load[1], "load15", load[2]),
            timestampMillis));
  }
}
