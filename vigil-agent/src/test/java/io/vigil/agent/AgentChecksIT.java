package io.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.agent.cli.AgentOptionsParser;
import io.vigil.agent.transport.ScriptedServerStandIn;
import io.vigil.model.AgentConfig;
import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled {@link Agent} (collectors, schedule, check runner, spool, sender) against a
 * scripted server: check items of the config it fetches run, and their results reach the server in
 * the pushed batches next to the points; a config change adds, changes and removes checks.
 */
class AgentChecksIT {

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

  private static AgentConfig.Item check(String kind, Map<String, String> params) {
    return new AgentConfig.Item(1, true, kind, params);
  }

  private List<CheckResult> results(String item) {
    return server.stored().stream()
        .map(Batch::checks)
        .flatMap(List::stream)
        .filter(r -> r.item().equals(item))
        .toList();
  }

  private CheckResult awaitResult(String item, Predicate<CheckResult> wanted) {
    return await()
        .atMost(WAIT)
        .until(
            () -> results(item).stream().filter(wanted).findFirst().orElse(null), r -> r != null);
  }

  @Test
  void checkItemsOfTheConfigRunAndTheirResultsArriveInTheBatches() throws Exception {
    Path log = Files.writeString(logs.resolve("app.log"), "ERROR from before the agent\n");
    try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(listening.getLocalPort());
      server = new ScriptedServerStandIn();
      server.config(
          new AgentConfig(
              2,
              Map.of(
                  "proc", new AgentConfig.Item(60, false),
                  "web_port", check("port", Map.of("port", port, "timeout", "2s")),
                  "gpu", check("gpu_temp", Map.of()),
                  "bad_port", check("port", Map.of("port", "http")),
                  "app_log",
                      check("log", Map.of("path", log.toString(), "patterns", "CRITICAL ERROR")))));
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

      CheckResult portOk = awaitResult("web_port", r -> true);
      assertThat(portOk.kind()).isEqualTo("port");
      assertThat(portOk.status()).as(portOk.message()).isEqualTo(CheckStatus.OK);
      assertThat(portOk.metrics()).containsKey("connect_ms");
      assertThat(portOk.durationMs()).isPositive();

      CheckResult gpu = awaitResult("gpu", r -> true);
      assertThat(gpu.status()).isEqualTo(CheckStatus.UNKNOWN);
      assertThat(gpu.message()).startsWith("unknown check kind gpu_temp; this agent runs ");
      CheckResult bad = awaitResult("bad_port", r -> true);
      assertThat(bad.status()).isEqualTo(CheckStatus.UNKNOWN);
      assertThat(bad.message())
          .isEqualTo(
              "invalid parameters: parameter port of kind port must be a whole number from 1 to"
                  + " 65535, was 'http'");
      awaitResult("gpu", r -> r.timestamp() > gpu.timestamp()); // every interval, not once

      CheckResult quiet = awaitResult("app_log", r -> true);
      assertThat(quiet.status()).isEqualTo(CheckStatus.OK);
      assertThat(quiet.metrics()).containsEntry("matches_1", 0.0);
      Files.writeString(log, "ERROR now\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      CheckResult error = awaitResult("app_log", r -> r.status() == CheckStatus.CRITICAL);
      assertThat(error.metrics()).containsEntry("matches_1", 1.0);
      assertThat(error.details()).containsExactly("ERROR now");
      assertThat(state.resolve("checks/app_log.state")).exists();
      // the persisted config holds check parameters, possibly secrets: owner-only
      assertThat(Files.readString(state.resolve("config.json"))).contains("\"kind\":\"port\"");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(state.resolve("config.json"))))
          .isEqualTo("rw-------");
      assertThat(server.stored().stream().mapToInt(b -> b.points().size()).sum())
          .as("points travel alongside")
          .isPositive();

      // A new config: gpu removed, web_port pointed at a closed port.
      int closed;
      try (ServerSocket s = new ServerSocket(0)) {
        closed = s.getLocalPort();
      }
      server.config(
          new AgentConfig(
              3,
              Map.of(
                  "web_port",
                  check("port", Map.of("port", Integer.toString(closed), "timeout", "2s")))));
      CheckResult refused = awaitResult("web_port", r -> r.status() == CheckStatus.CRITICAL);
      assertThat(refused.message()).contains(Integer.toString(closed));
      int gpuResults = results("gpu").size();
      long after = refused.timestamp();
      awaitResult("web_port", r -> r.timestamp() > after + 2_000);
      assertThat(results("gpu")).as("a removed item stops reporting").hasSize(gpuResults);
    }
  }
}
