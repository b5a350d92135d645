package io.vigil.server;

import static io.vigil.server.NotifyTestPeers.problem;
import static io.vigil.server.NotifyTestPeers.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Severity;
import io.vigil.server.NotifyTestPeers.HttpSink;
import io.vigil.server.NotifyTestPeers.Mail;
import io.vigil.server.NotifyTestPeers.MailSink;
import io.vigil.server.NotifyTestPeers.Request;
import io.vigil.server.alerting.Problem;
import io.vigil.server.alerting.ProblemChanged.Change;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel that is down for a while loses nothing: the queued notifications arrive once it is
 * back, each exactly once. The webhook outage lasts the two minutes of the requirement (override
 * with {@code -Dvigil.it.outage=PT10S} for a quick run); the SMTP one is shorter.
 */
class NotifyOutageIT {

  static final Duration OUTAGE = Duration.parse(System.getProperty("vigil.it.outage", "PT2M"));
  static final int PROBLEMS = 3;

  @TempDir static Path dataDir;
  static MailSink smtp;
  static HttpSink hooks;
  static VigilServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    smtp = new MailSink().start();
    hooks = new HttpSink().start();
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.notify.smtp.host", "127.0.0.1")
            .property("vigil.notify.smtp.port", smtp.port)
            .property("vigil.notify.webhook.secret", "k")
            .property("vigil.notify.dispatcher.poll-interval", "100ms")
            .property("vigil.notify.dispatcher.retry-max", "10s")
            .start();
    admin = ApiClient.loggedInAdmin(server);
    ApiClient.Response dave =
        admin.post(
            "/api/v1/recipients",
            "{\"name\":\"dave\",\"email\":\"dave@example.test\",\"webhookUrl\":\""
                + hooks.url("/dave")
                + "\"}");
    assertThat(dave.status()).as(dave.body()).isEqualTo(201);
    ApiClient.Response route =
        admin.post(
            "/api/v1/routes",
            "{\"name\":\"all\",\"minSeverity\":\"info\",\"channels\":[\"email\",\"webhook\"],"
                + "\"levels\":[{\"afterMinutes\":0,\"recipients\":["
                + dave.json().get("id").asLong()
                + "]}]}");
    assertThat(route.status()).as(route.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    Closing.all(server, hooks, smtp);
  }

  @Test
  void webhooksQueuedDuringAnOutageAreDeliveredOnceWhenItEnds() {
    outage(
        OUTAGE,
        "hooks-",
        hooks::stop,
        hooks::start,
        () -> hooks.received.stream().map(Request::body).toList(),
        200);
    // Every delivery id arrived once: the receiver could de-duplicate, but did not need to.
    List<String> ids =
        hooks.received.stream()
            .filter(r -> r.body().contains("hooks-"))
            .map(r -> r.header("X-Vigil-Delivery"))
            .toList();
    assertThat(ids).hasSize(PROBLEMS).doesNotHaveDuplicates();
  }

  @Test
  void mailQueuedWhileSmtpIsDownIsDeliveredOnceWhenItIsBack() {
    outage(
        Duration.ofSeconds(15),
        "smtp-",
        smtp::stop,
        smtp::start,
        () -> smtp.received().stream().map(Mail::subject).toList(),
        300);
  }

  /**
   * Takes a channel down, opens {@link #PROBLEMS} problems on hosts {@code prefix + i}, waits
   * {@code length} (asserting nothing arrives), brings the channel back and counts what arrives.
   */
  private static void outage(
      Duration length,
      String prefix,
      Runnable down,
      Runnable up,
      Supplier<List<String>> received,
      long firstId) {
    down.run();
    LongStream.range(0, PROBLEMS)
        .forEach(
            i ->
                publish(
                    server,
                    Change.OPENED,
                    problem(firstId + i, prefix + i, Severity.MAJOR, Problem.Status.OPEN)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> admin.get("/api/v1/deliveries?problem=" + firstId).body().contains("error"));
    await()
        .during(length)
        .atMost(length.plusSeconds(30))
        .until(() -> received.get().stream().noneMatch(text -> text.contains(prefix)));
    up.run();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> received.get().stream().filter(t -> t.contains(prefix)).count() == PROBLEMS);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> received.get().stream().filter(t -> t.contains(prefix)).count() == PROBLEMS);
    for (long i = 0; i < PROBLEMS; i++) {
      String host = prefix + i;
      assertThat(received.get())
          .filteredOn(t -> t.contains(host))
          .as("messages about " + host)
          .hasSize(1);
      String deliveries = admin.get("/api/v1/deliveries?problem=" + (firstId + i)).body();
      assertThat(deliveries)
          .contains("\"status\":\"sent\"")
          .doesNotContain("\"status\":\"failed\"");
    }
  }
}
