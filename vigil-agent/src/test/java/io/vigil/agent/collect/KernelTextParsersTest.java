package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct /proc and /sys parsers on text captured from a Linux host (kernel 6.x, virtio). */
class KernelTextParsersTest {

  private static final String DISKSTATS =
      "   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
          + "   7       1 loop1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
          + " 254       0 vda 124941 13208 6024186 69311 167799 70952 44618832 547519 3 69956"
          + " 676042 617916 258 6962294888 57076 17964 2135\n"
          + " 254       1 vda1 120000 13000 6000000 69000 160000 70000 44000000 540000 0 69000"
          + " 670000 0 0 0 0 0 0\n"
          + " 259       0 nvme0n1 10 0 80 1 20 0 160 2 0 7 3\n" // an old kernel: 11 fields
          + " 253       0 zram0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

  private static final String NET_DEV =
      "Inter-|   Receive                                                |  Transmit\n"
          + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets"
          + " errs drop fifo colls carrier compressed\n"
          + "    lo: 6007746711 8847707    0    0    0     0          0         0 6007746711"
          + " 8847707    0    0    0     0       0          0\n"
          + "  ifb0:       0       0    0    0    0     0          0         0        0       0"
          + "    0    0    0     0       0          0\n"
          + "  eth0: 1022067974   29357    4    9    0     0          0         0  2376663   20144"
          + "    5    0    0     0       0          0\n"
          + "eth1:18446744073709551615 7 0 0 0 0 0 0 12 13 14 0 0 0 0 0\n";

  private static byte[][] names(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }

  @Test
  void diskstatsGivesTheWholeDiskCountersInBytesAndSkipsPartitionsAndUnknownNames() {
    byte[] b = DISKSTATS.getBytes(StandardCharsets.US_ASCII);
    byte[][] names = names("vda", "nvme0n1", "sdz");
    long[] values = new long[names.length * DiskStats.COUNT];
    boolean[] found = new boolean[names.length];

    DiskStats.parse(b, b.length, names, values, found);

    assertThat(found).containsExactly(true, true, false);
    assertThat(values[DiskStats.READS]).isEqualTo(124941);
    assertThat(values[DiskStats.READ_BYTES]).isEqualTo(6024186L * 512);
    assertThat(values[DiskStats.WRITES]).isEqualTo(167799);
    assertThat(values[DiskStats.WRITE_BYTES]).isEqualTo(44618832L * 512);
    assertThat(values[DiskStats.IN_FLIGHT]).isEqualTo(3);
    assertThat(values[DiskStats.IO_TICKS]).isEqualTo(69956);
    int nvme = DiskStats.COUNT;
    assertThat(values[nvme + DiskStats.READS]).isEqualTo(10);
    assertThat(values[nvme + DiskStats.WRITE_BYTES]).isEqualTo(160L * 512);
    assertThat(values[nvme + DiskStats.IO_TICKS]).isEqualTo(7);
  }

  @Test
  void aTruncatedDiskstatsLineIsNotFound() {
    byte[] b = " 254 0 vda 1 2 3 4 5\n".getBytes(StandardCharsets.US_ASCII);
    boolean[] found = new boolean[1];
    DiskStats.parse(b, b.length, names("vda"), new long[DiskStats.COUNT], found);
    assertThat(found).containsExactly(false);
  }

  @Test
  void netDevGivesBytesPacketsAndErrorsPerInterfaceEvenWhenTheNameTouchesTheFirstNumber() {
    byte[] b = NET_DEV.getBytes(StandardCharsets.US_ASCII);
    byte[][] names = names("eth0", "eth1", "wlan0");
    long[] values = new long[names.length * NetDev.COUNT];
    boolean[] found = new boolean[names.length];

    NetDev.parse(b, b.length, names, values, found);

    assertThat(found).containsExactly(true, true, false);
    assertThat(values[NetDev.RX_BYTES]).isEqualTo(1022067974L);
    assertThat(values[NetDev.RX_PACKETS]).isEqualTo(29357);
    assertThat(values[NetDev.RX_ERRORS]).isEqualTo(4);
    assertThat(values[NetDev.TX_BYTES]).isEqualTo(2376663);
    assertThat(values[NetDev.TX_PACKETS]).isEqualTo(20144);
    assertThat(values[NetDev.TX_ERRORS]).isEqualTo(5);
    int eth1 = NetDev.COUNT;
    assertThat(values[eth1 + NetDev.RX_BYTES])
        .as("an unsigned 64-bit counter wraps as OSHI's BigInteger.longValue() does")
        .isEqualTo(-1L);
    assertThat(values[eth1 + NetDev.TX_BYTES]).isEqualTo(12);
    assertThat(values[eth1 + NetDev.TX_ERRORS]).isEqualTo(14);
  }

  @Test
  void operStateAndSpeedAreReadAsOshiReadsThem() {
    assertThat(NetDev.isUp(bytes("up\n"), 3)).isTrue();
    assertThat(NetDev.isUp(bytes("unknown\n"), 8)).isFalse();
    assertThat(NetDev.isUp(bytes("down\n"), 5)).isFalse();
    assertThat(NetDev.isUp(bytes("upper\n"), 6)).isFalse();
    assertThat(NetDev.firstNumber(bytes("-1\n"), 3)).isEqualTo(-1);
    assertThat(NetDev.firstNumber(bytes("10000\n"), 6)).isEqualTo(10000);
  }

