package io.vigil.model;

import java.util.List;

/** What a host is: sent on first contact and whenever it changes. */
public record Inventory(
    String hostname,
    String os,
    String kernel,
    String architecture,
    String cpuModel,
    int cpuCores,
    int cpuThreads,
    long memoryBytes,
    long bootTime,
    String agentVersion,
    List<NetworkInterfaceInfo> interfaces) {

  public Inventory {
    Names.requireText("hostname", hostname, 253);
    interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    if (interfaces.size() > 1024) {
      throw new InvalidInputException("at most 1024 network interfaces");
    }
    if (cpuCores < 0 || cpuThreads < 0 || memoryBytes < 0) {
      throw new InvalidInputException("cpu and memory figures must not be negative");
    }
  }

  /** One network interface as the host sees it. */
  public record NetworkInterfaceInfo(
      String name, String mac, List<String> ipv4, List<String> ipv6, long speedBps, long mtu) {
    public NetworkInterfaceInfo {
      Names.requireText("interface name", name, 64);
      ipv4 = ipv4 == null ? List.of() : List.copyOf(ipv4);
      ipv6 = ipv6 == null ? List.of() : List.copyOf(ipv6);
    }
  }
}
