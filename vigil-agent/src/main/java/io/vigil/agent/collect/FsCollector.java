package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

/**
 * {@code fs{mount,device,fstype}}: space and inodes of real file systems. Pseudo and memory file
 * systems are skipped; a device mounted several times (bind mounts, container overlays) is reported
 * once, at its shortest mount path, so disk usage is not counted twice.
 *
 * <p>On 64-bit Linux the selection is made by OSHI only when {@code /proc/self/mounts} changed
 * (OSHI's listing runs {@code lsblk} for labels, resolves /dev/disk symlinks and calls statvfs
 * several times per mount); otherwise the kept mounts are refreshed with one statvfs each.
 */
public final class FsCollector implements Collector {

  static final Set<String> PSEUDO_TYPES =
      Set.of(
          "proc",
          "sysfs",
          "tmpfs",
          "devtmpfs",
          "devpts",
          "cgroup",
          "cgroup2",
          "squashfs",
          "autofs",
          "mqueue",
          "debugfs",
          "tracefs",
          "securityfs",
          "pstore",
          "bpf",
          "configfs",
          "fusectl",
          "hugetlbfs",
          "nsfs",
          "ramfs",
          "binfmt_misc",
          "rpc_pipefs",
          "efivarfs",
          "fuse.lxcfs",
          "selinuxfs",
          "nfsd",
          "fuse.gvfsd-fuse",
          "fuse.portal");

  private static final String MOUNTS = "/proc/self/mounts";

  /** A kept mount: what the point is tagged with and where statvfs is asked. */
  private record Kept(String device, String mount, String type) {}

  private final FileSystem fileSystem;
  private final Statvfs statvfs;
  private final String mountsPath;
  private List<Kept> kept;
  private byte[] mounts = new byte[0];
  private byte[] mountsRead = new byte[8192];

  public FsCollector(FileSystem fileSystem) {
    this(fileSystem, Statvfs.supported() ? new Statvfs() : null, MOUNTS);
  }

  FsCollector(FileSystem fileSystem, Statvfs statvfs, String mountsPath) {
    this.fileSystem = fileSystem;
    this.statvfs = statvfs;
    this.mountsPath = mountsPath;
  }

  @Override
  public String key() {
    return "fs";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    if (statvfs != null && kept != null && !mountsChanged() && refresh(timestampMillis, out)) {
      return;
    }
    Map<String, OSFileStore> byDevice = discover();
    if (statvfs != null) {
      mountsChanged(); // remember the table this selection was made from
      List<Kept> selection = new ArrayList<>(byDevice.size());
      for (Map.Entry<String, OSFileStore> entry : byDevice.entrySet()) {
        OSFileStore store = entry.getValue();
        selection.add(new Kept(entry.getKey(), store.getMount(), store.getType()));
      }
      kept = selection;
    }
    for (Map.Entry<String, OSFileStore> entry : byDevice.entrySet()) {
      OSFileStore store = entry.getValue();
      out.add(
          point(
              entry.getKey(),
              store.getMount(),
              store.getType(),
              store.getTotalSpace(),
              store.getFreeSpace(),
              store.getUsableSpace(),
              store.getTotalInodes(),
              store.getFreeInodes(),
              timestampMillis));
    }
  }

  /**
   * Points for the kept mounts from fresh statvfs figures; false (nothing added) when a mount
   * cannot be queried any more, so the caller rediscovers.
   */
  private boolean refresh(long ts, List<Point> out) {
    List<Point> points = new ArrayList<>(kept.size());
    for (Kept k : kept) {
      long[] v = statvfs.query(k.mount());
      if (v == null || !isReal(k.type(), v[2])) {
        return false;
      }
      points.add(point(k.device(), k.mount(), k.type(), v[2], v[4], v[3], v[0], v[1], ts));
    }
    out.addAll(points);
    return true;
  }

  /** Reads the mount table; true when it differs from the one read before (or is unreadable). */
  private boolean mountsChanged() {
    int n = 0;
    try (FileInputStream in = new FileInputStream(mountsPath)) {
      int r;
      while ((r = in.read(mountsRead, n, mountsRead.length - n)) > 0) {
        n += r;
        if (n == mountsRead.length) {
          mountsRead = Arrays.copyOf(mountsRead, n * 2);
        }
      }
    } catch (IOException e) {
      mounts = new byte[0];
      return true;
    }
    if (Arrays.equals(mountsRead, 0, n, mounts, 0, mounts.length)) {
      return false;
    }
    mounts = Arrays.copyOf(mountsRead, n);
    return true;
  }

  private Map<String, OSFileStore> discover() {
    Map<String, OSFileStore> byDevice = new HashMap<>();
    for (OSFileStore store : fileSystem.getFileStores(true)) {
      if (!isReal(store.getType(), store.getTotalSpace())) {
        continue;
      }
      String device = TagValues.clean(store.getVolume(), store.getName());
      OSFileStore kept = byDevice.get(device);
      if (kept == null || store.getMount().length() < kept.getMount().length()) {
        byDevice.put(device, store);
      }
    }
    return byDevice;
  }

  static boolean isReal(String type, long totalSpace) {
    return totalSpace > 0 && (type == null || !PSEUDO_TYPES.contains(type));
  }

  private static Point point(
      String device,
      String mount,
      String type,
      long totalSpace,
      long freeSpace,
      long usableSpace,
      long totalInodes,
      long freeInodes,
      long ts) {
    double size = totalSpace;
    double used = Math.max(0, size - freeSpace);
    double available = usableSpace;
    double inodes = Math.max(0, totalInodes);
    double inodesUsed = Math.max(0, inodes - Math.max(0, freeInodes));
    Map<String, Double> fields = new HashMap<>(16);
    fields.put("size_bytes", size);
    fields.put("used_bytes", used);
    fields.put("free_bytes", available);
    // As df: the share of what non-root users can use, so 100% means "full" to applications.
    fields.put("used_pct", TagValues.pct(used, used + available));
    fields.put("inodes_total", inodes);
    fields.put("inodes_used", inodesUsed);
    fields.put("inodes_used_pct", TagValues.pct(inodesUsed, inodes));
    return new Point(
        "fs",
        Map.of(
            "mount", TagValues.clean(mount, "?"),
            "device", device,
            "fstype", TagValues.clean(type, "unknown")),
        fields,
        ts);
  }
}
