package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.AgentProcess;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.Resolution;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real agent process against a real server over HTTP: enrolment, collection, and no sample lost
 * across a server restart and a two-minute outage. The agent collects every second (set centrally),
 * so every missing batch would show as a gap in the stored CPU series.
 */
class AgentToServerIT {

  static final Duration OUTAGE = Duration.ofMinutes(2);

  @TempDir Path dataDir;
  @TempDir Path agentDir;
  VigilServer server;
  AgentProcess agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private VigilServer startServer(int port) {
    return VigilServer.builder()
        .dataDir(dataDir)
        .port(port)
        .property("vigil.items.default-interval", "1s")
        .start();
  }

  @Test
  void agentDataSurvivesAServerRestartAndATwoMinuteOutageWithoutLoss() throws Exception {
    int port = freePort();
    server = startServer(port);
    String enrolmentToken = server.enrolmentToken();
    agent = AgentProcess.start(server.baseUri(), enrolmentToken, agentDir.resolve("state"));

    String hostKey =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(this::onlyHostKey, key -> key != null && cpuTimestamps(key).length >= 5);
    long[] warmup = cpuTimestamps(hostKey);
    Instant checkedFrom = Instant.ofEpochMilli(warmup[warmup.length - 1]);

    server.close();
    server = startServer(port);
    await().atMost(Duration.ofSeconds(60)).until(() -> newestAge(hostKey).toSeconds() < 5);

    server.close();
    server = null;
    // The outage itself is what is tested: the agent must spool for its whole length.
    Thread.sleep(OUTAGE.toMillis());
    assertThat(agent.isAlive()).as(agent.log()).isTrue();
    server = startServer(port);
    Instant backAt = Instant.now();

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> newestAfter(hostKey, backAt.plusSeconds(3)));
    long[] stored = cpuTimestamps(hostKey);
    long[] checked = Arrays.stream(stored).filter(ts -> ts >= checkedFrom.toEpochMilli()).toArray();

    long spanSeconds = (checked[checked.length - 1] - checked[0]) / 1000;
    assertThat(spanSeconds).isGreaterThan(OUTAGE.toSeconds());
    assertThat(largestGapMillis(checked))
        .as("largest gap between stored CPU samples across restart and outage")
        .isLessThanOrEqualTo(3_000);
    assertThat((long) checked.length).isGreaterThanOrEqualTo(spanSeconds * 9 / 10);
  }

  private String onlyHostKey() {
    List<String> hosts =
        server
            .bean(org.springframework.jdbc.core.simple.JdbcClient.class)
            .sql("SELECT host_key FROM hosts")
            .query(String.class)
            .list();
    return hosts.size() == 1 ? hosts.get(0) : null;
  }

  private long[] cpuTimestamps(String hostKey) {
    Instant now = Instant.now();
    MetricStore store = server.bean(MetricStore.class);
    if (!store.measurements().contains("cpu")) {
      return new long[0];
    }
    return store
        .range(
            new RangeQuery(
                "cpu",
                Map.of("host", hostKey, "cpu", "total"),
                List.of("used_pct"),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofMinutes(1)),
                Resolution.RAW))
        .series()
        .stream()
        .flatMapToLong(s -> Arrays.stream(s.timestamps()))
        .sorted()
        .toArray();
  }

  private Duration newestAge(String hostKey) {
    long[] ts = cpuTimestamps(hostKey);
    return ts.length == 0
        ? Duration.ofDays(1)
        : Duration.between(Instant.ofEpochMilli(ts[ts.length - 1]), Instant.now());
  }

  private boolean newestAfter(String hostKey, Instant instant) {
    long[] ts = cpuTimestamps(hostKey);
    return ts.length > 0 && ts[ts.length - 1] > instant.toEpochMilli();
  }

  private static long largestGapMillis(long[] sorted) {
    long largest = 0;
    for (int i = 1; i < sorted.length; i++) {
      largest = Math.max(largest, sorted[i] - sorted[i - 1]);
    }
    return largest;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
