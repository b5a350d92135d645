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
    return List.of(
        new CpuCollector(hw.getProcessor()),
        new LoadCollector(hw.getProcessor()),
        new MemCollector(hw.getMemory()),
        new SwapCollector(hw.getMemory().getVirtualMemory()),
        new FsCollector(os.getFileSystem()),
        new DiskCollector(hw::getDiskStores),
        new NetCollector(() -> hw.getNetworkIFs(false)),
        new TcpCollector(os.getInternetProtocolStats()),
        new SystemCollector(os),
        new ProcCollector(os, hw.getMemory().getPageSize()),
        new AgentSelfCollector(os, transport, hw.getMemory().getPageSize()));
  }
}
