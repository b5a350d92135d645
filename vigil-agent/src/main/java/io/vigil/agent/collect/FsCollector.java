package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

/**
 * {@code fs{mount,device,fstype}}: space and inodes of real file systems. Pseudo and memory file
 * systems are skipped; a device mounted several times (bind mounts, container overlays) is
 * reported once, at its shortest mount path, so disk usage is not counted twice.
 */
public final class FsCollector implements Collector {

  static final Set<String> PSEUDO_TYPES =
      Set.of(
          "proc", "sysfs", "tmpfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "squashfs",
          "autofs", "mqueue", "debugfs", "tracefs", "securityfs", "pstore", "bpf", "configfs",
          "fusectl", "hugetlbfs", "nsfs", "ramfs", "binfmt_misc", "rpc_pipefs", "efivarfs",
          "fuse.lxcfs", "selinuxfs", "nfsd", "fuse.gvfsd-fuse", "fuse.portal");

  private final FileSystem fileSystem;

  public FsCollector(FileSystem fileSystem) {
    this.fileSystem = fileSystem;
  }

  @Override
  public String key() {
    return "fs";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
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
    for (Map.Entry<String, OSFileStore> entry : byDevice.entrySet()) {
      out.add(point(entry.getKey(), entry.getValue(), timestampMillis));
    }
  }

  static boolean isReal(String type, long totalSpace) {
    return totalSpace > 0 && (type == null || !PSEUDO_TYPES.contains(type));
  }

  private static Point point(String device, OSFileStore store, long ts) {
    double size = store.getTotalSpace();
    double used = Math.max(0, size - store.getFreeSpace());
    double available = store.getUsableSpace();
    double inodes = Math.max(0, store.getTotalInodes());
    double inodesUsed = Math.max(0, inodes - Math.max(0, store.getFreeInodes()));
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
            "mount", TagValues.clean(store.getMount(), "?"),
            "device", device,
            "fstype", TagValues.clean(store.getType(), "unknown")),
        fields,
        ts);
  }
}
