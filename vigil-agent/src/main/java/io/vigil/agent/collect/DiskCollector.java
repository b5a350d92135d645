package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import oshi.hardware.HWDiskStore;

/**
 * {@code disk{device}}: I/O rates per whole disk. The OSHI disk objects are kept and refreshed
 * with {@code updateAttributes()} instead of being re-enumerated every time; the list is rebuilt
 * every few minutes to notice hot-plugged disks.
 */
public final class DiskCollector implements Collector {

  /** Loop and RAM devices carry no useful I/O signal (the same filter as node_exporter). */
  static final Pattern IGNORED = Pattern.compile("^(z?ram|loop|fd)\\d+$");

  private static final long REDISCOVER_NANOS = 300_000_000_000L;

  private final Supplier<List<HWDiskStore>> discover;
  private final CounterRates<String> rates = new CounterRates<>();
  private List<HWDiskStore> disks;
  private long discoveredAt;

  public DiskCollector(Supplier<List<HWDiskStore>> discover) {
    this.discover = discover;
  }

  @Override
  public String key() {
    return "disk";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    boolean fresh = false;
    if (disks == null || nanoTime - discoveredAt > REDISCOVER_NANOS) {
      disks =
          discover.get().stream()
              .filter(d -> !IGNORED.matcher(deviceName(d.getName())).matches())
              .toList();
      discoveredAt = nanoTime;
      fresh = true;
      rates.retainOnly(names());
    }
    for (HWDiskStore disk : disks) {
      if (!fresh) {
        disk.updateAttributes();
      }
      double[] r =
          rates.update(
              disk.getName(),
              nanoTime,
              disk.getReadBytes(),
              disk.getWriteBytes(),
              disk.getReads(),
              disk.getWrites(),
              disk.getTransferTime());
      if (r == null || Double.isNaN(r[0] + r[1] + r[2] + r[3] + r[4])) {
        continue;
      }
      Map<String, Double> fields = new HashMap<>(8);
      fields.put("read_bytes_ps", r[0]);
      fields.put("write_bytes_ps", r[1]);
      fields.put("read_ops_ps", r[2]);
      fields.put("write_ops_ps", r[3]);
      // transfer time is milliseconds busy; per second of wall time that is a share of 1000 ms.
      fields.put("busy_pct", Math.min(100.0, r[4] / 10.0));
      fields.put("queue_length", (double) disk.getCurrentQueueLength());
      out.add(
          new Point(
              "disk", Map.of("device", TagValues.clean(deviceName(disk.getName()), "?")), fields,
              timestampMillis));
    }
  }

  /** OSHI names Linux disks by their path; the tag is the kernel name, as iostat shows it. */
  static String deviceName(String name) {
    return name.startsWith("/dev/") ? name.substring(5) : name;
  }

  private Set<String> names() {
    Set<String> names = new HashSet<>();
    for (HWDiskStore disk : disks) {
      names.add(disk.getName());
    }
    return names;
  }
}
