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
import io.vigil.server.NotifyTestPeers.Sms;
import io.vigil.server.NotifyTestPeers.SmsSink;
import io.vigil.server.alerting.Problem;
import io.vigil.server.alerting.ProblemChanged.Change;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.LiveStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Problems reach real SMTP, SMPP, webhook and in-app peers: once per recipient and channel, with a
 * recovery once, escalation unless acknowledged.
 */
class NotifyChannelsIT {

  static final String SECRET = "s3cret-for-hmac";

  @TempDir static Path dataDir;
  static MailSink smtp;
  static SmsSink smsc;
  static HttpSink hooks;
  static VigilServer server;
  static ApiClient admin;
  static long alice;
  static long carol;

  @BeforeAll
  static void start() {
    smtp = new MailSink().start();
    smsc = new SmsSink();
    hooks = new HttpSink().start();
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.notify.smtp.host", "127.0.0.1")
            .property("vigil.notify.smtp.port", smtp.port)
            .property("vigil.notify.smtp.from", "vigil@example.test")
            .property("vigil.notify.smpp.host", "127.0.0.1")
            .property("vigil.notify.smpp.port", smsc.port)
            .property("vigil.notify.webhook.secret", SECRET)
            .property("vigil.notify.dispatcher.poll-interval", "100ms")
            .start();
    admin = ApiClient.loggedInAdmin(server);
    alice =
        create(
            "/api/v1/recipients",
            "{\"name\":\"alice\",\"email\":\"alice@example.test\",\"phone\":\"+15550001\","
                + "\"webhookUrl\":\""
                + hooks.url("/alice")
                + "\",\"language\":\"en\"}");
    long bob =
        create(
            "/api/v1/recipients",
            "{\"name\":\"bob\",\"email\":\"bob@example.test\",\"phone\":\"+15550002\","
                + "\"webhookUrl\":\""
                + hooks.url("/bob")
                + "\",\"webhookFormat\":\"slack\",\"language\":\"ko\"}");
    carol = create("/api/v1/recipients", "{\"name\":\"carol\",\"email\":\"carol@example.test\"}");
    long ops =
        create(
            "/api/v1/recipient-groups",
            "{\"name\":\"ops\",\"members\":[" + alice + "," + bob + "]}");
    create(
        "/api/v1/routes",
        "{\"name\":\"everything\",\"minSeverity\":\"warning\","
            + "\"channels\":[\"email\",\"sms\",\"webhook\",\"in_app\"],"
            + "\"levels\":[{\"afterMinutes\":0,\"groups\":["
            + ops
            + "]},{\"afterMinutes\":0.05,\"recipients\":["
            + carol
            + "]}],\"notifyRecovery\":true}");
  }

  @Test
  void repeatsComeWhileUnacknowledgedAndStopWithTheAcknowledgement() {
    create(
        "/api/v1/routes",
        "{\"name\":\"repeats\",\"host\":\"rep-1\",\"minSeverity\":\"info\","
            + "\"channels\":[\"webhook\"],\"levels\":[{\"afterMinutes\":0,\"recipients\":["
            + alice
            + "]}],\"repeatMinutes\":0.05,\"notifyRecovery\":false}");
    publish(server, Change.OPENED, problem(104, "rep-1", Severity.MAJOR, Problem.Status.OPEN));
    Supplier<List<Request>> repeats =
        () ->
            hooks("rep-1").stream()
                .filter(r -> r.uri().equals("/alice") && r.body().contains("\"kind\":\"repeat\""))
                .toList();
    await().atMost(Duration.ofSeconds(30)).until(() -> repeats.get().size() >= 2);
    publish(
        server,
        Change.ACKNOWLEDGED,
        problem(104, "rep-1", Severity.MAJOR, Problem.Status.ACKNOWLEDGED));
    int atAck = repeats.get().size();
    // At most one repeat that was already being sent may still arrive; then they stop.
    await()
        .during(Duration.ofSeconds(7))
        .atMost(Duration.ofSeconds(9))
        .until(() -> repeats.get().size() <= atAck + 1);
    assertThat(
            hooks("rep-1").stream()
                .filter(r -> r.uri().equals("/alice") && r.body().contains("\"kind\":\"problem\""))
                .count())
        .as("one problem message although two routes reach alice by webhook")
        .isOne();
  }

