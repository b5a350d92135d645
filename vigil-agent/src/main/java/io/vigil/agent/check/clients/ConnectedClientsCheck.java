package io.vigil.agent.check.clients;

import io.vigil.agent.collect.NetlinkTcpStates;
import io.vigil.agent.collect.NetlinkTcpStates.TcpSocket;
import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who is connected to a local listening port: the number of ESTABLISHED connections to it and the
 * remote addresses with the most of them. Reads the kernel's socket table (netlink sock_diag, as
 * {@code ss -tn state established '( sport = :PORT )'}, with /proc/net/tcp{,6} as the fallback).
 *
 * <p>Metrics: {@code established}, {@code remote_addresses} (distinct). Status: CRITICAL when
 * nothing listens on the port; WARNING/CRITICAL from the optional thresholds on {@code
 * established}; UNKNOWN when the socket table cannot be read. One instance per configured check (it
 * keeps a netlink socket open: {@link #close} it); runs are serialized.
 */
public final class ConnectedClientsCheck implements AutoCloseable {

  /** The kernel's TCP_LISTEN state number. */
  static final int LISTEN = 10;

  private static final int STATES = (1 << NetlinkTcpStates.ESTABLISHED) | (1 << LISTEN);

  private final ConnectedClientsSettings settings;
  private final TcpSocketSource source;

  public ConnectedClientsCheck(ConnectedClientsSettings settings) {
    this(settings, TcpSocketSource.linux());
  }

  ConnectedClientsCheck(ConnectedClientsSettings settings, TcpSocketSource source) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.source = Objects.requireNonNull(source, "source");
  }

  public ConnectedClientsSettings settings() {
    return settings;
  }

  public synchronized ConnectedClients run() {
    List<TcpSocket> sockets;
    try {
      sockets = source.sockets(settings.port(), STATES);
    } catch (IOException e) {
      return new ConnectedClients(
          CheckOutcome.of(CheckStatus.UNKNOWN, "cannot read the TCP socket table: " + e),
          List.of());
    }
    return summarize(sockets, settings);
  }

  /** The outcome for the sockets of the port (other ports and states are ignored). */
  static ConnectedClients summarize(List<TcpSocket> sockets, ConnectedClientsSettings settings) {
    boolean listening = false;
    int established = 0;
    Map<String, Integer> perAddress = new HashMap<>();
    for (TcpSocket s : sockets) {
      if (s.localPort() != settings.port()) {
        continue;
      }
      if (s.state() == LISTEN) {
        listening = true;
      } else if (s.state() == NetlinkTcpStates.ESTABLISHED) {
        established++;
        perAddress.merge(s.remoteAddress().getHostAddress(), 1, Integer::sum);
      }
    }
    List<RemoteCount> all = new ArrayList<>(perAddress.size());
    perAddress.forEach((address, count) -> all.add(new RemoteCount(address, count)));
    all.sort(
        Comparator.comparingInt(RemoteCount::connections)
            .reversed()
            .thenComparing(RemoteCount::address));
    List<RemoteCount> top = all.subList(0, Math.min(settings.top(), all.size()));

    CheckStatus status = CheckStatus.OK;
    String limit = "";
    if (!listening) {
      status = CheckStatus.CRITICAL;
    } else if (settings.establishedCrit() != null && established >= settings.establishedCrit()) {
      status = CheckStatus.CRITICAL;
      limit = " (critical at " + settings.establishedCrit() + ")";
    } else if (settings.establishedWarn() != null && established >= settings.establishedWarn()) {
      status = CheckStatus.WARNING;
      limit = " (warning at " + settings.establishedWarn() + ")";
    }
    StringBuilder m = new StringBuilder();
    if (!listening) {
      m.append("nothing listens on port ").append(settings.port()).append("; ");
    }
    m.append(established)
        .append(established == 1 ? " established connection" : " established connections")
        .append(" to port ")
        .append(settings.port())
        .append(limit);
    if (!all.isEmpty()) {
      m.append(" from ").append(all.size()).append(all.size() == 1 ? " address" : " addresses");
      m.append(", most from ").append(top.get(0).address());
      m.append(" (").append(top.get(0).connections()).append(')');
    }
    Map<String, Double> metrics =
        Map.of("established", (double) established, "remote_addresses", (double) all.size());
    return new ConnectedClients(new CheckOutcome(status, m.toString(), metrics), top);
  }

  @Override
  public synchronized void close() {
    source.close();
  }
}
