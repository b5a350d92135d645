package io.vigil.agent.check.clients;

import io.vigil.agent.collect.NetlinkTcpStates.TcpSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Reads sockets from the {@code /proc/net/tcp} and {@code /proc/net/tcp6} tables, the fallback when
 * netlink sock_diag is refused. A line is {@code sl local rem st ...} with {@code local} and {@code
 * rem} as {@code ADDR:PORT} in hex; the address is printed as 32-bit words in host byte order (one
 * word for IPv4, four for IPv6), the port and state as plain hex numbers.
 */
final class ProcNetTcp {

  private ProcNetTcp() {}

  /**
   * Adds the sockets whose local port is {@code localPort} and whose state bit is in {@code
   * stateMask} (bit N = kernel state N), skipping the header and malformed lines.
   */
  static void parse(
      BufferedReader table, int localPort, int stateMask, ByteOrder order, List<TcpSocket> into)
      throws IOException {
    String line;
    while ((line = table.readLine()) != null) {
      TcpSocket socket = parseLine(line, order);
      if (socket != null
          && socket.localPort() == localPort
          && socket.state() < 32
          && (stateMask & (1 << socket.state())) != 0) {
        into.add(socket);
      }
    }
  }

  /** One table line, or null for the header or a malformed line. */
  static TcpSocket parseLine(String line, ByteOrder order) {
    String[] f = line.trim().split("\\s+", 5);
    if (f.length < 4 || !f[0].endsWith(":")) {
      return null;
    }
    try {
      int localColon = f[1].indexOf(':');
      int remoteColon = f[2].indexOf(':');
      if (localColon < 0 || remoteColon < 0) {
        return null;
      }
      return new TcpSocket(
          Integer.parseInt(f[3], 16),
          address(f[1].substring(0, localColon), order),
          Integer.parseInt(f[1].substring(localColon + 1), 16),
          address(f[2].substring(0, remoteColon), order),
          Integer.parseInt(f[2].substring(remoteColon + 1), 16));
    } catch (NumberFormatException | UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress address(String hex, ByteOrder order) throws UnknownHostException {
    if (hex.length() != 8 && hex.length() != 32) {
      throw new UnknownHostException("bad address " + hex);
    }
    ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(order);
    for (int i = 0; i < hex.length(); i += 8) {
      bytes.putInt(Integer.parseUnsignedInt(hex.substring(i, i + 8), 16));
    }
    // getByAddress turns an IPv4-mapped IPv6 address into an Inet4Address
    return InetAddress.getByAddress(bytes.array());
  }
}
