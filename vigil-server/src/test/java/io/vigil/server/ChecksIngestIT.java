package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.server.ingest.IngestPipeline;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.LiveStream;
import io.vigil.server.testing.ProtocolAgent;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Check results sent by an agent in its batches: the latest result per item on the host's checks
 * table, the status counts of the host list, the history as measurement {@code check}, the live
 * stream, refusal of invalid results, and the latest state across a server restart.
 */
class ChecksIngestIT {

  @TempDir Path dataDir;

  @Test
  void checkResultsBecomeLatestStateHistoryAndLiveEventsAndSurviveARestart() {
    String password;
    ProtocolAgent agent;
    long now = System.currentTimeMillis();
    long okAt = now - 20_000;
    long criticalAt = now - 10_000;
    try (VigilServer server = VigilServer.builder().dataDir(dataDir).start()) {
      password = server.generatedAdminPassword().orElseThrow();
      agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "checks-host");
      ApiClient admin = new ApiClient(server.baseUri());
      assertThat(admin.login("admin", password).status()).isEqualTo(200);
      putItem(admin, agent.hostKey(), "web_port", "port", 30, "{\"port\":\"80\"}");
      putItem(admin, agent.hostKey(), "home_page", "http", 60, "{\"url\":\"http://127.0.0.1/\"}");

      JsonNode before = checks(admin, agent.hostKey());
      assertThat(before).as("configured checks are listed before they run").hasSize(2);
      assertThat(row(before, "web_port").get("status").isNull()).isTrue();
      assertThat(row(before, "web_port").get("runsOn").asText()).isEqualTo("agent");

      List<String> live = subscribe(admin, agent.hostKey());
      assertThat(
              agent
                  .sendChecks(
                      1,
                      ProtocolAgent.cpuPoints(okAt, 1),
                      List.of(
                          result("web_port", okAt, CheckStatus.OK, "127.0.0.1:80 answered", 0.4)))
                  .status())
          .isEqualTo(200);
      ApiClient.Response second =
          agent.sendChecks(
              2,
              List.of(),
              List.of(
                  result(
                      "web_port",
                      criticalAt,
                      CheckStatus.CRITICAL,
                      "connect to 127.0.0.1:80 refused",
                      1.5),
                  result("gone_item", criticalAt, CheckStatus.WARNING, "not configured", 1)));
      assertThat(second.status()).as(second.body()).isEqualTo(200);
      assertThat(second.json().get("ackSequence").asLong()).isEqualTo(2);

      JsonNode latest = row(checks(admin, agent.hostKey()), "web_port");
      assertThat(latest.get("status").asText()).isEqualTo("CRITICAL");
      assertThat(latest.get("message").asText()).isEqualTo("connect to 127.0.0.1:80 refused");
      assertThat(latest.get("lastRun").asLong()).isEqualTo(criticalAt);
      assertThat(latest.get("kind").asText()).isEqualTo("port");
      assertThat(latest.get("intervalSeconds").asInt()).isEqualTo(30);
      assertThat(latest.get("metrics").get("connect_ms").asDouble()).isEqualTo(1.5);
      JsonNode all = checks(admin, agent.hostKey());
      assertThat(all).as("results of items no longer configured are left out").hasSize(2);
      assertThat(row(all, "home_page").get("status").isNull()).isTrue();

      JsonNode host = hostSummary(admin, agent.hostKey());
      assertThat(host.get("checks").get("CRITICAL").asInt()).isEqualTo(1);
      assertThat(host.get("checks").get("OK").asInt()).isZero();
      assertThat(host.get("checks").get("WARNING").asInt())
          .as("the WARNING of the unconfigured item is not counted")
          .isZero();
      assertThat(host.get("checks").get("UNKNOWN").asInt()).isZero();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(history(admin, agent.hostKey(), now)).containsExactly(0.0, 2.0));
      JsonNode metric =
          admin
              .get(
                  "/api/v1/query/range?host="
                      + agent.hostKey()
                      + "&measurement=check_metric&tag=check:web_port&tag=metric:connect_ms"
                      + "&fields=value&resolution=raw&from="
                      + (now - 60_000)
                      + "&to="
                      + (now + 60_000))
              .json();
      assertThat(metric.get("series").get(0).get("fields").get("value").get("avg"))
          .extracting(JsonNode::asDouble)
          .containsExactly(0.4, 1.5);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> live.stream().anyMatch(l -> l.startsWith("data:") && l.contains("refused")));
      assertThat(live).contains("event:checks");

      refusesInvalidResultsAndStoresNothing(server, agent, admin, now);
    }

    try (VigilServer restarted = VigilServer.builder().dataDir(dataDir).start()) {
      ApiClient admin = new ApiClient(restarted.baseUri());
      assertThat(admin.login("admin", password).status()).isEqualTo(200);
      JsonNode kept = row(checks(admin, agent.hostKey()), "web_port");
      assertThat(kept.get("status").asText()).isEqualTo("CRITICAL");
      assertThat(kept.get("message").asText()).isEqualTo("connect to 127.0.0.1:80 refused");
      assertThat(kept.get("lastRun").asLong()).isEqualTo(criticalAt);
      assertThat(hostSummary(admin, agent.hostKey()).get("checks").get("CRITICAL").asInt())
          .isEqualTo(1);
    }
  }

  private void refusesInvalidResultsAndStoresNothing(
      VigilServer server, ProtocolAgent agent, ApiClient admin, long now) {
    long storedBefore = server.bean(IngestPipeline.class).storedPoints();
    String cpu =
        "{\"measurement\":\"cpu\",\"tags\":{\"cpu\":\"total\"},\"fields\":{\"used_pct\":1},"
            + "\"timestamp\":"
            + now
            + "}";
    assertRefused(
        agent,
        batch(3, cpu, checkJson(now, "\"message\":\"x\",\"metrics\":{\"Bad-Name\":1}")),
        "metric name must match");
    assertRefused(
        agent,
        batch(3, cpu, checkJson(now, "\"message\":\"" + "m".repeat(2000) + "\",\"metrics\":{}")),
        "message longer than 1024");
    assertRefused(
        agent,
        batch(3, cpu, checkJson(now, "\"message\":\"x\",\"metrics\":{\"connect_ms\":NaN}")),
        null);
    assertRefused(
        agent,
        batch(3, cpu, checkJson(now, "\"message\":\"x\",\"metrics\":{\"connect_ms\":1e999}")),
        "finite");
    assertRefused(
        agent,
        batch(
            3,
            cpu,
            checkJson(now - Duration.ofDays(30).toMillis(), "\"message\":\"x\",\"metrics\":{}")),
        "older than");

    assertThat(server.bean(IngestPipeline.class).storedPoints())
        .as("nothing of a refused batch is stored")
        .isEqualTo(storedBefore);
    JsonNode latest = row(checks(admin, agent.hostKey()), "web_port");
    assertThat(latest.get("status").asText()).isEqualTo("CRITICAL");
    assertThat(latest.get("message").asText()).isEqualTo("connect to 127.0.0.1:80 refused");
  }

  private static void assertRefused(ProtocolAgent agent, String json, String message) {
    ApiClient.Response response =
        agent.sendRaw(json.getBytes(StandardCharsets.UTF_8), null, "application/json");
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("Exception");
    if (message != null) {
      assertThat(response.json().get("message").asText()).contains(message);
    }
  }

  private static String batch(long sequence, String point, String check) {
    return "{\"sequence\":"
        + sequence
        + ",\"sentAt\":1,\"points\":["
        + point
        + "],\"checks\":["
        + check
        + "]}";
  }

  /** A web_port result with a CRITICAL status, its message and metrics given as JSON members. */
  private static String checkJson(long timestamp, String messageAndMetrics) {
    return "{\"item\":\"web_port\",\"kind\":\"port\",\"timestamp\":"
        + timestamp
        + ",\"status\":\"OK\",\"durationMs\":1,"
        + messageAndMetrics
        + ",\"details\":[]}";
  }

  private static CheckResult result(
      String item, long timestamp, CheckStatus status, String message, double connectMs) {
    return new CheckResult(
        item,
        "port",
        timestamp,
        status,
        message,
        connectMs + 0.1,
        Map.of("connect_ms", connectMs),
        List.of());
  }

  static void putItem(
      ApiClient admin, String host, String item, String kind, int interval, String params) {
    String body =
        "{\"kind\":\""
            + kind
            + "\",\"intervalSeconds\":"
            + interval
            + ",\"enabled\":true,\"params\":"
            + params
            + "}";
    ApiClient.Response response =
        admin.send(
            admin
                .request("/api/v1/hosts/" + host + "/items/" + item)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.status()).as(response.body()).isBetween(200, 299);
  }

  static JsonNode checks(ApiClient admin, String host) {
    ApiClient.Response response = admin.get("/api/v1/hosts/" + host + "/checks");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  static JsonNode row(JsonNode checks, String item) {
    for (JsonNode row : checks) {
      if (row.get("item").asText().equals(item)) {
        return row;
      }
    }
    throw new AssertionError("no check " + item + " in " + checks);
  }

  static JsonNode hostSummary(ApiClient admin, String host) {
    for (JsonNode row : admin.get("/api/v1/hosts").json()) {
      if (row.get("key").asText().equals(host)) {
        return row;
      }
    }
    throw new AssertionError("no host " + host + " in the host list");
  }

  private static List<Double> history(ApiClient admin, String host, long now) {
    JsonNode range =
        admin
            .get(
                "/api/v1/query/range?host="
                    + host
                    + "&measurement=check&tag=check:web_port&fields=status,duration_ms"
                    + "&resolution=raw&from="
                    + (now - 60_000)
                    + "&to="
                    + (now + 60_000))
            .json();
    List<Double> statuses = new ArrayList<>();
    for (JsonNode series : range.get("series")) {
      series.get("fields").get("status").get("avg").forEach(v -> statuses.add(v.asDouble()));
    }
    return statuses;
  }

  /** Lines of the live stream of one host, read on a virtual thread. */
  private static List<String> subscribe(ApiClient browser, String host) {
    return LiveStream.open(browser, "/api/v1/stream?host=" + host).lines();
  }
}
