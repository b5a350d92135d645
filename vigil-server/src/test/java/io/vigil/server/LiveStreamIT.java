package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.LiveStream;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Browsers receive each stored batch over Server-Sent Events, filtered by host when asked. */
class LiveStreamIT {

  @TempDir static Path dataDir;
  static VigilServer server;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void storedBatchesReachSubscribersOfTheirHostOnly() {
    ProtocolAgent watched =
        ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "watched");
    ProtocolAgent other = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "other");
    ApiClient browser = new ApiClient(server.baseUri());
    browser.login("admin", server.generatedAdminPassword().orElseThrow());
    LiveStream stream = LiveStream.open(browser, "/api/v1/stream?host=" + watched.hostKey());
    List<String> lines = stream.lines();

    long now = System.currentTimeMillis();
    assertThat(other.send(1, ProtocolAgent.cpuPoints(now - 3_000, 1)).status()).isEqualTo(200);
    assertThat(watched.send(1, ProtocolAgent.cpuPoints(now - 2_000, 2)).status()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"watched\"")));
    assertThat(lines).contains("event:points");
    assertThat(lines.stream().filter(l -> l.startsWith("data:")))
        .allMatch(l -> l.contains("\"host\":\"watched\""))
        .noneMatch(l -> l.contains("\"other\""));
    stream.close();
  }
}
