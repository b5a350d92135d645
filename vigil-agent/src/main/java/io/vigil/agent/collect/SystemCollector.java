package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.List;
import java.util.Map;
import oshi.software.os.OperatingSystem;

/** {@code system}: uptime, process and thread counts. */
public final class SystemCollector implements Collector {

  private final OperatingSystem os;

  public SystemCollector(OperatingSystem os) {
    this.os = os;
  }

  @Override
  public String key() {
    return "system";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    out.add(
        new Point(
            "system",
            Map.of(),
            Map.of(
                "uptime_s", (double) os.getSystemUptime(),
                "processes", (double) os.getProcessCount(),
                "threads", (double) os.getThreadCount()),
            timestampMillis));
  }
}
