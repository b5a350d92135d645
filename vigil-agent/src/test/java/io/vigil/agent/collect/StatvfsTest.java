package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class StatvfsTest {

  @Test
  void decodesTheLp64LinuxLayoutAsOshiDoes() {
    ByteBuffer b = ByteBuffer.allocate(112).order(ByteOrder.nativeOrder());
    b.putLong(4096) // f_bsize
        .putLong(1024) // f_frsize: sizes are in fragments, as OSHI and df compute them
        .putLong(1000) // f_blocks
        .putLong(600) // f_bfree
        .putLong(500) // f_bavail
        .putLong(64) // f_files
        .putLong(40) // f_ffree
        .putLong(40) // f_favail
        .putLong(7) // f_fsid
        .putLong(0) // f_flag
        .putLong(255); // f_namemax

    long[] v = Statvfs.decode(b);

    assertThat(v).containsExactly(64, 40, 1000L * 1024, 500L * 1024, 600L * 1024);
  }
}
