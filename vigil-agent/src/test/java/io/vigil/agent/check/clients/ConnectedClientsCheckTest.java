package io.vigil.agent.check.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.agent.collect.NetlinkTcpStates.TcpSocket;
import io.vigil.model.CheckStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectedClientsCheckTest {

  private static final String TCP =
      """
        sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
         0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1
         1: 0100007F:1F90 0100007F:D4F2 01 00000000:00000000 00:00000000 00000000  1000        0 2 1
         2: 0100007F:D4F2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 3 1
         3: 0100007F:1F90 0700000A:9C40 06 00000000:00000000 00:00000000 00000000  1000        0 4 1
         4: garbage
      """;

  private static final String TCP6 =
      """
        sl  local_address                         remote_address                        st
         0: 00000000000000000000000001000000:1F90 0000000000000000FFFF00000200000A:A000 01 0
         1: 00000000000000000000000001000000:1F90 B80D0120000000000000000001000000:A001 01 0
      """;

  private static TcpSocket socket(int state, String remote, int localPort) throws Exception {
    return new TcpSocket(
        state, InetAddress.getByName("127.0.0.1"), localPort, InetAddress.getByName(remote), 40000);
  }

  @Test
  void procNetTcpLinesAreParsedInHostByteOrder() throws IOException {
    List<TcpSocket> out = new ArrayList<>();
    int states = (1 << 1) | (1 << 10);
    ProcNetTcp.parse(
        new BufferedReader(new StringReader(TCP)), 8080, states, ByteOrder.LITTLE_ENDIAN, out);
    ProcNetTcp.parse(
        new BufferedReader(new StringReader(TCP6)), 8080, states, ByteOrder.LITTLE_ENDIAN, out);

    assertThat(out)
        .extracting(
            s -> s.state() + " " + s.remoteAddress().getHostAddress() + ":" + s.remotePort())
        .containsExactly(
            "10 0.0.0.0:0", // the listener
            "1 127.0.0.1:54514", // not the client end (local port 54514), nor TIME_WAIT
            "1 10.0.0.2:40960", // IPv4-mapped: shown as IPv4
            "1 2001:db8:0:0:0:0:0:1:40961");
    assertThat(out.get(3).localAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
  }

  @Test
  void bigEndianHostsPrintTheWordsTheOtherWayRound() {
    TcpSocket s = ProcNetTcp.parseLine("0: 7F000001:0050 0A000007:C350 01 0", ByteOrder.BIG_ENDIAN);
    assertThat(s.localAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(s.remoteAddress().getHostAddress()).isEqualTo("10.0.0.7");
    assertThat(s.localPort()).isEqualTo(80);
    assertThat(ProcNetTcp.parseLine("0: 7F00:0050 0A000007:C350 01 0", ByteOrder.BIG_ENDIAN))
        .isNull();
  }

  @Test
  void topAddressesByConnectionsThenAddress() throws Exception {
    List<TcpSocket> sockets = new ArrayList<>();
    sockets.add(socket(10, "0.0.0.0", 5432));
    for (int i = 0; i < 3; i++) {
      sockets.add(socket(1, "10.0.0.9", 5432));
    }
    sockets.add(socket(1, "10.0.0.2", 5432));
    sockets.add(socket(1, "10.0.0.1", 5432));
    sockets.add(socket(1, "10.0.0.3", 9999)); // another port

    ConnectedClients result =
        ConnectedClientsCheck.summarize(sockets, new ConnectedClientsSettings(5432, 2, null, null));

    assertThat(result.outcome().status()).isEqualTo(CheckStatus.OK);
    assertThat(result.outcome().metrics())
        .containsEntry("established", 5.0)
        .containsEntry("remote_addresses", 3.0);
    assertThat(result.top())
        .containsExactly(new RemoteCount("10.0.0.9", 3), new RemoteCount("10.0.0.1", 1));
    assertThat(result.outcome().message())
        .isEqualTo(
            "5 established connections to port 5432 from 3 addresses, most from 10.0.0.9 (3)");
  }

  @Test
  void thresholdsAndAMissingListener() throws Exception {
    List<TcpSocket> sockets =
        List.of(socket(10, "0.0.0.0", 80), socket(1, "10.0.0.1", 80), socket(1, "10.0.0.2", 80));
    assertThat(
            ConnectedClientsCheck.summarize(sockets, new ConnectedClientsSettings(80, 5, 2, 3))
                .outcome())
        .satisfies(o -> assertThat(o.status()).isEqualTo(CheckStatus.WARNING))
        .satisfies(o -> assertThat(o.message()).contains("(warning at 2)"));
    assertThat(
            ConnectedClientsCheck.summarize(sockets, new ConnectedClientsSettings(80, 5, 1, 2))
                .outcome()
                .status())
        .isEqualTo(CheckStatus.CRITICAL);

    ConnectedClients closed =
        ConnectedClientsCheck.summarize(List.of(), ConnectedClientsSettings.of(80));
    assertThat(closed.outcome().status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(closed.outcome().message())
        .isEqualTo("nothing listens on port 80; 0 established connections to port 80");
    assertThat(closed.top()).isEmpty();
  }

  @Test
  void anUnreadableSocketTableIsUnknown() {
    ConnectedClientsCheck check =
        new ConnectedClientsCheck(
            ConnectedClientsSettings.of(80),
            (port, states) -> {
              throw new IOException("no /proc");
            });
    ConnectedClients result = check.run();
    assertThat(result.outcome().status()).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(result.outcome().message()).contains("no /proc");
  }

  @Test
  void invalidSettingsAreRefused() throws UnknownHostException {
    assertThatThrownBy(() -> new ConnectedClientsSettings(0, 5, null, null))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> new ConnectedClientsSettings(80, 0, null, null))
        .hasMessageContaining("top");
    assertThatThrownBy(() -> new ConnectedClientsSettings(80, 5, 10, 5))
        .hasMessageContaining("establishedWarn");
    assertThatThrownBy(() -> new RemoteCount("10.0.0.1", 0)).hasMessageContaining("connections");
  }
}
