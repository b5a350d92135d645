package io.vigil.server.inventory;

import io.vigil.model.Inventory;
import io.vigil.model.WireCodec;
import org.springframework.stereotype.Service;

/**
 * Records what a host is, as its agent reports it. Parsed inventories are kept in memory: the host
 * list would otherwise parse every host's JSON on every refresh of every browser.
 */
@Service
public class HostInventory {

  private final HostRepository hosts;
  private final WireCodec codec = WireCodec.lenient();
  private final java.util.Map<Long, Inventory> parsed =
      new java.util.concurrent.ConcurrentHashMap<>();

  HostInventory(HostRepository hosts) {
    this.hosts = hosts;
  }

  public void update(long hostId, Inventory inventory) {
    hosts.updateInventory(
        hostId,
        inventory.hostname(),
        truncate(inventory.os(), 200),
        new String(codec.write(inventory), java.nio.charset.StandardCharsets.UTF_8));
    parsed.put(hostId, inventory);
  }

  /** The host's inventory from its stored JSON, parsed once; null before the first report. */
  Inventory of(long hostId, String json) {
    if (json == null) {
      return null;
    }
    return parsed.computeIfAbsent(
        hostId,
        id -> codec.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Inventory.class));
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