  @AfterAll
  static void stop() throws Exception {
    Closing.all(server, hooks, smsc, smtp);
  }

  static long create(String path, String json) {
    ApiClient.Response response = admin.post(path, json);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asLong();
  }

  static List<Mail> mails(String host) {
    return smtp.received().stream().filter(m -> m.subject().contains(host)).toList();
  }

  static List<Sms> sms(String host) {
    return smsc.received.stream().filter(s -> s.text().contains(host)).toList();
  }

  static List<Request> hooks(String host) {
    return hooks.received.stream().filter(r -> r.body().contains(host)).toList();
  }

  static List<JsonNode> deliveries(long problem) {
    List<JsonNode> list = new ArrayList<>();
    admin.get("/api/v1/deliveries?problem=" + problem).json().forEach(list::add);
    return list;
  }

  static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void oneProblemReachesEachRecipientOnEachChannelOnceThenRecoversOnce() throws Exception {
    LiveStream stream = LiveStream.open(admin, "/api/v1/stream");
    Problem opened = problem(101, "web-1", Severity.MAJOR, Problem.Status.OPEN);
    publish(server, Change.OPENED, opened);
    publish(server, Change.OPENED, opened); // a replayed event plans nothing twice

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(mails("web-1"))
                  .extracting(Mail::to)
                  .containsExactlyInAnyOrder(
                      "alice@example.test", "bob@example.test", "carol@example.test");
              assertThat(sms("web-1"))
                  .extracting(Sms::to)
                  .containsExactlyInAnyOrder("15550001", "15550002");
              assertThat(hooks("web-1")).hasSize(2);
            });
    Mail toAlice =
        mails("web-1").stream().filter(m -> m.to().startsWith("alice")).findFirst().orElseThrow();
    assertThat(toAlice.subject()).isEqualTo("[Vigil major] Disk full on web-1");
    Mail toBob =
        mails("web-1").stream().filter(m -> m.to().startsWith("bob")).findFirst().orElseThrow();
    assertThat(toBob.subject()).isEqualTo("[Vigil major] web-1: Disk full 장애 발생");
    Mail toCarol =
        mails("web-1").stream().filter(m -> m.to().startsWith("carol")).findFirst().orElseThrow();
    assertThat(toCarol.subject()).contains("ESCALATED (level 1)");
    assertThat(sms("web-1")).extracting(Sms::text).contains("[Vigil major] web-1: Disk full 장애 발생");

    for (Request hook : hooks("web-1")) {
      assertThat(hook.header("X-Vigil-Signature")).isEqualTo(hmac(hook.body()));
      assertThat(hook.header("X-Vigil-Delivery")).matches("[0-9]+");
    }
    Request json =
        hooks("web-1").stream().filter(r -> r.uri().equals("/alice")).findFirst().orElseThrow();
    JsonNode body = io.vigil.model.WireCodec.lenient().mapper().readTree(json.body());
    assertThat(body.get("problem").get("id").asLong()).isEqualTo(101);
    assertThat(body.get("kind").asText()).isEqualTo("problem");
    Request slack =
        hooks("web-1").stream().filter(r -> r.uri().equals("/bob")).findFirst().orElseThrow();
    assertThat(
            io.vigil.model.WireCodec.lenient().mapper().readTree(slack.body()).get("text").asText())
        .contains("장애 #101");

    List<JsonNode> inApp = new ArrayList<>();
    admin
        .get("/api/v1/notifications")
        .json()
        .forEach(
            n -> {
              if (n.get("problemId").asLong() == 101) {
                inApp.add(n);
              }
            });
    assertThat(inApp)
        .filteredOn(n -> n.get("kind").asText().equals("problem"))
        .extracting(n -> n.get("recipientId").asLong())
        .hasSize(2)
        .doesNotHaveDuplicates();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(stream.lines())
                    .contains("event:notification")
                    .anyMatch(l -> l.startsWith("data:") && l.contains("\"problemId\":101")));
    stream.close();

    publish(
        server, Change.RESOLVED, problem(101, "web-1", Severity.MAJOR, Problem.Status.RESOLVED));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(mails("web-1"))
                  .filteredOn(m -> m.subject().contains("resolved") || m.subject().contains("복구"))
                  .extracting(Mail::to)
                  .containsExactlyInAnyOrder(
                      "alice@example.test", "bob@example.test", "carol@example.test");
              assertThat(sms("web-1")).hasSize(4);
              assertThat(hooks("web-1")).hasSize(4);
            });
    // Nothing more arrives: exactly one problem and one recovery message per recipient and channel.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                mails("web-1").size() == 6
                    && sms("web-1").size() == 4
                    && hooks("web-1").size() == 4);
    assertThat(deliveries(101))
        .allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("sent"));
    // alice and bob: 4 channels each; carol: e-mail and in-app (no phone, no webhook); twice.
    assertThat(deliveries(101)).hasSize(2 * (4 + 4 + 2));
    assertThat(deliveries(101))
        .filteredOn(d -> d.get("kind").asText().equals("recovery"))
        .hasSize(4 + 4 + 2);
  }

  @Test
  void acknowledgingStopsTheEscalation() {
    Problem opened = problem(102, "web-2", Severity.CRITICAL, Problem.Status.OPEN);
    publish(server, Change.OPENED, opened);
    publish(
        server,
        Change.ACKNOWLEDGED,
        problem(102, "web-2", Severity.CRITICAL, Problem.Status.ACKNOWLEDGED));
    await().atMost(Duration.ofSeconds(20)).until(() -> mails("web-2").size() == 2);
    // Level 1 (carol) was due 3 s after opening: it never comes.
    await()
        .during(Duration.ofSeconds(6))
        .atMost(Duration.ofSeconds(8))
        .until(() -> mails("web-2").stream().noneMatch(m -> m.to().startsWith("carol")));
    assertThat(deliveries(102))
        .filteredOn(d -> d.get("kind").asText().equals("escalation"))
        .hasSize(2) // carol's e-mail and in-app
        .allSatisfy(
            d -> {
              assertThat(d.get("recipientId").asLong()).isEqualTo(carol);
              assertThat(d.get("status").asText()).isEqualTo("cancelled");
            });
  }

  @Test
  void aRisingSeverityIsNotifiedAgainAFallingOneIsNot() {
    publish(server, Change.OPENED, problem(103, "web-3", Severity.WARNING, Problem.Status.OPEN));
    await().atMost(Duration.ofSeconds(20)).until(() -> mails("web-3").size() == 2);
    publish(
        server,
        Change.SEVERITY_CHANGED,
        problem(103, "web-3", Severity.CRITICAL, Problem.Status.OPEN));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(mails("web-3"))
                    .extracting(Mail::subject)
                    .containsExactlyInAnyOrder(
                        "[Vigil warning] Disk full on web-3",
                        "[Vigil warning] web-3: Disk full 장애 발생",
                        "[Vigil critical] Disk full on web-3",
                        "[Vigil critical] web-3: Disk full 장애 발생"));
    publish(
        server,
        Change.SEVERITY_CHANGED,
        problem(103, "web-3", Severity.MAJOR, Problem.Status.OPEN));
    publish(
        server,
        Change.ACKNOWLEDGED,
        problem(103, "web-3", Severity.MAJOR, Problem.Status.ACKNOWLEDGED));
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> mails("web-3").size() == 4);
  }

  @Test
  void invalidInputIsRejectedNamingTheField() {
    ApiClient.Response badLevels =
        admin.post(
            "/api/v1/routes",
            "{\"name\":\"bad\",\"channels\":[\"email\"],\"levels\":[{\"afterMinutes\":0,\"recipients\":[999999]}]}");
    assertThat(badLevels.status()).isEqualTo(400);
    assertThat(badLevels.json().get("message").asText()).startsWith("levels.recipients");
    ApiClient.Response badChannel =
        admin.post(
            "/api/v1/routes",
            "{\"name\":\"bad\",\"channels\":[\"fax\"],\"levels\":[{\"afterMinutes\":0,\"recipients\":["
                + carol
                + "]}]}");
    assertThat(badChannel.status()).isEqualTo(400);
    assertThat(badChannel.json().get("message").asText()).startsWith("channels");
    ApiClient.Response badEmail =
        admin.post("/api/v1/recipients", "{\"name\":\"x\",\"email\":\"nope\"}");
    assertThat(badEmail.status()).isEqualTo(400);
    assertThat(badEmail.json().get("message").asText()).startsWith("email");
    ApiClient.Response anonymous =
        new ApiClient(server.baseUri()).post("/api/v1/recipients", "{\"name\":\"y\"}");
    assertThat(anonymous.status()).isIn(401, 403);
  }
}
