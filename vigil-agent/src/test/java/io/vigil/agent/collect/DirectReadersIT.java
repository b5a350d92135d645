package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.model.Point;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;
import oshi.hardware.HWDiskStore;
import oshi.hardware.NetworkIF;
import oshi.software.os.OperatingSystem;

/**
 * The direct disk, network and system readers against OSHI on the real Linux host. Both read live
 * counters a moment apart, so counters may only have grown, and by a little.
 */
class DirectReadersIT {

  private static final SystemInfo SI = new SystemInfo();

  @Test
  void diskstatsAgreesWithOshiPerDisk() {
    assumeTrue(DiskStats.supported());
    List<HWDiskStore> disks =
        SI.getHardware().getDiskStores().stream()
            .filter(
                d ->
                    !DiskCollector.IGNORED.matcher(DiskCollector.deviceName(d.getName())).matches())
            .toList();
    assumeTrue(!disks.isEmpty(), "no disks visible to OSHI");
    byte[][] names = new byte[disks.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = DiskCollector.deviceName(disks.get(i).getName()).getBytes(StandardCharsets.UTF_8);
    }
    long[] v = new long[names.length * DiskStats.COUNT];
    boolean[] found = new boolean[names.length];

    assertThat(new DiskStats(DiskStats.PATH).read(names, v, found)).isTrue();

    for (int i = 0; i < names.length; i++) {
      HWDiskStore d = disks.get(i);
      assertThat(found[i]).as(d.getName()).isTrue();
      int at = i * DiskStats.COUNT;
      assertGrewLittle(d.getName() + " reads", d.getReads(), v[at + DiskStats.READS], 1_000);
      assertGrewLittle(d.getName() + " writes", d.getWrites(), v[at + DiskStats.WRITES], 1_000);
      assertGrewLittle(
          d.getName() + " read bytes", d.getReadBytes(), v[at + DiskStats.READ_BYTES], 256L << 20);
      assertGrewLittle(
          d.getName() + " write bytes",
          d.getWriteBytes(),
          v[at + DiskStats.WRITE_BYTES],
          256L << 20);
      assertGrewLittle(
          d.getName() + " busy ms", d.getTransferTime(), v[at + DiskStats.IO_TICKS], 2_000);
      assertThat((double) v[at + DiskStats.IN_FLIGHT])
          .as(d.getName() + " queue")
          .isCloseTo((double) d.getCurrentQueueLength(), within(64.0));
    }
  }

  @Test
  void netDevAndSysfsAgreeWithOshiPerInterface() {
    assumeTrue(NetDev.supported());
    List<NetworkIF> interfaces = SI.getHardware().getNetworkIFs(false);
    assumeTrue(!interfaces.isEmpty(), "no interfaces visible to OSHI");
    byte[][] names = new byte[interfaces.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = interfaces.get(i).getName().getBytes(StandardCharsets.UTF_8);
    }
    long[] v = new long[names.length * NetDev.COUNT];
    boolean[] found = new boolean[names.length];
    NetDev direct = new NetDev(NetDev.PATH);

    assertThat(direct.read(names, v, found)).isTrue();

    for (int i = 0; i < names.length; i++) {
      NetworkIF nif = interfaces.get(i);
      String n = nif.getName();
      NetDev.SysFiles files = new NetDev.SysFiles(n);
      assertThat(found[i]).as(n).isTrue();
      int at = i * NetDev.COUNT;
      assertGrewLittle(n + " rx bytes", nif.getBytesRecv(), v[at + NetDev.RX_BYTES], 64L << 20);
      assertGrewLittle(n + " tx bytes", nif.getBytesSent(), v[at + NetDev.TX_BYTES], 64L << 20);
      assertGrewLittle(n + " rx packets", nif.getPacketsRecv(), v[at + NetDev.RX_PACKETS], 100_000);
      assertGrewLittle(n + " tx packets", nif.getPacketsSent(), v[at + NetDev.TX_PACKETS], 100_000);
      assertGrewLittle(n + " rx errors", nif.getInErrors(), v[at + NetDev.RX_ERRORS], 100);
      assertGrewLittle(n + " tx errors", nif.getOutErrors(), v[at + NetDev.TX_ERRORS], 100);
      assertGrewLittle(n + " rx drops", nif.getInDrops(), direct.rxDropped(files), 100);
      assertThat(direct.speed(files)).as(n + " speed").isEqualTo(nif.getSpeed());
      assertThat(direct.up(files))
          .as(n + " up")
          .isEqualTo(nif.getIfOperStatus() == NetworkIF.IfOperStatus.UP);
    }
  }

  @Test
  void systemFiguresAgreeWithOshi() {
    assumeTrue(LinuxProcSource.available());
    OperatingSystem os = SI.getOperatingSystem();
    SystemCollector direct = new SystemCollector(os, new ProcListing(new File("/proc")));
    List<Point> out = new ArrayList<>();

    long oshiUptime = os.getSystemUptime();
    int oshiProcesses = os.getProcessCount();
    int oshiThreads = os.getThreadCount();
    direct.collect(System.currentTimeMillis(), System.nanoTime(), out);

    Point p = out.getFirst();
    assertThat(p.fields().get("uptime_s")).isCloseTo(oshiUptime, within(2.0));
    // Other builds start and end processes meanwhile.
    assertThat(p.fields().get("processes")).isCloseTo(oshiProcesses, within(20.0));
    assertThat(p.fields().get("threads")).isCloseTo(oshiThreads, within(100.0));
    assertThat(p.fields().get("threads")).isGreaterThanOrEqualTo(p.fields().get("processes"));
  }

