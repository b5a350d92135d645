package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server keeps in memory on the ingest path (acknowledged sequences, last-seen times) is
 * written back to the configuration database and found again after a restart.
 */
class RestartStateIT {

  @TempDir Path dataDir;

  @Test
  void acknowledgementsAndLastSeenSurviveARestart() {
    String token;
    String password;
    ProtocolAgent agent;
    long now = System.currentTimeMillis();
    try (VigilServer first = VigilServer.builder().dataDir(dataDir).start()) {
      token = first.enrolmentToken();
      password = first.generatedAdminPassword().orElseThrow();
      agent = ProtocolAgent.enrol(first.baseUri(), token, "restart-host");
      for (int seq = 1; seq <= 3; seq++) {
        assertThat(agent.send(seq, ProtocolAgent.cpuPoints(now - 10_000 + seq, 1)).status())
            .isEqualTo(200);
      }
    }

    try (VigilServer second = VigilServer.builder().dataDir(dataDir).start()) {
      ProtocolAgent again = agent.reconnect(second.baseUri());
      ApiClient.Response resent = again.send(2, ProtocolAgent.cpuPoints(now - 5_000, 1));
      assertThat(resent.status()).isEqualTo(200);
      assertThat(resent.json().get("ackSequence").asLong())
          .as("the acknowledgement of sequence 3 was kept")
          .isEqualTo(3);

      ApiClient admin = new ApiClient(second.baseUri());
      admin.login("admin", password);
      assertThat(admin.get("/api/v1/hosts").json().get(0).get("lastSeen").isNumber())
          .as("last-seen time written back before the first server stopped")
          .isTrue();
    }
  }
}