  @Test
  void uptimeIsWholeSecondsAndThreadsTheLoadavgTaskTotal() {
    byte[] uptime = bytes("3847.90 4705.15\n");
    assertThat(SystemCollector.uptimeSeconds(uptime, uptime.length)).isEqualTo(3847);
    byte[] whole = bytes("12 4\n");
    assertThat(SystemCollector.uptimeSeconds(whole, whole.length)).isEqualTo(12);
    byte[] garbage = bytes("x\n");
    assertThat(SystemCollector.uptimeSeconds(garbage, garbage.length)).isEqualTo(-1);

    byte[] loadavg = bytes("3.26 4.28 3.54 1/172 15941\n");
    assertThat(SystemCollector.loadavgTasks(loadavg, loadavg.length)).isEqualTo(172);
    byte[] big = bytes("0.00 0.01 0.05 12/100231 4\n");
    assertThat(SystemCollector.loadavgTasks(big, big.length)).isEqualTo(100231);
    byte[] truncated = bytes("0.00 0.01 0.05 12/\n");
    assertThat(SystemCollector.loadavgTasks(truncated, truncated.length)).isEqualTo(-1);
  }

  @Test
  void meminfoGivesTheFourFiguresInBytesAndMinusOneForAbsentLines() {
    byte[] b =
        bytes(
            "MemTotal:       24684084 kB\nMemFree:        21255156 kB\n"
                + "MemAvailable:   23451964 kB\nBuffers:           17900 kB\n"
                + "SwapCached:            0 kB\nSwapTotal:        2097148 kB\n"
                + "SwapFree:         2000000 kB\nHugePages_Total:       0\n");
    long[] v = new long[4];
    MemInfo.parse(b, b.length, v);
    assertThat(v[MemInfo.MEM_TOTAL]).isEqualTo(24684084L * 1024);
    assertThat(v[MemInfo.MEM_AVAILABLE]).isEqualTo(23451964L * 1024);
    assertThat(v[MemInfo.SWAP_TOTAL]).isEqualTo(2097148L * 1024);
    assertThat(v[MemInfo.SWAP_FREE]).isEqualTo(2000000L * 1024);

    byte[] old = bytes("MemTotal: 1000 kB\nMemFree: 10 kB\n"); // before Linux 3.14
    MemInfo.parse(old, old.length, v);
    assertThat(v).containsExactly(1000L * 1024, -1, -1, -1);
  }

  @Test
  void procStatGivesTotalAndPerCpuTicksInOshisTickTypeOrder() {
    byte[] b =
        bytes(
            "cpu  10132153 290696 3084719 46828483 16683 0 25195 0 175628 0\n"
                + "cpu0 1393280 32966 572056 13343292 6130 0 17875 0 23933 0\n"
                + "cpu1 1335 2 3 4 5 6 7 8 9 10\n"
                + "intr 199292959 0 0 0 0 0 0 0\nctxt 338398488\nbtime 1700000000\n");
    long[] total = new long[ProcStat.TICK_TYPES];
    long[][] cores = new long[3][ProcStat.TICK_TYPES];

    assertThat(ProcStat.parse(b, b.length, total, cores)).isTrue();

    assertThat(total).containsExactly(10132153, 290696, 3084719, 46828483, 16683, 0, 25195, 0);
    assertThat(cores[0]).containsExactly(1393280, 32966, 572056, 13343292, 6130, 0, 17875, 0);
    assertThat(cores[1]).containsExactly(1335, 2, 3, 4, 5, 6, 7, 8);
    assertThat(cores[2]).as("a CPU without a line (offline)").containsOnly(0);
    assertThat(oshi.hardware.CentralProcessor.TickType.values()).hasSize(ProcStat.TICK_TYPES);
    assertThat(oshi.hardware.CentralProcessor.TickType.IDLE.getIndex()).isEqualTo(3);
    assertThat(oshi.hardware.CentralProcessor.TickType.STEAL.getIndex()).isEqualTo(7);

    byte[] old = bytes("cpu 1 2 3\ncpu0 1 2 3\n"); // too short for OSHI too
    assertThat(ProcStat.parse(old, old.length, total, cores)).isFalse();
  }

  @Test
  void processCountIsTheAllDigitEntries() {
    assertThat(ProcListing.isPid("1234")).isTrue();
    assertThat(ProcListing.isPid("self")).isFalse();
    assertThat(ProcListing.isPid("1x")).isFalse();
    assertThat(ProcListing.isPid("")).isFalse();
  }

  @Test
  void kernelTextReadsWholeFilesLargerThanItsBuffer(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big");
    String content = "x".repeat(10_000) + "\n";
    Files.writeString(file, content);
    KernelText text = new KernelText(16);
    assertThat(text.read(file.toString())).isTrue();
    assertThat(text.length()).isEqualTo(content.length());
    assertThat(text.read(dir.resolve("missing").toString())).isFalse();
    assertThat(text.length()).isZero();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
