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
 * {@code disk{device}}: I/O rates per whole disk. OSHI lists the disks every few minutes (to notice
 * hot-plugged ones); in between, on Linux, the counters of all of them come from one read of {@code
 * /proc/diskstats} ({@link DiskStats}). Elsewhere, or for a disk that file does not show, the kept
 * OSHI objects are refreshed with {@code updateAttributes()}.
 */
public final class DiskCollector implements Collector {

  /** Loop and RAM devices carry no useful I/O signal (the same filter as node_exporter). */
  static final Pattern IGNORED = Pattern.compile("^(z?ram|loop|fd)\\d+$");

  private static final long REDISCOVER_NANOS = 300_000_000_000L;

  private final Supplier<List<HWDiskStore>> discover;
  private final DiskStats direct;
  private final CounterRates<String> rates = new CounterRates<>();
  private List<HWDiskStore> disks;

  /** Per kept disk: its kernel name (as diskstats prints it), and the tag value. */
  private byte[][] kernelNames = new byte[0][];

  private String[] tags = new String[0];
  private long[] values = new long[0];
  private boolean[] found = new boolean[0];
  private long discoveredAt;

  public DiskCollector(Supplier<List<HWDiskStore>> discover) {
    this(discover, DiskStats.supported() ? new DiskStats(DiskStats.PATH) : null);
  }

  DiskCollector(Supplier<List<HWDiskStore>> discover, DiskStats direct) {
    this.discover = discover;
    this.direct = direct;
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
      int n = disks.size();
      kernelNames = new byte[n][];
      tags = new String[n];
      for (int i = 0; i < n; i++) {
        String kernelName = deviceName(disks.get(i).getName());
        kernelNames[i] = kernelName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        tags[i] = TagValues.clean(kernelName, "?");
      }
      values = new long[n * DiskStats.COUNT];
      found = new boolean[n];
    }
    boolean read = direct != null && direct.read(kernelNames, values, found);
    for (int i = 0; i < disks.size(); i++) {
      HWDiskStore disk = disks.get(i);
      long readBytes;
      long writeBytes;
      long reads;
      long writes;
      long busyMillis;
      long queue;
      if (read && found[i]) {
        int at = i * DiskStats.COUNT;
        readBytes = values[at + DiskStats.READ_BYTES];
        writeBytes = values[at + DiskStats.WRITE_BYTES];
        reads = values[at + DiskStats.READS];
        writes = values[at + DiskStats.WRITES];
        busyMillis = values[at + DiskStats.IO_TICKS];
        queue = values[at + DiskStats.IN_FLIGHT];
      } else {
        if (!fresh) {
          disk.updateAttributes();
        }
        readBytes = disk.getReadBytes();
        writeBytes = disk.getWriteBytes();
        reads = disk.getReads();
        writes = disk.getWrites();
        busyMillis = disk.getTransferTime();
        queue = disk.getCurrentQueueLength();
      }
      double[] r =
          rates.update(disk.getName(), nanoTime, readBytes, writeBytes, reads, writes, busyMillis);
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
      fields.put("queue_length", (double) queue);
      out.add(new Point("disk", Map.of("device", tags[i]), fields, timestampMillis));
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
