package io.vigil.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.model.Point;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

/** Netlink sock_diag counts on the real Linux host against the /proc/net/tcp{,6} tables. */
class NetlinkTcpStatesIT {

  private static long[] fromProc() throws IOException {
    long[] counts = new long[TcpStates.FIELDS.length];
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try (BufferedReader r = Files.newBufferedReader(Path.of(table), StandardCharsets.US_ASCII)) {
        TcpStates.count(r, counts);
      } catch (NoSuchFileException e) {
        // no IPv6
      }
    }
    return counts;
  }

  private static long[] fromNetlink(NetlinkTcpStates netlink) throws IOException {
    long[] counts = new long[TcpStates.FIELDS.length];
    netlink.count(counts);
    return counts;
  }

  @Test
  void netlinkAgreesWithProcNetTcp() throws IOException {
    assumeTrue(NetlinkTcpStates.supported() && Files.isReadable(Path.of("/proc/net/tcp")));
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (NetlinkTcpStates netlink = new NetlinkTcpStates();
        ServerSocket server = new ServerSocket(0, 50, loopback);
        Socket client = new Socket(loopback, server.getLocalPort());
        Socket accepted = server.accept()) {
      // Connections come and go on a shared host: compare a few times, keep the closest pair.
      long bestDifference = Long.MAX_VALUE;
      long[] netlinkCounts = null;
      long[] procCounts = null;
      for (int attempt = 0; attempt < 5 && bestDifference > 0; attempt++) {
        long[] before = fromProc();
        long[] viaNetlink = fromNetlink(netlink);
        long[] after = fromProc();
        long difference = 0;
        for (int state = 1; state < viaNetlink.length; state++) {
          long low = Math.min(before[state], after[state]);
          long high = Math.max(before[state], after[state]);
          difference +=
              viaNetlink[state] < low
                  ? low - viaNetlink[state]
                  : Math.max(0, viaNetlink[state] - high);
        }
        if (difference < bestDifference) {
          bestDifference = difference;
          netlinkCounts = viaNetlink;
          procCounts = after;
        }
      }
      assertThat(netlinkCounts[10]).as("listen, with our server socket").isPositive();
      assertThat(netlinkCounts[1]).as("established, with our connection").isGreaterThanOrEqualTo(2);
      long total = sum(procCounts);
      assertThat(bestDifference)
          .as(
              "netlink %s vs /proc %s",
              java.util.Arrays.toString(netlinkCounts), java.util.Arrays.toString(procCounts))
          .isLessThanOrEqualTo(Math.max(2, total / 20));
    }
  }

  @Test
  void theSocketIsReusedAcrossCollections() throws IOException {
    assumeTrue(NetlinkTcpStates.supported());
    try (NetlinkTcpStates netlink = new NetlinkTcpStates();
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 20; i++) {
        assertThat(fromNetlink(netlink)[10]).isPositive();
      }
    }
  }

  @Test
  void theCollectorUsesNetlinkOnLinux() {
    assumeTrue(NetlinkTcpStates.supported());
    TcpCollector collector =
        new TcpCollector(new SystemInfo().getOperatingSystem().getInternetProtocolStats());
    List<Point> out = new ArrayList<>();

    collector.collect(System.currentTimeMillis(), System.nanoTime(), out);

    assertThat(collector.usesNetlink()).isTrue();
    assertThat(out).hasSize(1);
    assertThat(out.getFirst().fields().get("total")).isPositive();
  }

  @Test
  void aFailingNetlinkFallsBackToProcAndIsGivenUpAfterRepeatedFailures() throws IOException {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")));
    int[] attempts = {0};
    NetlinkTcpStates failing =
        new NetlinkTcpStates() {
          @Override
          void count(long[] counts) throws IOException {
            attempts[0]++;
            counts[1] += 1000; // a partial count that must not leak into the figures
            throw new IOException("sock_diag: refused");
          }
        };
    TcpCollector collector =
        new TcpCollector(new SystemInfo().getOperatingSystem().getInternetProtocolStats(), failing);
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < TcpCollector.NETLINK_MAX_FAILURES + 2; i++) {
        List<Point> out = new ArrayList<>();
        collector.collect(System.currentTimeMillis(), System.nanoTime(), out);
        assertThat(out).hasSize(1);
        assertThat(out.getFirst().fields().get("listen")).isPositive();
        assertThat(out.getFirst().fields().get("established")).isLessThan(fromProc()[1] + 1000);
      }
    }
    assertThat(attempts[0]).isEqualTo(TcpCollector.NETLINK_MAX_FAILURES);
    assertThat(collector.usesNetlink()).isFalse();
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }
}
