package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.model.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oshi.SystemInfo;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

/** The statvfs refresh path against OSHI's full listing on the real Linux host. */
class FsCollectorIT {

  /** OSHI's file system, counting the (expensive) listings. */
  private static final class CountingFileSystem implements FileSystem {
    final FileSystem real = new SystemInfo().getOperatingSystem().getFileSystem();
    int listings;

    @Override
    public List<OSFileStore> getFileStores() {
      listings++;
      return real.getFileStores();
    }

    @Override
    public List<OSFileStore> getFileStores(boolean localOnly) {
      listings++;
      return real.getFileStores(localOnly);
    }

    @Override
    public long getOpenFileDescriptors() {
      return real.getOpenFileDescriptors();
    }

    @Override
    public long getMaxFileDescriptors() {
      return real.getMaxFileDescriptors();
    }

    @Override
    public long getMaxFileDescriptorsPerProcess() {
      return real.getMaxFileDescriptorsPerProcess();
    }
  }

  private static Map<String, Point> byMount(List<Point> points) {
    return points.stream().collect(Collectors.toMap(p -> p.tags().get("mount"), p -> p));
  }

  @Test
  void statvfsRefreshReportsWhatOshiReports(@TempDir Path dir) throws IOException {
    assumeTrue(Statvfs.supported() && Files.isReadable(Path.of("/proc/self/mounts")));
    CountingFileSystem fs = new CountingFileSystem();
    Path mounts = dir.resolve("mounts");
    Files.copy(Path.of("/proc/self/mounts"), mounts);
    FsCollector collector = new FsCollector(fs, new Statvfs(), mounts.toString());
    long ts = System.currentTimeMillis();

    List<Point> viaOshi = new ArrayList<>();
    collector.collect(ts, 0, viaOshi);
    List<Point> viaStatvfs = new ArrayList<>();
    collector.collect(ts, 0, viaStatvfs);

    assertThat(fs.listings).as("the second collection did not list again").isEqualTo(1);
    assertThat(viaOshi).isNotEmpty();
    Map<String, Point> oshi = byMount(viaOshi);
    Map<String, Point> fresh = byMount(viaStatvfs);
    assertThat(fresh.keySet()).isEqualTo(oshi.keySet());
    for (Map.Entry<String, Point> e : oshi.entrySet()) {
      Point a = e.getValue();
      Point b = fresh.get(e.getKey());
      assertThat(b.tags()).isEqualTo(a.tags());
      assertThat(b.fields().keySet()).isEqualTo(a.fields().keySet());
      assertThat(b.fields().get("size_bytes")).isEqualTo(a.fields().get("size_bytes"));
      assertThat(b.fields().get("inodes_total")).isEqualTo(a.fields().get("inodes_total"));
      // Space and inodes in use move with whatever else runs on the host: 1 % of the size.
      double slack = a.fields().get("size_bytes") / 100;
      assertThat(b.fields().get("used_bytes"))
          .isCloseTo(a.fields().get("used_bytes"), org.assertj.core.data.Offset.offset(slack));
      assertThat(b.fields().get("inodes_used"))
          .isCloseTo(
              a.fields().get("inodes_used"),
              org.assertj.core.data.Offset.offset(a.fields().get("inodes_total") / 100 + 10));
    }
  }

  @Test
  void aChangedMountTableIsListedAgain(@TempDir Path dir) throws IOException {
    assumeTrue(Statvfs.supported() && Files.isReadable(Path.of("/proc/self/mounts")));
    CountingFileSystem fs = new CountingFileSystem();
    Path mounts = dir.resolve("mounts");
    Files.copy(Path.of("/proc/self/mounts"), mounts);
    FsCollector collector = new FsCollector(fs, new Statvfs(), mounts.toString());
    long ts = System.currentTimeMillis();

    collector.collect(ts, 0, new ArrayList<>());
    collector.collect(ts, 0, new ArrayList<>());
    Files.writeString(
        mounts, "tmpfs /mnt/new tmpfs rw 0 0\n", java.nio.file.StandardOpenOption.APPEND);
    List<Point> out = new ArrayList<>();
    collector.collect(ts, 0, out);
    collector.collect(ts, 0, new ArrayList<>());

    assertThat(fs.listings).isEqualTo(2);
    assertThat(out).isNotEmpty();
  }
}
