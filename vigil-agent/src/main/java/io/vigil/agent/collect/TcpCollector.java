package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.InternetProtocolStats.IPConnection;

/**
 * {@code tcp}: connection counts per state, IPv4 and IPv6 together. On Linux the counts come from a
 * netlink sock_diag dump ({@link NetlinkTcpStates}); when netlink is not available (refused by a
 * sandbox, no sock_diag in the kernel) the kernel tables in /proc are parsed; elsewhere OSHI's
 * connection list is used.
 */
public final class TcpCollector implements Collector {

  private static final List<Path> LINUX_TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private static final Logger LOG = LoggerFactory.getLogger(TcpCollector.class);

  /** Consecutive netlink failures after which the agent stays with /proc. */
  static final int NETLINK_MAX_FAILURES = 3;

  private final InternetProtocolStats ipStats;
  private final boolean linux;
  private NetlinkTcpStates netlink;
  private int netlinkFailures;

  public TcpCollector(InternetProtocolStats ipStats) {
    this(ipStats, NetlinkTcpStates.supported() ? new NetlinkTcpStates() : null);
  }

  TcpCollector(InternetProtocolStats ipStats, NetlinkTcpStates netlink) {
    this.ipStats = ipStats;
    this.linux = Files.isReadable(LINUX_TABLES.getFirst());
    this.netlink = netlink;
  }

  /** Whether the counts currently come from netlink (false once it was given up). */
  boolean usesNetlink() {
    return netlink != null;
  }

  @Override
  public String key() {
    return "tcp";
  }

  @Override
  public void collect(long timestampMillis, long nanoTime, List<Point> out) {
    long[] counts = netlink != null ? fromNetlink() : null;
    if (counts == null) {
      counts = linux ? fromProc() : fromOshi();
    }
    Map<String, Double> fields = new HashMap<>(16);
    long total = 0;
    for (int state = 1; state < TcpStates.FIELDS.length; state++) {
      fields.merge(TcpStates.FIELDS[state], (double) counts[state], Double::sum);
      total += counts[state];
    }
    fields.put("total", (double) total);
    out.add(new Point("tcp", Map.of(), fields, timestampMillis));
  }

  /** The netlink counts, or null (after a failure) to fall back to /proc for this collection. */
  private long[] fromNetlink() {
    long[] counts = new long[TcpStates.FIELDS.length];
    try {
      netlink.count(counts);
      netlinkFailures = 0;
      return counts;
    } catch (IOException e) {
      if (++netlinkFailures >= NETLINK_MAX_FAILURES) {
        LOG.info(
            "TCP states: netlink sock_diag unavailable ({}); reading /proc/net/tcp instead",
            e.getMessage());
        netlink.close();
        netlink = null;
      } else {
        LOG.debug("TCP states: netlink dump failed ({}); /proc this time", e.getMessage());
      }
      return null;
    }
  }

  private static long[] fromProc() {
    long[] counts = new long[TcpStates.FIELDS.length];
    for (Path table : LINUX_TABLES) {
      try (BufferedReader reader = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
        TcpStates.count(reader, counts);
      } catch (NoSuchFileException e) {
        // IPv6 disabled: no tcp6 table.
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return counts;
  }

  private long[] fromOshi() {
    long[] counts = new long[TcpStates.FIELDS.length];
    for (IPConnection c : ipStats.getConnections()) {
      if (!c.getType().startsWith("tcp")) {
        continue;
      }
      int state =
          switch (c.getState()) {
            case ESTABLISHED -> 1;
            case SYN_SENT -> 2;
            case SYN_RECV -> 3;
            case FIN_WAIT_1 -> 4;
            case FIN_WAIT_2 -> 5;
            case TIME_WAIT -> 6;
            case CLOSED -> 7;
            case CLOSE_WAIT -> 8;
            case LAST_ACK -> 9;
            case LISTEN -> 10;
            case CLOSING -> 11;
            default -> 0;
          };
      counts[state]++;
    }
    return counts;
  }
}
