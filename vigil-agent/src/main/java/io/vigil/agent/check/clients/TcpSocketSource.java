package io.vigil.agent.check.clients;

import io.vigil.agent.collect.NetlinkTcpStates;
import io.vigil.agent.collect.NetlinkTcpStates.TcpSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The TCP sockets of one local port, by netlink sock_diag or else from /proc/net/tcp{,6}. */
interface TcpSocketSource extends AutoCloseable {

  /** The sockets whose local port is {@code port} and whose state bit is in {@code stateMask}. */
  List<TcpSocket> sockets(int port, int stateMask) throws IOException;

  @Override
  default void close() {}

  /**
   * Netlink first; after a netlink failure the /proc tables for the rest of the instance's life.
   */
  static TcpSocketSource linux() {
    return new TcpSocketSource() {
      private static final Logger LOG = LoggerFactory.getLogger(TcpSocketSource.class);
      private NetlinkTcpStates netlink =
          NetlinkTcpStates.supported() ? new NetlinkTcpStates() : null;

      @Override
      public List<TcpSocket> sockets(int port, int stateMask) throws IOException {
        if (netlink != null) {
          List<TcpSocket> out = new ArrayList<>();
          try {
            netlink.sockets(stateMask, port, out);
            return out;
          } catch (IOException e) {
            LOG.info(
                "netlink sock_diag failed ({}); reading /proc/net/tcp and tcp6 instead",
                e.toString());
            netlink.close();
            netlink = null;
          }
        }
        return procNetTcp(Path.of("/proc/net"), port, stateMask);
      }

      @Override
      public void close() {
        if (netlink != null) {
          netlink.close();
        }
      }
    };
  }

  /** The /proc tables only; {@code tcp6} may be missing (no IPv6). */
  static List<TcpSocket> procNetTcp(Path procNet, int port, int stateMask) throws IOException {
    List<TcpSocket> out = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      try (BufferedReader r =
          Files.newBufferedReader(procNet.resolve(table), StandardCharsets.US_ASCII)) {
        ProcNetTcp.parse(r, port, stateMask, ByteOrder.nativeOrder(), out);
      } catch (NoSuchFileException e) {
        if (table.equals("tcp")) {
          throw e;
        }
      }
    }
    return out;
  }
}
