package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Severity;
import io.vigil.server.alerting.Problem;
import io.vigil.server.alerting.ProblemService;
import io.vigil.server.alerting.ProblemSignal;
import io.vigil.server.alerting.SuppressionService;
import io.vigil.server.testing.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Problems opened inside a maintenance window, under a matching silence or while their host is down
 * are recorded as suppressed; the suppression reason is asked again at any later instant.
 */
class SuppressionIT {

  static final AtomicLong RULES = new AtomicLong(9_000);

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static ProblemService problems;
  static SuppressionService suppressions;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    admin = ApiClient.loggedInAdmin(server);
    problems = server.bean(ProblemService.class);
    suppressions = server.bean(SuppressionService.class);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Opens a problem of a fresh rule (or of {@code rule}) on {@code host} and returns it. */
  static JsonNode open(long rule, String name, String host, Severity severity) {
    problems.signal(
        new ProblemSignal(
            rule, name, host, Map.of(), severity, 1.0, name, System.currentTimeMillis()));
    for (JsonNode p : admin.get("/api/v1/problems?status=active&host=" + host).json()) {
      if (p.get("rule").asString().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no active problem " + name + " on " + host);
  }

  static JsonNode open(String name, String host, Severity severity) {
    return open(RULES.incrementAndGet(), name, host, severity);
  }

  static String suppressed(JsonNode problem) {
    JsonNode s = problem.get("suppressed");
    return s.isNull() ? null : s.asString();
  }

  static Problem active(String host, String rule) {
    return problems.active().stream()
        .filter(p -> p.hostKey().equals(host) && p.ruleName().equals(rule))
        .findFirst()
        .orElseThrow();
  }

  static List<String> auditTargets(String type) {
    List<String> targets = new ArrayList<>();
    for (JsonNode e : admin.get("/api/v1/audit?limit=200").json()) {
      if (e.get("targetType").asString().equals(type)) {
        targets.add(e.get("action").asString() + " " + e.get("target").asString());
      }
    }
    return targets;
  }

  @Test
  void aWeeklyWindowCoveringNowSuppressesNewProblemsOfItsHostUntilDeleted() {
    ZoneId seoul = ZoneId.of("Asia/Seoul");
    ZonedDateTime now = ZonedDateTime.now(seoul);
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    String body =
        "{\"name\":\"patch night\",\"scope\":{\"type\":\"host\",\"value\":\"maint-1\"},"
            + "\"days\":\"MON,TUE,WED,THU,FRI,SAT,SUN\",\"start\":\""
            + now.minusHours(1).format(hhmm)
            + "\",\"end\":\""
            + now.plusHours(1).format(hhmm)
            + "\",\"timeZone\":\"Asia/Seoul\"}";
    ApiClient.Response created = admin.post("/api/v1/maintenance", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode window = created.json();
    assertThat(window.get("kind").asString()).isEqualTo("weekly");
    assertThat(window.get("activeNow").asBoolean()).isTrue();
    assertThat(window.get("createdBy").asString()).isEqualTo("admin");
    assertThat(window.get("timeZone").asString()).isEqualTo("Asia/Seoul");

    assertThat(suppressed(open("Disk slow", "maint-1", Severity.MAJOR))).isEqualTo("maintenance");
    assertThat(suppressed(open("Disk slow", "maint-2", Severity.MAJOR)))
        .as("another host")
        .isNull();

    long id = window.get("id").asLong();
    assertThat(admin.delete("/api/v1/maintenance/" + id).status()).isEqualTo(204);
    assertThat(admin.delete("/api/v1/maintenance/" + id).status()).isEqualTo(404);
    assertThat(suppressed(open("Disk slower", "maint-1", Severity.MAJOR))).isNull();
    assertThat(auditTargets("maintenance_window"))
        .contains("create patch night", "delete patch night");
  }

  @Test
  void aOneOffWindowOfAGroupSuppressesItsMembersProblems() {
    ApiClient.Response host =
        admin.post("/api/v1/hosts", "{\"key\":\"grp-1\",\"address\":\"127.0.0.1\"}");
    assertThat(host.status()).as(host.body()).isEqualTo(201);
    long group =
        admin
            .post("/api/v1/host-groups", "{\"name\":\"Patched\",\"description\":\"\"}")
            .json()
            .get("id")
            .asLong();
    assertThat(admin.put("/api/v1/host-groups/" + group + "/hosts/grp-1").status()).isEqualTo(204);
    long now = System.currentTimeMillis();
    ApiClient.Response created =
        admin.post(
            "/api/v1/maintenance",
            "{\"name\":\"upgrade\",\"scope\":{\"type\":\"group\",\"value\":\"Patched\"},"
                + "\"startsAt\":"
                + (now - 1_000)
                + ",\"endsAt\":"
                + (now + 600_000)
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("kind").asString()).isEqualTo("once");
    assertThat(suppressed(open("Ping lost", "grp-1", Severity.MINOR))).isEqualTo("maintenance");
    assertThat(suppressions.inMaintenance("grp-1", now + 700_000)).isFalse();
  }

  @Test
  void invalidWindowsAndSilencesAreRefusedNamingTheField() {
    long now = System.currentTimeMillis();
    Map<String, String> refused =
        Map.of(
            "{\"name\":\"x\",\"scope\":{\"type\":\"tag\",\"value\":\"a\"},\"days\":\"MON\","
                + "\"start\":\"01:00\",\"end\":\"02:00\"}",
            "scope.type",
            "{\"name\":\"x\",\"scope\":{\"type\":\"host\",\"value\":\"a\"},\"days\":\"MON\","
                + "\"start\":\"1am\",\"end\":\"02:00\"}",
            "start",
            "{\"name\":\"x\",\"scope\":{\"type\":\"host\",\"value\":\"a\"},\"days\":\"MON\","
                + "\"start\":\"01:00\",\"end\":\"02:00\",\"timeZone\":\"Nowhere/City\"}",
            "timeZone",
            "{\"name\":\"\",\"scope\":{\"type\":\"host\",\"value\":\"a\"},\"days\":\"MON\","
                + "\"start\":\"01:00\",\"end\":\"02:00\"}",
            "name",
            "{\"name\":\"x\",\"scope\":{\"type\":\"host\",\"value\":\"a\"},\"startsAt\":"
                + now
                + ",\"endsAt\":"
                + (now - 10)
                + "}",
            "endsAt",
            "{\"name\":\"x\",\"scope\":{\"type\":\"host\",\"value\":\"a\"}}",
            "give either");
    refused.forEach(
        (body, field) -> {
          ApiClient.Response r = admin.post("/api/v1/maintenance", body);
          assertThat(r.status()).as(body).isEqualTo(400);
          assertThat(r.json().get("message").asString()).as(body).startsWith(field);
        });
    ApiClient.Response noComment =
        admin.post("/api/v1/silences", "{\"endsAt\":" + (now + 60_000) + "}");
    assertThat(noComment.status()).isEqualTo(400);
    assertThat(noComment.json().get("message").asString()).startsWith("comment");
    ApiClient.Response past =
        admin.post("/api/v1/silences", "{\"endsAt\":" + (now - 1) + ",\"comment\":\"x\"}");
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.json().get("message").asString()).startsWith("endsAt");
    ApiClient.Response badSeverity =
        admin.post(
            "/api/v1/silences",
            "{\"matchers\":{\"severityAtMost\":\"huge\"},\"endsAt\":"
                + (now + 60_000)
                + ",\"comment\":\"x\"}");
    assertThat(badSeverity.status()).isEqualTo(400);
    assertThat(badSeverity.json().get("message").asString()).startsWith("matchers.severityAtMost");
  }

  @Test
  void aSilenceMatchingHostAndRuleSuppressesUntilItExpires() {
    long endsAt = System.currentTimeMillis() + 3_000;
    ApiClient.Response created =
        admin.post(
            "/api/v1/silences",
            "{\"matchers\":{\"host\":\"sil-1\",\"rule\":\"Queue long\"},\"endsAt\":"
                + endsAt
                + ",\"comment\":\"deploying\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("active").asBoolean()).isTrue();
    assertThat(created.json().get("matchers").get("host").asString()).isEqualTo("sil-1");
    assertThat(created.json().get("createdBy").asString()).isEqualTo("admin");

    assertThat(suppressed(open("Queue long", "sil-1", Severity.CRITICAL))).isEqualTo("silence");
    assertThat(suppressed(open("Queue stuck", "sil-1", Severity.CRITICAL)))
        .as("other rule")
        .isNull();
    assertThat(suppressed(open("Queue long", "sil-2", Severity.CRITICAL)))
        .as("other host")
        .isNull();

    await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > endsAt);
    problems.signal(
        new ProblemSignal(
            RULES.incrementAndGet(),
            "Queue long",
            "sil-1",
            Map.of("queue", "b"),
            Severity.MAJOR,
            1,
            "",
            System.currentTimeMillis()));
    JsonNode later = admin.get("/api/v1/problems?status=active&host=sil-1&limit=1").json().get(0);
    assertThat(later.get("series").get("queue").asString()).isEqualTo("b");
    assertThat(suppressed(later)).as("opened after the silence ended").isNull();
  }

  @Test
  void severityAtMostLetsWorseProblemsThrough() {
    long endsAt = System.currentTimeMillis() + 600_000;
    assertThat(
            admin
                .post(
                    "/api/v1/silences",
                    "{\"matchers\":{\"host\":\"sev-1\",\"severityAtMost\":\"warning\"},\"endsAt\":"
                        + endsAt
                        + ",\"comment\":\"noisy\"}")
                .status())
        .isEqualTo(201);
    assertThat(suppressed(open("Temp", "sev-1", Severity.WARNING))).isEqualTo("silence");
    assertThat(suppressed(open("Temp high", "sev-1", Severity.MAJOR))).isNull();
  }

  @Test
  void theReasonIsAskedAgainWhenASilenceIsAddedOrExpiredAfterOpening() {
    assertThat(suppressed(open("Conn refused", "late-1", Severity.MAJOR))).isNull();
    Problem problem = active("late-1", "Conn refused");
    assertThat(suppressions.reason(problem, System.currentTimeMillis())).isNull();

    ApiClient.Response created =
        admin.post(
            "/api/v1/silences",
            "{\"matchers\":{\"host\":\"late-1\"},\"endsAt\":"
                + (System.currentTimeMillis() + 600_000)
                + ",\"comment\":\"known outage\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(suppressions.reason(problem, System.currentTimeMillis())).isEqualTo("silence");

    long id = created.json().get("id").asLong();
    assertThat(admin.delete("/api/v1/silences/" + id).status()).isEqualTo(204);
    assertThat(suppressions.reason(problem, System.currentTimeMillis())).isNull();
    JsonNode listed = null;
    for (JsonNode s : admin.get("/api/v1/silences").json()) {
      if (s.get("id").asLong() == id) {
        listed = s;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.get("active").asBoolean()).isFalse();
    assertThat(admin.get("/api/v1/silences?active=true").json().findValues("id"))
        .extracting(JsonNode::asLong)
        .doesNotContain(id);
    assertThat(auditTargets("silence")).contains("create silence " + id, "update silence " + id);
  }

  @Test
  void problemsOfAHostThatIsDownAreSuppressedAsADependency() {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    List<Map<String, Object>> shipped =
        jdbc.sql("SELECT id, name FROM alert_rules WHERE kind = 'host_down' ORDER BY id")
            .query()
            .listOfRows();
    if (shipped.isEmpty()) {
      jdbc.sql(
              "INSERT INTO alert_rules (name, enabled, kind, scope_type, definition_json,"
                  + " created_at, updated_at) VALUES ('IT host down', FALSE, 'host_down', 'all',"
                  + " '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
          .update();
      shipped =
          jdbc.sql("SELECT id, name FROM alert_rules WHERE kind = 'host_down'")
              .query()
              .listOfRows();
    }
    long hostDownRule = ((Number) shipped.get(0).get("id")).longValue();
    String hostDownName = (String) shipped.get(0).get("name");

    assertThat(suppressed(open("Web slow", "dep-1", Severity.MAJOR))).isNull();
    Problem before = active("dep-1", "Web slow");

    JsonNode down = open(hostDownRule, hostDownName, "dep-1", Severity.CRITICAL);
    assertThat(suppressed(down)).as("the host-down problem itself is notified").isNull();
    assertThat(problems.hostDown("dep-1")).isTrue();
    assertThat(problems.hostDown("dep-2")).isFalse();

    assertThat(suppressed(open("Web down", "dep-1", Severity.CRITICAL))).isEqualTo("dependency");
    assertThat(suppressed(open("Web down", "dep-2", Severity.CRITICAL))).isNull();
    assertThat(suppressions.reason(before, System.currentTimeMillis()))
        .as("asked again, an earlier problem of the host is now suppressed too")
        .isEqualTo("dependency");

    problems.signal(
        new ProblemSignal(
            hostDownRule,
            hostDownName,
            "dep-1",
            Map.of(),
            null,
            Double.NaN,
            "",
            System.currentTimeMillis()));
    assertThat(problems.hostDown("dep-1")).isFalse();
    assertThat(suppressions.reason(before, System.currentTimeMillis())).isNull();
  }
}
