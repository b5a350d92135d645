package io.vigil.agent.collect;

import java.util.List;
import java.util.function.Supplier;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OperatingSystem;

/** Builds every built-in collector over one shared {@link SystemInfo}. */
public final class CollectorSet {

  private CollectorSet() {}

  public static List<Collector> all(
      SystemInfo systemInfo, Supplier<AgentSelfCollector.TransportFigures> transport) {
    HardwareAbstractionLayer hw = systemInfo.getHardware();
    OperatingSystem os = systemInfo.getOperatingSystem();
    long pageSize = hw.getMemory().getPageSize();
    // One /proc listing per round for the process count and the process scan (Linux only).
    ProcListing listing =
        LinuxProcSource.available() ? new ProcListing(new java.io.File("/proc")) : null;
    // One /proc/meminfo read per round for mem and swap.
    MemInfo memInfo = MemInfo.supported() ? new MemInfo(MemInfo.PATH) : null;
    return List.of(
        new CpuCollector(hw.getProcessor()),
        new LoadCollector(hw.getProcessor()),
        new MemCollector(hw.getMemory(), memInfo),
        new SwapCollector(hw.getMemory().getVirtualMemory(), memInfo),
        new FsCollector(os.getFileSystem()),
        new DiskCollector(hw::getDiskStores),
        new NetCollector(() -> hw.getNetworkIFs(false)),
        new TcpCollector(os.getInternetProtocolStats()),
        new SystemCollector(os, listing),
        new ProcCollector(os, pageSize, listing),
        new AgentSelfCollector(os, transport, pageSize));
  }
}
