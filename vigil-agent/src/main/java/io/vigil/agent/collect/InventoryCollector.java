package io.vigil.agent.collect;

import io.vigil.model.Inventory;
import io.vigil.model.Inventory.NetworkInterfaceInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OperatingSystem;

/**
 * What the host is. Lists are sorted so two inventories of an unchanged host are {@code equals},
 * which is how the agent decides to re-send it.
 */
public final class InventoryCollector {

  private final HardwareAbstractionLayer hw;
  private final OperatingSystem os;
  private final String agentVersion;

  public InventoryCollector(SystemInfo systemInfo, String agentVersion) {
    this.hw = systemInfo.getHardware();
    this.os = systemInfo.getOperatingSystem();
    this.agentVersion = agentVersion;
  }

  public Inventory collect() {
    CentralProcessor cpu = hw.getProcessor();
    OperatingSystem.OSVersionInfo version = os.getVersionInfo();
    List<NetworkInterfaceInfo> interfaces = new ArrayList<>();
    for (NetworkIF nif : hw.getNetworkIFs(false)) {
      interfaces.add(
          new NetworkInterfaceInfo(
              nif.getName(),
              nif.getMacaddr(),
              sorted(nif.getIPv4addr()),
              sorted(nif.getIPv6addr()),
              Math.max(0, nif.getSpeed()),
              nif.getMTU()));
    }
    interfaces.sort(Comparator.comparing(NetworkInterfaceInfo::name));
    return new Inventory(
        hostname(),
        os.getFamily() + " " + version.getVersion(),
        version.getBuildNumber(),
        System.getProperty("os.arch"),
        cpu.getProcessorIdentifier().getName().strip(),
        cpu.getPhysicalProcessorCount(),
        cpu.getLogicalProcessorCount(),
        hw.getMemory().getTotal(),
        os.getSystemBootTime() * 1000,
        agentVersion,
        interfaces);
  }

  public String hostname() {
    String name = os.getNetworkParams().getHostName();
    return name == null || name.isBlank() ? "localhost" : name.strip();
  }

  private static List<String> sorted(String[] addresses) {
    String[] copy = addresses.clone();
    Arrays.sort(copy);
    return List.of(copy);
  }
}
