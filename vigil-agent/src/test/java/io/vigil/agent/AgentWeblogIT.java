package io.vigil.agent;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.agent.cli.AgentOptionsParser;
import io.vigil.agent.transport.ScriptedServerStandIn;
import io.vigil.model.AgentConfig;
import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.model.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled agent with a {@code weblog} item: the check's own points (traffic aggregates) reach
 * the server in the pushed batches beside the collectors' points, tagged with the item key, with
 * the exact counts of what the web server logged.
 */
class AgentWeblogIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path state;
  @TempDir Path logs;
  private ScriptedServerStandIn server;
  private Agent agent;
  private Thread runner;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.stop(runner);
    }
    if (server != null) {
      server.close();
    }
  }

  private List<Point> points(String measurement) {
    return server.stored().stream()
        .map(Batch::points)
        .flatMap(List::stream)
        .filter(p -> p.measurement().equals(measurement))
        .toList();
  }

  private long sum(String measurement, String field) {
    return points(measurement).stream()
        .mapToLong(p -> p.fields().getOrDefault(field, 0.0).longValue())
        .sum();
  }

  @Test
  void weblogPointsTravelInTheBatchesWithExactCounts() throws Exception {
    Path log = Files.writeString(logs.resolve("access.log"), "", UTF_8);
    server = new ScriptedServerStandIn();
    server.config(
        new AgentConfig(
            2,
            Map.of(
                "shop_log",
                new AgentConfig.Item(
                    1, true, "weblog", Map.of("paths", log.toString(), "top_interval", "1s")))));
    agent =
        new Agent(
            AgentOptionsParser.parse(
                "--server",
                server.uri().toString(),
                "--enrol-token",
                ScriptedServerStandIn.ENROLMENT_TOKEN,
                "--state-dir",
                state.toString(),
                "--push-interval-seconds",
                "1"));
    runner = Thread.ofPlatform().name("agent-under-test").start(agent::run);

    await().atMost(WAIT).until(() -> !points("weblog").isEmpty());
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      int status = i % 4 == 0 ? 503 : 200;
      lines.append(
          "198.51.100."
              + (i % 3)
              + " - - [01/Jun/2024:10:00:01 +0900] \"GET /p/"
              + (i % 2)
              + " HTTP/1.1\" "
              + status
              + " 100 \"-\" \"Mozilla/5.0 (compatible; Googlebot/2.1)\"\n");
    }
    Files.writeString(log, lines, UTF_8, StandardOpenOption.APPEND);

    await().atMost(WAIT).until(() -> sum("weblog", "requests") == 300);
    await().atMost(WAIT).until(() -> sum("weblog_top", "requests") >= 300 * 6);
    assertThat(sum("weblog", "status_5xx")).isEqualTo(75);
    assertThat(sum("weblog", "bytes")).isEqualTo(30_000);
    assertThat(points("weblog"))
        .allSatisfy(p -> assertThat(p.tags()).isEqualTo(Map.of("log", "shop_log")));
    assertThat(
            points("weblog_top").stream()
                .filter(p -> p.tags().get("dim").equals("bot"))
                .mapToLong(p -> p.fields().get("requests").longValue())
                .sum())
        .isEqualTo(300);
    CheckResult result =
        server.stored().stream()
            .map(Batch::checks)
            .flatMap(List::stream)
            .filter(r -> r.item().equals("shop_log") && r.metrics().get("requests") > 0)
            .findFirst()
            .orElseThrow();
    assertThat(result.kind()).isEqualTo("weblog");
    assertThat(result.status()).isEqualTo(CheckStatus.OK);
    assertThat(result.details()).isNotEmpty().allSatisfy(d -> assertThat(d).contains("\" 503 "));
  }
}