  @Test
  void procStatTicksAgreeWithOshi() throws InterruptedException {
    assumeTrue(ProcStat.supported());
    var cpu = SI.getHardware().getProcessor();
    long[] oshiTotal = cpu.getSystemCpuLoadTicks();
    long[][] oshiCores = cpu.getProcessorCpuLoadTicks();
    long[] total = new long[ProcStat.TICK_TYPES];
    long[][] cores = new long[cpu.getLogicalProcessorCount()][ProcStat.TICK_TYPES];

    assertThat(new ProcStat(ProcStat.PATH).read(total, cores)).isTrue();

    // OSHI gives milliseconds: ticks * 1000 / USER_HZ (100).
    for (int t = 0; t < ProcStat.TICK_TYPES; t++) {
      assertGrewLittle("total tick type " + t, oshiTotal[t], total[t] * 10, 5_000);
      for (int c = 0; c < cores.length; c++) {
        assertGrewLittle("cpu" + c + " tick type " + t, oshiCores[c][t], cores[c][t] * 10, 5_000);
      }
    }

    CpuCollector direct = new CpuCollector(cpu);
    List<Point> out = new ArrayList<>();
    direct.collect(System.currentTimeMillis(), System.nanoTime(), out);
    Thread.sleep(300); // ticks are 10 ms
    direct.collect(System.currentTimeMillis(), System.nanoTime(), out);
    assertThat(out).extracting(p -> p.tags().get("cpu")).contains("total", "0");
    Point total2 = out.stream().filter(p -> p.tags().get("cpu").equals("total")).findFirst().get();
    assertThat(total2.fields().get("used_pct")).isBetween(0.0, 100.0);
  }

  @Test
  void meminfoAgreesWithOshiMemoryAndSwap() {
    assumeTrue(MemInfo.supported());
    var memory = SI.getHardware().getMemory();
    MemInfo direct = new MemInfo(MemInfo.PATH);
    assertThat(direct.get(MemInfo.MEM_TOTAL)).isEqualTo(memory.getTotal());
    // Available memory moves with every build on the host: within 256 MB.
    assertThat((double) direct.get(MemInfo.MEM_AVAILABLE))
        .isCloseTo((double) memory.getAvailable(), within(256e6));
    assertThat(direct.get(MemInfo.SWAP_TOTAL)).isEqualTo(memory.getVirtualMemory().getSwapTotal());
    assertThat((double) (direct.get(MemInfo.SWAP_TOTAL) - direct.get(MemInfo.SWAP_FREE)))
        .isCloseTo((double) memory.getVirtualMemory().getSwapUsed(), within(64e6));

    List<Point> a = new ArrayList<>();
    List<Point> b = new ArrayList<>();
    long ts = System.currentTimeMillis();
    new MemCollector(memory, direct).collect(ts, 0, a);
    new SwapCollector(memory.getVirtualMemory(), direct).collect(ts, 0, a);
    new MemCollector(memory, null).collect(ts, 0, b);
    new SwapCollector(memory.getVirtualMemory(), null).collect(ts, 0, b);
    for (int i = 0; i < 2; i++) {
      assertThat(a.get(i).fields().keySet()).isEqualTo(b.get(i).fields().keySet());
      assertThat(a.get(i).fields().get("total_bytes"))
          .isEqualTo(b.get(i).fields().get("total_bytes"));
      assertThat(a.get(i).fields().get("used_pct"))
          .isCloseTo(b.get(i).fields().get("used_pct"), within(2.0));
    }
  }

  @Test
  void directDiskAndNetCollectorsEmitTheSameSeriesAsTheOshiOnes() throws InterruptedException {
    assumeTrue(DiskStats.supported() && NetDev.supported());
    var hw = SI.getHardware();
    List<Collector> direct =
        List.of(
            new DiskCollector(hw::getDiskStores), new NetCollector(() -> hw.getNetworkIFs(false)));
    List<Collector> oshi =
        List.of(
            new DiskCollector(hw::getDiskStores, null),
            new NetCollector(() -> hw.getNetworkIFs(false), null));
    for (int round = 0; round < 2; round++) {
      for (int c = 0; c < 2; c++) {
        List<Point> a = new ArrayList<>();
        List<Point> b = new ArrayList<>();
        direct.get(c).collect(System.currentTimeMillis(), System.nanoTime(), a);
        oshi.get(c).collect(System.currentTimeMillis(), System.nanoTime(), b);
        assertThat(a)
            .extracting(Point::tags)
            .containsExactlyElementsOf(b.stream().map(Point::tags).toList());
        for (int i = 0; i < a.size(); i++) {
          assertThat(a.get(i).fields().keySet()).isEqualTo(b.get(i).fields().keySet());
          if (a.get(i).measurement().equals("net")) {
            assertThat(a.get(i).fields().get("up")).isEqualTo(b.get(i).fields().get("up"));
            assertThat(a.get(i).fields().get("speed_bps"))
                .isEqualTo(b.get(i).fields().get("speed_bps"));
          }
        }
      }
      Thread.sleep(300);
    }
  }

  private static void assertGrewLittle(String what, long oshi, long direct, long slack) {
    assertThat(direct).as(what).isBetween(oshi, oshi + slack);
  }
}
