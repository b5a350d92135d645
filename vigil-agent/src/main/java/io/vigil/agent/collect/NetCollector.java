package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import oshi.hardware.NetworkIF;

/**
 * {@code net{iface}}: traffic rates, link state and speed per interface (loopback excluded). The
 * OSHI interface objects are reused and refreshed; the list is rebuilt every few minutes.
 */
public final class NetCollector implements Collector {

  private static final long REDISCOVER_NANOS = 300_000_000_000L;

  private final Supplier<List<NetworkIF>> discover;
  private final CounterRates<String> rates = new CounterRates<>();
  private List<NetworkIF> interfaces;
  private long discoveredAt;

  public NetCollector(Supplier<List<NetworkIF>> discover) {
    this.discover = discover;
  }

  @Override
  public String key() {
    return "net";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    boolean fresh = false;
    if (interfaces == null || nanoTime - discoveredAt > REDISCOVER_NANOS) {
      interfaces = discover.get();
      discoveredAt = nanoTime;
      fresh = true;
      Set<String> names = new HashSet<>();
      interfaces.forEach(i -> names.add(i.getName()));
      rates.retainOnly(names);
    }
    for (NetworkIF nif : interfaces) {
      if (!fresh) {
        nif.updateAttributes();
      }
      double[] r =
          rates.update(
              nif.getName(),
              nanoTime,
              nif.getBytesRecv(),
              nif.getBytesSent(),
              nif.getPacketsRecv(),
              nif.getPacketsSent(),
              nif.getInErrors(),
              nif.getOutErrors(),
              nif.getInDrops());
      if (r == null) {
        continue;
      }
      Map<String, Double> fields = new HashMap<>(16);
      put(fields, "rx_bytes_ps", r[0]);
      put(fields, "tx_bytes_ps", r[1]);
      put(fields, "rx_packets_ps", r[2]);
      put(fields, "tx_packets_ps", r[3]);
      put(fields, "rx_errors_ps", r[4]);
      put(fields, "tx_errors_ps", r[5]);
      put(fields, "rx_drops_ps", r[6]);
      fields.put("up", nif.getIfOperStatus() == NetworkIF.IfOperStatus.UP ? 1.0 : 0.0);
      fields.put("speed_bps", (double) Math.max(0, nif.getSpeed()));
      out.add(
          new Point(
              "net", Map.of("iface", TagValues.clean(nif.getName(), "?")), fields,
              timestampMillis));
    }
  }

  /** A counter that went backwards (driver reset) yields no value rather than a bogus spike. */
  private static void put(Map<String, Double> fields, String name, double rate) {
    if (!Double.isNaN(rate)) {
      fields.put(name, rate);
    }
  }
}
