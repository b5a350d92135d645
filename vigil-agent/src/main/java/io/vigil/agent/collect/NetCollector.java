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
 * {@code net{iface}}: traffic rates, link state and speed per interface (loopback excluded). OSHI
 * lists the interfaces every few minutes; in between, on Linux, the figures come from {@code
 * /proc/net/dev} and three small sysfs files per interface ({@link NetDev}). Elsewhere, or for an
 * interface /proc/net/dev does not show, the kept OSHI objects are refreshed.
 */
public final class NetCollector implements Collector {

  private static final long REDISCOVER_NANOS = 300_000_000_000L;

  private final Supplier<List<NetworkIF>> discover;
  private final NetDev direct;
  private final CounterRates<String> rates = new CounterRates<>();
  private List<NetworkIF> interfaces;
  private byte[][] names = new byte[0][];
  private NetDev.SysFiles[] sysFiles = new NetDev.SysFiles[0];
  private String[] tags = new String[0];
  private long[] values = new long[0];
  private boolean[] found = new boolean[0];
  private long discoveredAt;

  public NetCollector(Supplier<List<NetworkIF>> discover) {
    this(discover, NetDev.supported() ? new NetDev(NetDev.PATH) : null);
  }

  NetCollector(Supplier<List<NetworkIF>> discover, NetDev direct) {
    this.discover = discover;
    this.direct = direct;
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
      int n = interfaces.size();
      this.names = new byte[n][];
      sysFiles = new NetDev.SysFiles[n];
      tags = new String[n];
      for (int i = 0; i < n; i++) {
        String name = interfaces.get(i).getName();
        this.names[i] = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        sysFiles[i] = new NetDev.SysFiles(name);
        tags[i] = TagValues.clean(name, "?");
      }
      values = new long[n * NetDev.COUNT];
      found = new boolean[n];
    }
    boolean read = direct != null && direct.read(names, values, found);
    for (int i = 0; i < interfaces.size(); i++) {
      NetworkIF nif = interfaces.get(i);
      double[] r;
      boolean up;
      long speed;
      if (read && found[i]) {
        int at = i * NetDev.COUNT;
        r =
            rates.update(
                nif.getName(),
                nanoTime,
                values[at + NetDev.RX_BYTES],
                values[at + NetDev.TX_BYTES],
                values[at + NetDev.RX_PACKETS],
                values[at + NetDev.TX_PACKETS],
                values[at + NetDev.RX_ERRORS],
                values[at + NetDev.TX_ERRORS],
                direct.rxDropped(sysFiles[i]));
        if (r == null) {
          continue;
        }
        up = direct.up(sysFiles[i]);
        speed = direct.speed(sysFiles[i]);
      } else {
        if (!fresh) {
          nif.updateAttributes();
        }
        r =
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
        up = nif.getIfOperStatus() == NetworkIF.IfOperStatus.UP;
        speed = nif.getSpeed();
      }
      Map<String, Double> fields = new HashMap<>(16);
      put(fields, "rx_bytes_ps", r[0]);
      put(fields, "tx_bytes_ps", r[1]);
      put(fields, "rx_packets_ps", r[2]);
      put(fields, "tx_packets_ps", r[3]);
      put(fields, "rx_errors_ps", r[4]);
      put(fields, "tx_errors_ps", r[5]);
      put(fields, "rx_drops_ps", r[6]);
      fields.put("up", up ? 1.0 : 0.0);
      fields.put("speed_bps", (double) Math.max(0, speed));
      out.add(new Point("net", Map.of("iface", tags[i]), fields, timestampMillis));
    }
  }

  /** A counter that went backwards (driver reset) yields no value rather than a bogus spike. */
  private static void put(Map<String, Double> fields, String name, double rate) {
    if (!Double.isNaN(rate)) {
      fields.put(name, rate);
    }
  }
}
