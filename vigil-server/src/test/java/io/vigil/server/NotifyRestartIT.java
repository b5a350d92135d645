package io.vigil.server;

import static io.vigil.server.NotifyTestPeers.problem;
import static io.vigil.server.NotifyTestPeers.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Severity;
import io.vigil.server.NotifyTestPeers.Mail;
import io.vigil.server.NotifyTestPeers.MailSink;
import io.vigil.server.alerting.Problem;
import io.vigil.server.alerting.ProblemChanged.Change;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifications queued when the server stops are sent by the next start on the same data. */
class NotifyRestartIT {

  @TempDir Path dataDir;
  MailSink smtp;
  VigilServer server;

  @AfterEach
  void stop() {
    Closing.all(server, smtp);
  }

  VigilServer start() {
    return VigilServer.builder()
        .dataDir(dataDir)
        .property("vigil.notify.smtp.host", "127.0.0.1")
        .property("vigil.notify.smtp.port", smtp.port)
        .property("vigil.notify.dispatcher.poll-interval", "100ms")
        .property("vigil.notify.dispatcher.retry-max", "2s")
        .start();
  }

  @Test
  void aRestartMidQueueLosesNothingAndDuplicatesNothing() {
    smtp = new MailSink(); // not started: SMTP is down while the first server queues
    server = start();
    String password = server.generatedAdminPassword().orElseThrow();
    ApiClient admin = ApiClient.loggedInAdmin(server);
    ApiClient.Response erin =
        admin.post("/api/v1/recipients", "{\"name\":\"erin\",\"email\":\"erin@example.test\"}");
    assertThat(erin.status()).as(erin.body()).isEqualTo(201);
    admin.post(
        "/api/v1/routes",
        "{\"name\":\"all\",\"minSeverity\":\"info\",\"channels\":[\"email\"],"
            + "\"levels\":[{\"afterMinutes\":0,\"recipients\":["
            + erin.json().get("id").asLong()
            + "]}]}");
    for (int i = 0; i < 5; i++) {
      publish(
          server, Change.OPENED, problem(500 + i, "db-" + i, Severity.MAJOR, Problem.Status.OPEN));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.get("/api/v1/deliveries?problem=504").body().contains("error"));
    server.close();
    server = null;

    smtp.start();
    server = start();
    ApiClient again = new ApiClient(server.baseUri());
    assertThat(again.login("admin", password).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(60)).until(() -> smtp.received().size() == 5);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> smtp.received().size() == 5);
    Map<String, Long> perSubject =
        smtp.received().stream()
            .collect(Collectors.groupingBy(Mail::subject, Collectors.counting()));
    assertThat(perSubject).hasSize(5).allSatisfy((subject, count) -> assertThat(count).isOne());
    for (int i = 0; i < 5; i++) {
      assertThat(again.get("/api/v1/deliveries?problem=" + (500 + i)).body())
          .contains("\"status\":\"sent\"");
    }
  }
}
