package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Severity;
import io.vigil.server.NotifyTestPeers.HttpSink;
import io.vigil.server.NotifyTestPeers.Request;
import io.vigil.server.alerting.ProblemSignal;
import io.vigil.server.alerting.ProblemSink;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path through the real problem service: a signal opens a problem (published after its
 * commit), an acknowledgement through the API stops the escalation, a recovery sends one recovery.
 */
class NotifyProblemFlowIT {

  @TempDir static Path dataDir;
  static HttpSink hooks;
  static VigilServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    hooks = new HttpSink().start();
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.notify.dispatcher.poll-interval", "100ms")
            .start();
    admin = ApiClient.loggedInAdmin(server);
    long first = recipient("first", "/first");
    long second = recipient("second", "/second");
    ApiClient.Response route =
        admin.post(
            "/api/v1/routes",
            "{\"name\":\"flow\",\"minSeverity\":\"major\",\"channels\":[\"webhook\"],"
                + "\"levels\":[{\"afterMinutes\":0,\"recipients\":["
                + first
                + "]},{\"afterMinutes\":0.1,\"recipients\":["
                + second
                + "]}]}");
    assertThat(route.status()).as(route.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    Closing.all(server, hooks);
  }

  static long recipient(String name, String path) {
    ApiClient.Response r =
        admin.post(
            "/api/v1/recipients",
            "{\"name\":\"" + name + "\",\"webhookUrl\":\"" + hooks.url(path) + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  static void signal(Severity severity) {
    server
        .bean(ProblemSink.class)
        .signal(
            new ProblemSignal(
                999_001,
                "Flow rule",
                "flow-1",
                Map.of(),
                severity,
                99,
                "flow text",
                System.currentTimeMillis()));
  }

  static List<String> kinds(String path) {
    return hooks.received.stream()
        .filter(r -> r.uri().equals(path))
        .map(Request::body)
        .map(b -> b.replaceAll(".*\"kind\":\"([a-z]+)\".*", "$1"))
        .toList();
  }

  @Test
  void openAcknowledgeAndRecoverThroughTheProblemService() {
    signal(Severity.CRITICAL);
    await().atMost(Duration.ofSeconds(20)).until(() -> kinds("/first").equals(List.of("problem")));
    long id =
        admin.get("/api/v1/problems?status=active&host=flow-1").json().get(0).get("id").asLong();
    ApiClient.Response ack =
        admin.post("/api/v1/problems/" + id + "/ack", "{\"comment\":\"on it\"}");
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);

    // The escalation to "second" was due 6 s after opening; the acknowledgement cancelled it.
    await()
        .during(Duration.ofSeconds(8))
        .atMost(Duration.ofSeconds(10))
        .until(() -> kinds("/second").isEmpty());

    signal(null);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> kinds("/first").equals(List.of("problem", "recovery")));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> kinds("/first").size() == 2 && kinds("/second").isEmpty());
  }
}
