package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FsAndDiskFilterTest {

  @Test
  void pseudoAndEmptyFileSystemsAreSkipped() {
    assertThat(FsCollector.isReal("ext4", 1L << 30)).isTrue();
    assertThat(FsCollector.isReal("overlay", 1L << 30)).isTrue();
    assertThat(FsCollector.isReal("tmpfs", 1L << 30)).isFalse();
    assertThat(FsCollector.isReal("proc", 0)).isFalse();
    assertThat(FsCollector.isReal("ext4", 0)).isFalse();
  }

  @Test
  void loopAndRamDisksAreIgnoredAndDevicesAreTaggedByKernelName() {
    assertThat(DiskCollector.deviceName("/dev/vda")).isEqualTo("vda");
    assertThat(DiskCollector.IGNORED.matcher("zram0").matches()).isTrue();
    assertThat(DiskCollector.IGNORED.matcher("loop7").matches()).isTrue();
    assertThat(DiskCollector.IGNORED.matcher("nvme0n1").matches()).isFalse();
  }

  @Test
  void tagValuesAreCleaned() {
    assertThat(TagValues.clean("a\tb", "?")).isEqualTo("a?b");
    assertThat(TagValues.clean("  ", "unknown")).isEqualTo("unknown");
    assertThat(TagValues.clean("x".repeat(300), "?")).hasSize(256);
  }
}
