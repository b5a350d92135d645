package io.vigil.agent.check.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.agent.check.CheckKindFixture;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.agent.collect.NetlinkTcpStates;
import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ConnectedClientsCheck} on the real kernel socket table, clients on 127.0.0.1. */
class ConnectedClientsCheckIT {

  private static final int CLIENTS = 4;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final List<AutoCloseable> open = new ArrayList<>();
  private ServerSocket server;

  @BeforeEach
  void connectClients() throws IOException {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux");
    server = new ServerSocket(0, 50, LOOPBACK);
    open.add(server);
    for (int i = 0; i < CLIENTS; i++) {
      open.add(new Socket(LOOPBACK, server.getLocalPort()));
      open.add(server.accept());
    }
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private void assertClients(ConnectedClientsCheck check) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              ConnectedClients result = check.run();
              assertThat(result.outcome().status()).isEqualTo(CheckStatus.OK);
              assertThat(result.outcome().metrics())
                  .containsEntry("established", (double) CLIENTS)
                  .containsEntry("remote_addresses", 1.0);
              assertThat(result.top()).containsExactly(new RemoteCount("127.0.0.1", CLIENTS));
            });
  }

  @Test
  void netlinkCountsTheClientsOfThePort() {
    assumeTrue(NetlinkTcpStates.supported());
    try (ConnectedClientsCheck check =
        new ConnectedClientsCheck(ConnectedClientsSettings.of(server.getLocalPort()))) {
      assertClients(check);
    }
  }

  @Test
  void procNetTcpFallbackCountsTheSame() {
    try (ConnectedClientsCheck check =
        new ConnectedClientsCheck(
            ConnectedClientsSettings.of(server.getLocalPort()),
            (port, states) -> TcpSocketSource.procNetTcp(Path.of("/proc/net"), port, states))) {
      assertClients(check);
    }
  }

  @Test
  void aPortNobodyListensOnIsCritical() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      closedPort = s.getLocalPort();
    }
    try (ConnectedClientsCheck check =
        new ConnectedClientsCheck(ConnectedClientsSettings.of(closedPort))) {
      ConnectedClients result = check.run();
      assertThat(result.outcome().status()).isEqualTo(CheckStatus.CRITICAL);
      assertThat(result.outcome().message()).startsWith("nothing listens on port " + closedPort);
      assertThat(result.top()).isEmpty();
    }
  }

  @Test
  void theClientsKindReportsRemotesAndTopAddressesAsDetails(@TempDir Path state) throws Exception {
    try (RunnableCheck check =
        CheckKindFixture.create(
            "clients",
            "web_clients",
            Map.of("port", Integer.toString(server.getLocalPort()), "max_warn", "3"),
            CheckKindFixture.context(state, List.of()))) {
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                CheckReport report = check.run();
                assertThat(report.status()).isEqualTo(CheckStatus.WARNING);
                assertThat(report.metrics())
                    .containsEntry("established", (double) CLIENTS)
                    .containsEntry("remotes", 1.0);
                assertThat(report.details()).containsExactly("127.0.0.1 " + CLIENTS);
              });
    }
  }
}
