package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Severity;
import io.vigil.server.alerting.ProblemService;
import io.vigil.server.alerting.ProblemSignal;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.LiveStream;
import io.vigil.testkit.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * Problems from the evaluator's signals to people: opening, listing and searching, acknowledging
 * with a comment, severity changes, recovery, closing, the hosts' worst severity, the live event
 * and the history across a restart. Signals are given to the problem service directly, as the
 * evaluator does.
 */
class ProblemsIT {

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static ProblemService problems;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    admin = ApiClient.loggedInAdmin(server);
    problems = server.bean(ProblemService.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static ProblemSignal signal(long rule, String name, String host, Severity severity) {
    return signal(rule, name, host, Map.of(), severity);
  }

  static ProblemSignal signal(
      long rule, String name, String host, Map<String, String> series, Severity severity) {
    String text =
        severity == null ? "recovered" : name + " " + severity.name().toLowerCase(Locale.ROOT);
    return new ProblemSignal(
        rule, name, host, series, severity, 93.5, text, System.currentTimeMillis());
  }

  static List<JsonNode> list(String query) {
    ApiClient.Response response = admin.get("/api/v1/problems" + query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<JsonNode> result = new ArrayList<>();
    response.json().forEach(result::add);
    return result;
  }

  static List<Long> ids(String query) {
    return list(query).stream().map(p -> p.get("id").asLong()).toList();
  }

  static JsonNode problem(long id) {
    ApiClient.Response response = admin.get("/api/v1/problems/" + id);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  static JsonNode host(String key) {
    for (JsonNode h : admin.get("/api/v1/hosts").json()) {
      if (h.get("key").asString().equals(key)) {
        return h;
      }
    }
    throw new AssertionError("no host " + key);
  }

  static void createHost(String key) {
    ApiClient.Response created =
        admin.post("/api/v1/hosts", "{\"key\":\"" + key + "\",\"address\":\"127.0.0.1\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  @Test
  void aProblemOpensIsAcknowledgedChangesSeverityAndResolves() {
    createHost("web-1");
    ApiClient.Response group =
        admin.post("/api/v1/host-groups", "{\"name\":\"Web servers\",\"description\":\"\"}");
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    long groupId = group.json().get("id").asLong();
    assertThat(admin.put("/api/v1/host-groups/" + groupId + "/hosts/web-1").status())
        .isBetween(200, 204);
    assertThat(host("web-1").get("worstSeverity").isNull()).isTrue();
    LiveStream stream = LiveStream.open(admin, "/api/v1/stream");

    problems.signal(signal(101, "CPU busy", "web-1", Severity.MAJOR));
    problems.signal(signal(101, "CPU busy", "web-1", Severity.MAJOR));

    List<JsonNode> active = list("?status=active&host=web-1");
    assertThat(active).as("a repeated signal opens nothing new").hasSize(1);
    JsonNode opened = active.get(0);
    long id = opened.get("id").asLong();
    assertThat(opened.get("rule").asString()).isEqualTo("CPU busy");
    assertThat(opened.get("host").asString()).isEqualTo("web-1");
    assertThat(opened.get("severity").asString()).isEqualTo("major");
    assertThat(opened.get("status").asString()).isEqualTo("open");
    assertThat(opened.get("value").asDouble()).isEqualTo(93.5);
    assertThat(opened.get("text").asString()).isEqualTo("CPU busy major");
    assertThat(opened.get("resolvedAt").isNull()).isTrue();
    assertThat(opened.get("suppressed").isNull()).isTrue();
    assertThat(opened.get("durationMs").asLong()).isNotNegative();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                stream.lines().stream()
                    .anyMatch(l -> l.startsWith("data:") && l.contains("\"id\":" + id + ",")));
    assertThat(stream.lines()).contains("event:problem");
    String data =
        stream.lines().stream().filter(l -> l.contains("\"id\":" + id + ",")).findFirst().get();
    assertThat(data)
        .contains("\"host\":\"web-1\"", "\"severity\":\"major\"", "\"status\":\"open\"");

    assertThat(host("web-1").get("worstSeverity").asString()).isEqualTo("major");
    JsonNode summary = admin.get("/api/v1/problems/summary").json();
    assertThat(summary.get("bySeverity").get("major").asInt()).isPositive();
    assertThat(summary.get("worstByHost").get("web-1").asString()).isEqualTo("major");
    assertThat(summary.get("worstByGroup").get("Web servers").asString()).isEqualTo("major");

    assertThat(ids("?severity=major&host=web-1")).containsExactly(id);
    assertThat(ids("?severity=critical&host=web-1")).isEmpty();
    assertThat(ids("?q=cpu%20BUSY")).contains(id);
    assertThat(ids("?q=WEB-1")).contains(id);
    assertThat(ids("?q=no-such-text")).isEmpty();
    assertThat(ids("?group=Web%20servers")).containsExactly(id);
    assertThat(ids("?group=Linux%20servers")).doesNotContain(id);
    assertThat(ids("?status=resolved&host=web-1")).isEmpty();
    assertThat(ids("?status=open&host=web-1")).containsExactly(id);

    ApiClient.Response noComment = admin.post("/api/v1/problems/" + id + "/ack", "{}");
    assertThat(noComment.status()).isEqualTo(400);
    assertThat(noComment.json().get("message").asString()).startsWith("comment");
    ApiClient.Response tooLong =
        admin.post("/api/v1/problems/" + id + "/ack", "{\"comment\":\"" + "x".repeat(1001) + "\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("message").asString()).startsWith("comment");

    ApiClient.Response ack =
        admin.post("/api/v1/problems/" + id + "/ack", "{\"comment\":\"looking into it\"}");
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    assertThat(ack.json().get("status").asString()).isEqualTo("acknowledged");
    assertThat(ack.json().get("acknowledgedBy").asString()).isEqualTo("admin");
    assertThat(ack.json().get("ackComment").asString()).isEqualTo("looking into it");
    JsonNode audit = admin.get("/api/v1/audit?limit=1").json().get(0);
    assertThat(audit.get("targetType").asString()).isEqualTo("problem");
    assertThat(audit.get("new").get("status").asString()).isEqualTo("acknowledged");
    assertThat(ids("?status=acknowledged&host=web-1")).containsExactly(id);

    problems.signal(signal(101, "CPU busy", "web-1", Severity.CRITICAL));
    JsonNode worse = problem(id);
    assertThat(worse.get("severity").asString()).isEqualTo("critical");
    assertThat(worse.get("status").asString())
        .as("a severity change keeps the acknowledgement")
        .isEqualTo("acknowledged");
    assertThat(host("web-1").get("worstSeverity").asString()).isEqualTo("critical");

    problems.signal(signal(101, "CPU busy", "web-1", null));
    JsonNode resolved = problem(id);
    assertThat(resolved.get("status").asString()).isEqualTo("resolved");
    assertThat(resolved.get("resolvedAt").asLong()).isPositive();
    assertThat(resolved.get("durationMs").asLong())
        .isEqualTo(resolved.get("resolvedAt").asLong() - resolved.get("openedAt").asLong());
    assertThat(host("web-1").get("worstSeverity").isNull()).isTrue();
    assertThat(admin.get("/api/v1/problems/summary").json().get("worstByHost").has("web-1"))
        .isFalse();
    assertThat(admin.post("/api/v1/problems/" + id + "/ack", "{\"comment\":\"late\"}").status())
        .as("a resolved problem cannot be acknowledged")
        .isEqualTo(409);

    assertThat(admin.post("/api/v1/problems/" + id + "/close", "{}").status()).isEqualTo(400);
    ApiClient.Response closed =
        admin.post("/api/v1/problems/" + id + "/close", "{\"reason\":\"fixed the cron job\"}");
    assertThat(closed.status()).as(closed.body()).isEqualTo(200);
    assertThat(closed.json().get("status").asString()).isEqualTo("closed");
    assertThat(closed.json().get("closedBy").asString()).isEqualTo("admin");
    assertThat(admin.post("/api/v1/problems/" + id + "/close", "{\"reason\":\"again\"}").status())
        .isEqualTo(409);

    JsonNode events = problem(id).get("events");
    List<String> types = new ArrayList<>();
    events.forEach(e -> types.add(e.get("type").asString()));
    assertThat(types).containsExactly("opened", "acknowledged", "severity", "resolved", "closed");
    JsonNode ackEvent = events.get(1);
    assertThat(ackEvent.get("user").asString()).isEqualTo("admin");
    assertThat(ackEvent.get("comment").asString()).isEqualTo("looking into it");
    assertThat(events.get(2).get("severity").asString()).isEqualTo("critical");
    assertThat(events.get(4).get("comment").asString()).isEqualTo("fixed the cron job");

    problems.signal(signal(101, "CPU busy", "web-1", Severity.WARNING));
    assertThat(ids("?status=active&host=web-1"))
        .as("the condition coming back opens a new problem")
        .hasSize(1)
        .doesNotContain(id);
    stream.close();
  }

  @Test
  void eachSeriesHasItsOwnProblemAndTheListPagesNewestFirst() {
    for (String mount : List.of("/", "/var", "/home", "/srv")) {
      problems.signal(signal(202, "Disk full", "db-1", Map.of("mount", mount), Severity.MAJOR));
    }
    List<JsonNode> all = list("?host=db-1");
    assertThat(all).hasSize(4);
    assertThat(all.get(0).get("series").get("mount").asString()).isEqualTo("/srv");
    List<Long> firstPage = ids("?host=db-1&limit=2");
    List<Long> secondPage = ids("?host=db-1&limit=2&before=" + firstPage.get(1));
    assertThat(firstPage).hasSize(2);
    assertThat(secondPage).hasSize(2).doesNotContainAnyElementsOf(firstPage);
    assertThat(firstPage.get(0)).isGreaterThan(firstPage.get(1));
    assertThat(firstPage.get(1)).isGreaterThan(secondPage.get(0));

    long now = System.currentTimeMillis();
    assertThat(ids("?host=db-1&to=" + (now - 3_600_000))).as("opened after to").isEmpty();
    assertThat(ids("?host=db-1&from=" + (now - 60_000) + "&to=" + (now + 60_000))).hasSize(4);

    assertThat(admin.get("/api/v1/problems?limit=501").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/problems?limit=501").json().get("message").asString())
        .startsWith("limit");
    assertThat(admin.get("/api/v1/problems?status=pending").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/problems?severity=bad").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/problems/999999").status()).isEqualTo(404);
  }

  @Test
  void viewersReadProblemsButOnlyOperatorsAct() {
    PasswordEncoder encoder = server.bean(PasswordEncoder.class);
    server
        .bean(JdbcClient.class)
        .sql(
            "INSERT INTO users (username, password_hash, role, enabled, created_at)"
                + " VALUES ('problem-viewer', ?, 'VIEWER', TRUE, CURRENT_TIMESTAMP)")
        .param(encoder.encode("pw-viewer"))
        .update();
    problems.signal(signal(303, "Load high", "app-1", Severity.WARNING));
    long id = ids("?host=app-1").get(0);
    ApiClient viewer = new ApiClient(server.baseUri());
    assertThat(viewer.login("problem-viewer", "pw-viewer").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/problems/" + id).status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/problems/summary").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/maintenance").status()).isEqualTo(200);
    assertThat(viewer.get("/api/v1/silences").status()).isEqualTo(200);
    assertThat(viewer.post("/api/v1/problems/" + id + "/ack", "{\"comment\":\"me\"}").status())
        .isEqualTo(403);
    assertThat(viewer.post("/api/v1/problems/" + id + "/close", "{\"reason\":\"me\"}").status())
        .isEqualTo(403);
    assertThat(
            viewer
                .post(
                    "/api/v1/silences",
                    "{\"endsAt\":" + (System.currentTimeMillis() + 60_000) + ",\"comment\":\"x\"}")
                .status())
        .isEqualTo(403);
    assertThat(viewer.delete("/api/v1/maintenance/1").status()).isEqualTo(403);
  }

  @Test
  void historyAndActiveProblemsSurviveARestart(@TempDir Path otherDir) {
    long id;
    String password;
    try (VigilServer first = VigilServer.builder().dataDir(otherDir).start()) {
      password = first.generatedAdminPassword().orElseThrow();
      ApiClient client = ApiClient.loggedInAdmin(first);
      first.bean(ProblemService.class).signal(signal(404, "Swap used", "keep-1", Severity.MINOR));
      id = client.get("/api/v1/problems?host=keep-1").json().get(0).get("id").asLong();
      assertThat(client.post("/api/v1/problems/" + id + "/ack", "{\"comment\":\"known\"}").status())
          .isEqualTo(200);
    }
    try (VigilServer second = VigilServer.builder().dataDir(otherDir).start()) {
      ApiClient client = new ApiClient(second.baseUri());
      assertThat(client.login("admin", password).status()).isEqualTo(200);
      ProblemService again = second.bean(ProblemService.class);
      assertThat(again.active()).extracting(p -> p.id()).containsExactly(id);
      assertThat(again.hostDown("keep-1")).isFalse();

      again.signal(signal(404, "Swap used", "keep-1", Severity.MINOR));
      JsonNode list = client.get("/api/v1/problems?host=keep-1").json();
      assertThat(list.size()).as("the active problem was known after the restart").isEqualTo(1);
      assertThat(client.get("/api/v1/hosts").status()).isEqualTo(200);

      again.signal(signal(404, "Swap used", "keep-1", null));
      JsonNode detail = client.get("/api/v1/problems/" + id).json();
      assertThat(detail.get("status").asString()).isEqualTo("resolved");
      List<String> types = new ArrayList<>();
      detail.get("events").forEach(e -> types.add(e.get("type").asString()));
      assertThat(types).containsExactly("opened", "acknowledged", "resolved");
      assertThat(detail.get("ackComment").asString()).isEqualTo("known");
    }
  }

  @Test
  void theProblemLifecycleRunsOnPostgreSql(@TempDir Path pgDataDir) {
    PostgresServer postgres = PostgresServer.startOnce();
    try (VigilServer pg =
        VigilServer.builder()
            .dataDir(pgDataDir)
            .configDatabase(postgres.createDatabase(), postgres.username(), postgres.password())
            .start()) {
      ApiClient client = ApiClient.loggedInAdmin(pg);
      ProblemService service = pg.bean(ProblemService.class);
      service.signal(signal(505, "Disk 100%_full", "pg-1", Map.of("mount", "/"), Severity.MAJOR));
      service.signal(
          new ProblemSignal(
              506,
              "No value",
              "pg-1",
              Map.of(),
              Severity.INFO,
              Double.NaN,
              "",
              System.currentTimeMillis()));
      JsonNode list = client.get("/api/v1/problems?status=active&q=100%25_FULL").json();
      assertThat(list.size()).as("LIKE wildcards in q are taken literally").isEqualTo(1);
      assertThat(client.get("/api/v1/problems?q=1000_full").json().size()).isZero();
      long id = list.get(0).get("id").asLong();
      assertThat(client.get("/api/v1/problems?host=pg-1&severity=info").json().size()).isEqualTo(2);
      JsonNode noValue = client.get("/api/v1/problems?host=pg-1&severity=info&limit=1").json();
      assertThat(noValue.get(0).get("value").isNull()).isTrue();
      assertThat(client.post("/api/v1/problems/" + id + "/ack", "{\"comment\":\"on it\"}").status())
          .isEqualTo(200);
      service.signal(signal(505, "Disk 100%_full", "pg-1", Map.of("mount", "/"), null));
      JsonNode detail = client.get("/api/v1/problems/" + id).json();
      assertThat(detail.get("status").asString()).isEqualTo("resolved");
      assertThat(detail.get("events").size()).isEqualTo(3);
      long now = System.currentTimeMillis();
      assertThat(
              client
                  .post(
                      "/api/v1/maintenance",
                      "{\"name\":\"pg\",\"scope\":{\"type\":\"host\",\"value\":\"pg-2\"},"
                          + "\"days\":\"MON,TUE,WED,THU,FRI,SAT,SUN\",\"start\":\"00:00\","
                          + "\"end\":\"00:00\"}")
                  .status())
          .isEqualTo(201);
      assertThat(
              client
                  .post(
                      "/api/v1/silences",
                      "{\"matchers\":{\"host\":\"pg-3\"},\"endsAt\":"
                          + (now + 60_000)
                          + ",\"comment\":\"pg\"}")
                  .status())
          .isEqualTo(201);
      service.signal(signal(507, "Ping", "pg-2", Severity.MINOR));
      service.signal(signal(507, "Ping", "pg-3", Severity.MINOR));
      assertThat(
              client.get("/api/v1/problems?host=pg-2").json().get(0).get("suppressed").asString())
          .isEqualTo("maintenance");
      assertThat(
              client.get("/api/v1/problems?host=pg-3").json().get(0).get("suppressed").asString())
          .isEqualTo("silence");
      assertThat(
              client.get("/api/v1/problems/summary").json().get("bySeverity").get("minor").asInt())
          .isEqualTo(2);
    }
  }
}
