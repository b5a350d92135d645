package io.vigil.server;

import static io.vigil.server.NotifyTestPeers.problem;
import static io.vigil.server.NotifyTestPeers.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Severity;
import io.vigil.server.NotifyTestPeers.HttpSink;
import io.vigil.server.alerting.Problem;
import io.vigil.server.alerting.ProblemChanged.Change;
import io.vigil.server.alerting.ProblemSignal;
import io.vigil.server.alerting.ProblemSink;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import io.vigil.testkit.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notification's schema and queue work on PostgreSQL, including the dedup of replayed events. */
class NotifyPostgresIT {

  @Test
  void aReplayedProblemIsDeliveredOnceOnPostgreSql(@TempDir Path dataDir) {
    PostgresServer postgres = PostgresServer.startOnce();
    HttpSink hooks = new HttpSink().start();
    VigilServer server = null;
    try {
      server =
          VigilServer.builder()
              .dataDir(dataDir)
              .configDatabase(postgres.createDatabase(), postgres.username(), postgres.password())
              .property("vigil.notify.dispatcher.poll-interval", "100ms")
              .start();
      ApiClient admin = ApiClient.loggedInAdmin(server);
      ApiClient.Response gina =
          admin.post(
              "/api/v1/recipients",
              "{\"name\":\"gina\",\"webhookUrl\":\"" + hooks.url("/gina") + "\"}");
      assertThat(gina.status()).as(gina.body()).isEqualTo(201);
      ApiClient.Response route =
          admin.post(
              "/api/v1/routes",
              "{\"name\":\"pg\",\"channels\":[\"webhook\",\"in_app\"],\"levels\":[{\"afterMinutes\":0,"
                  + "\"recipients\":["
                  + gina.json().get("id").asLong()
                  + "]}]}");
      assertThat(route.status()).as(route.body()).isEqualTo(201);

      Problem opened = problem(901, "pg-1", Severity.CRITICAL, Problem.Status.OPEN);
      publish(server, Change.OPENED, opened);
      publish(server, Change.OPENED, opened);
      await().atMost(Duration.ofSeconds(20)).until(() -> hooks.received.size() == 1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> admin.get("/api/v1/notifications").json().size() == 1);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(4))
          .until(() -> hooks.received.size() == 1);
      assertThat(admin.get("/api/v1/deliveries?problem=901").json().size()).isEqualTo(2);

      // Through the problem service: planned after its PostgreSQL transaction committed.
      server
          .bean(ProblemSink.class)
          .signal(
              new ProblemSignal(
                  999_002,
                  "PG rule",
                  "pg-2",
                  Map.of(),
                  Severity.MAJOR,
                  1,
                  "pg text",
                  System.currentTimeMillis()));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> hooks.received.stream().anyMatch(r -> r.body().contains("pg-2")));
    } finally {
      Closing.all(server, hooks);
    }
  }
}
