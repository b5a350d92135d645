package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LinuxProcSourceTest {

  @Test
  void parsesStatEvenWhenTheCommandNameHoldsSpacesAndParentheses() {
    String stat =
        "4242 (Web Content (x)) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 12 0 "
            + "987654 123456789 3000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0\n";
    byte[] b = stat.getBytes(StandardCharsets.US_ASCII);

    ProcSource.Snapshot s = LinuxProcSource.parseStat(b, b.length, 4096, new long[] {10, 20});

    assertThat(s.pid()).isEqualTo(4242);
    assertThat(s.name()).isEqualTo("Web Content (x)");
    assertThat(s.cpuMillis()).as("(250 + 75) ticks of 10 ms").isEqualTo(3250);
    assertThat(s.startTime()).isEqualTo(987654);
    assertThat(s.rssBytes()).isEqualTo(3000L * 4096);
    assertThat(s.readBytes()).isEqualTo(10);
    assertThat(s.writeBytes()).isEqualTo(20);
  }

  @Test
  void findsTheEndOfLongCommandNamesWithParenthesesNearAndBeyondTheLookBackWindow() {
    String tail = " S 2 0 0 0 -1 69238880 0 0 0 0 7 9 0 0 20 0 1 0 4321 0 0 18446744073709551615\n";
    for (String comm :
        new String[] {
          "kworker/u8:2-events_unbound)(x", // a kernel worker name, up to 63 bytes
          "a) b".repeat(30) // longer than any kernel shows: the fallback scan
        }) {
      byte[] b = ("77 (" + comm + ")" + tail).getBytes(StandardCharsets.US_ASCII);
      ProcSource.Snapshot s = LinuxProcSource.parseStat(b, b.length, 4096, new long[2]);
      assertThat(s.name()).isEqualTo(comm);
      assertThat(s.cpuMillis()).isEqualTo(160);
      assertThat(s.startTime()).isEqualTo(4321);
    }
  }

  @Test
  void truncatedStatIsIgnored() {
    byte[] b = "1 (init) S 0 1".getBytes(StandardCharsets.US_ASCII);
    assertThat(LinuxProcSource.parseStat(b, b.length, 4096, new long[2])).isNull();
  }

  @Test
  void readsNamedCountersFromIoAndStatus() {
    byte[] io =
        "rchar: 5\nwchar: 6\nsyscr: 1\nsyscw: 1\nread_bytes: 4096\nwrite_bytes: 8192\n"
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(LinuxProcSource.valueAfter(io, io.length, "\nread_bytes: ")).isEqualTo(4096);
    assertThat(LinuxProcSource.valueAfter(io, io.length, "\nwrite_bytes: ")).isEqualTo(8192);
    byte[] status = "Name:\tx\nUid:\t1000\t1000\t1000\t1000\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(LinuxProcSource.valueAfter(status, status.length, "\nUid:\t")).isEqualTo(1000);
  }
}
