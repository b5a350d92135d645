package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.ingest.IngestPipeline;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-host ingest rate over real HTTP: a host past its burst is answered 429 with {@code
 * Retry-After} and nothing of the batch is stored; the same batch is taken once the host's budget
 * refilled, and other hosts are not slowed meanwhile.
 */
class IngestRateLimitIT {

  @TempDir static Path dataDir;
  static VigilServer server;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.ingest.max-points-per-second-per-host", "100")
            .property("vigil.ingest.points-burst-per-host", "300")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aHostPastItsBudgetIsToldToComeBackAndLosesNothing() {
    ProtocolAgent busy = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "busy");
    ProtocolAgent calm = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "calm");
    IngestPipeline pipeline = server.bean(IngestPipeline.class);
    long start = System.currentTimeMillis() - 60_000;

    assertThat(busy.send(1, ProtocolAgent.cpuPoints(start, 150)).status()).isEqualTo(200);
    assertThat(busy.send(2, ProtocolAgent.cpuPoints(start + 150_000, 150)).status()).isEqualTo(200);
    long stored = pipeline.storedPoints();

    ApiClient.Response refused = busy.send(3, ProtocolAgent.cpuPoints(start + 300_000, 150));
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.json().get("error").asString()).isEqualTo("rate_limited");
    assertThat(refused.json().get("message").asString())
        .contains("100 points per second")
        .contains("vigil.ingest.max-points-per-second-per-host");
    // 150 points missing at 100 per second, less what refilled since the last batch.
    assertThat(Integer.parseInt(refused.headers().get("retry-after").get(0))).isBetween(1, 2);
    assertThat(pipeline.storedPoints()).as("nothing of the refused batch").isEqualTo(stored);

    assertThat(calm.send(1, ProtocolAgent.cpuPoints(start, 300)).status())
        .as("other hosts have their own budget")
        .isEqualTo(200);

    await("the refused batch is taken once the budget refilled")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> busy.send(3, ProtocolAgent.cpuPoints(start + 300_000, 150)).status() == 200);
    assertThat(pipeline.storedPoints()).isEqualTo(stored + 300 + 150);
  }
}
