package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class TcpStatesTest {

  private static final String TABLE =
      """
        sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
         0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 566 1
         1: 020200C0:B674 507100CB:0050 06 00000000:00000000 03:00000000 00000000     0        0 0 3
         2: 020200C0:B675 507100CB:0050 01 00000000:00000000 03:00000000 00000000     0        0 0 3
         3: 020200C0:B676 507100CB:0050 01 00000000:00000000 03:00000000 00000000     0        0 0 3
         4: 020200C0:B677 507100CB:0050 0C 00000000:00000000 03:00000000 00000000     0        0 0 3
      """;

  @Test
  void countsSocketsPerStateFromTheKernelTable() throws IOException {
    long[] counts = new long[TcpStates.FIELDS.length];

    TcpStates.count(new BufferedReader(new StringReader(TABLE)), counts);

    assertThat(counts[1]).as("established").isEqualTo(2);
    assertThat(counts[6]).as("time_wait").isEqualTo(1);
    assertThat(counts[10]).as("listen").isEqualTo(1);
    assertThat(counts[12]).as("new_syn_recv").isEqualTo(1);
    assertThat(TcpStates.FIELDS[12]).isEqualTo("syn_recv");
  }

  @Test
  void malformedLinesAreIgnored() {
    assertThat(TcpStates.stateOf("   0: 00000000:07E8")).isEqualTo(-1);
    assertThat(TcpStates.stateOf("0: a b ZZ")).isEqualTo(-1);
  }
}
