package io.vigil.server.inventory;

import io.vigil.model.Inventory;
import io.vigil.model.WireCodec;
import org.springframework.stereotype.Service;

/** Records what a host is, as its agent reports it. */
@Service
public class HostInventory {

  private final HostRepository hosts;
  private final WireCodec codec = WireCodec.lenient();

  HostInventory(HostRepository hosts) {
    this.hosts = hosts;
  }

  public void update(long hostId, Inventory inventory) {
    hosts.updateInventory(
        hostId,
        inventory.hostname(),
        truncate(inventory.os(), 200),
        new String(codec.write(inventory), java.nio.charset.StandardCharsets.UTF_8));
  }

  Inventory parse(String json) {
    return json == null
        ? null
        : codec.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Inventory.class);
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
