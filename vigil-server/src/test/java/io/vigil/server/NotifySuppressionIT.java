package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Severity;
import io.vigil.model.WireCodec;
import io.vigil.server.NotifyTestPeers.HttpSink;
import io.vigil.server.NotifyTestPeers.Request;
import io.vigil.server.alerting.ProblemService;
import io.vigil.server.alerting.ProblemSignal;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
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
import tools.jackson.databind.JsonNode;

/**
 * Suppression through the real path: {@code ProblemService.signal} → {@code ProblemChanged} →
 * planner → dispatcher → a webhook receiver, counting the calls it gets. Maintenance windows (of a
 * host, of a group), silences and a host that is down keep notifications away; a silence added
 * after the first message stops the escalation. "Nothing arrived" is judged once a control problem
 * opened later has been delivered, not after a sleep.
 */
class NotifySuppressionIT {

  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final AtomicLong RULES = new AtomicLong(990_000);
  static final AtomicLong CONTROLS = new AtomicLong();

  @TempDir static Path dataDir;
  static HttpSink hooks;
  static VigilServer server;
  static ApiClient admin;
  static ProblemService problems;

  @BeforeAll
  static void start() {
    hooks = new HttpSink().start();
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.alerting.default-rules", false)
            .property("vigil.notify.dispatcher.poll-interval", "100ms")
            .start();
    admin = ApiClient.loggedInAdmin(server);
    problems = server.bean(ProblemService.class);
    long ops = create("/api/v1/recipients", recipient("ops", "/ops"));
    long late = create("/api/v1/recipients", recipient("late", "/late"));
    create(
        "/api/v1/routes",
        "{\"name\":\"everything\",\"minSeverity\":\"info\",\"channels\":[\"webhook\"],"
            + "\"levels\":[{\"afterMinutes\":0,\"recipients\":["
            + ops
            + "]}],\"notifyRecovery\":false}");
    create(
        "/api/v1/routes",
        "{\"name\":\"escalating\",\"minSeverity\":\"warning\",\"tag\":\"team=esc\","
            + "\"channels\":[\"webhook\"],\"levels\":[{\"afterMinutes\":0,\"recipients\":["
            + ops
            + "]},{\"afterMinutes\":0.25,\"recipients\":["
            + late
            + "]}],\"notifyRecovery\":false}");
  }

  @AfterAll
  static void stop() {
    Closing.all(server, hooks);
  }

  static String recipient(String name, String path) {
    return "{\"name\":\"" + name + "\",\"webhookUrl\":\"" + hooks.url(path) + "\"}";
  }

  static long create(String path, String json) {
    ApiClient.Response response = admin.post(path, json);
    assertThat(response.status()).as(path + " " + response.body()).isEqualTo(201);
    return response.json().get("id").asLong();
  }

  /** Signals {@code severity} (null: recovered) of a rule on a host through the problem service. */
  static void signal(
      long rule, String name, String host, Map<String, String> series, Severity severity) {
    problems.signal(
        new ProblemSignal(
            rule,
            name,
            host,
            series,
            severity,
            severity == null ? Double.NaN : 1.0,
            name + " on " + host,
            System.currentTimeMillis()));
  }

  /** Opens a problem and returns its id (from the API's active problems of the host). */
  static long open(long rule, String name, String host, Map<String, String> series, Severity sev) {
    signal(rule, name, host, series, sev);
    for (JsonNode p : admin.get("/api/v1/problems?status=active&host=" + host).json()) {
      if (p.get("rule").asString().equals(name) && p.get("ruleId").asLong() == rule) {
        return p.get("id").asLong();
      }
    }
    throw new AssertionError("no active problem " + name + " on " + host);
  }

  static long open(String name, String host, Severity severity) {
    return open(RULES.incrementAndGet(), name, host, Map.of(), severity);
  }

  static JsonNode problem(long id) {
    ApiClient.Response r = admin.get("/api/v1/problems/" + id);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static String suppressed(long id) {
    JsonNode s = problem(id).get("suppressed");
    return s == null || s.isNull() ? null : s.asString();
  }

  /** The webhook calls received about problem {@code id} (any recipient). */
  static List<JsonNode> calls(long id) {
    return calls(id, null);
  }

  /** The webhook calls received about problem {@code id} at {@code path} (null: any). */
  static List<JsonNode> calls(long id, String path) {
    List<JsonNode> list = new ArrayList<>();
    for (Request r : hooks.received) {
      if (path != null && !r.uri().equals(path)) {
        continue;
      }
      JsonNode body = WireCodec.lenient().mapper().readTree(r.body());
      if (body.get("problem").get("id").asLong() == id) {
        list.add(body);
      }
    }
    return list;
  }

  static List<JsonNode> deliveries(long problem) {
    ApiClient.Response r = admin.get("/api/v1/deliveries?problem=" + problem);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> list = new ArrayList<>();
    r.json().forEach(list::add);
    return list;
  }

  /**
   * Opens an unsuppressed problem on a fresh host and waits until its one webhook call arrived:
   * every problem signalled before it has been planned by then, and the dispatcher has polled
   * since.
   */
  static long controlDelivered() {
    long id = open("Control", "ctl-" + CONTROLS.incrementAndGet(), Severity.MAJOR);
    await().atMost(PATIENCE).until(() -> calls(id).size() == 1);
    return id;
  }

  static void assertNothingSent(long id) {
    assertThat(calls(id)).as("webhook calls about problem %d", id).isEmpty();
    assertThat(deliveries(id))
        .as("deliveries of problem %d", id)
        .noneMatch(d -> d.get("status").asString().equals("sent"));
  }

  @Test
  void anUnsuppressedProblemIsDeliveredExactlyOnce() {
    long id = open("Disk busy", "plain-1", Severity.MAJOR);
    assertThat(suppressed(id)).isNull();
    await().atMost(PATIENCE).until(() -> calls(id).size() == 1);
    JsonNode call = calls(id, "/ops").get(0);
    assertThat(call.get("kind").asString()).isEqualTo("problem");
    assertThat(call.get("problem").get("host").asString()).isEqualTo("plain-1");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(deliveries(id))
                    .singleElement()
                    .satisfies(
                        d -> {
                          assertThat(d.get("status").asString()).isEqualTo("sent");
                          assertThat(d.get("attempts").asInt()).isEqualTo(1);
                        }));
    controlDelivered();
    assertThat(calls(id)).as("still exactly one call").hasSize(1);
  }

  @Test
  void problemsInsideAMaintenanceWindowOfTheHostOrOfItsGroupAreNotNotified() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    ApiClient.Response weekly =
        admin.post(
            "/api/v1/maintenance",
            "{\"name\":\"patch night\",\"scope\":{\"type\":\"host\",\"value\":\"maint-1\"},"
                + "\"days\":\"MON,TUE,WED,THU,FRI,SAT,SUN\",\"start\":\""
                + now.minusHours(1).format(hhmm)
                + "\",\"end\":\""
                + now.plusHours(1).format(hhmm)
                + "\",\"timeZone\":\"UTC\"}");
    assertThat(weekly.status()).as(weekly.body()).isEqualTo(201);
    assertThat(weekly.json().get("activeNow").asBoolean()).isTrue();

    ApiClient.Response host =
        admin.post("/api/v1/hosts", "{\"key\":\"maint-g1\",\"address\":\"127.0.0.1\"}");
    assertThat(host.status()).as(host.body()).isEqualTo(201);
    long group = create("/api/v1/host-groups", "{\"name\":\"Patched hosts\",\"description\":\"\"}");
    assertThat(admin.put("/api/v1/host-groups/" + group + "/hosts/maint-g1", "").status())
        .isEqualTo(204);
    long millis = System.currentTimeMillis();
    ApiClient.Response once =
        admin.post(
            "/api/v1/maintenance",
            "{\"name\":\"upgrade\",\"scope\":{\"type\":\"group\",\"value\":\"Patched hosts\"},"
                + "\"startsAt\":"
                + (millis - 1_000)
                + ",\"endsAt\":"
                + (millis + 600_000)
                + "}");
    assertThat(once.status()).as(once.body()).isEqualTo(201);
    assertThat(once.json().get("activeNow").asBoolean()).isTrue();

    long byHost = open("Disk slow", "maint-1", Severity.CRITICAL);
    long byGroup = open("Ping lost", "maint-g1", Severity.CRITICAL);
    assertThat(suppressed(byHost)).isEqualTo("maintenance");
    assertThat(suppressed(byGroup)).isEqualTo("maintenance");

    controlDelivered();
    assertNothingSent(byHost);
    assertNothingSent(byGroup);
  }

  @Test
  void aSilenceOfHostAndRuleKeepsItsProblemsQuietUntilItIsExpired() {
    ApiClient.Response silence =
        admin.post(
            "/api/v1/silences",
            "{\"matchers\":{\"host\":\"sil-1\",\"rule\":\"Queue long\"},\"endsAt\":"
                + (System.currentTimeMillis() + 600_000)
                + ",\"comment\":\"deploying\"}");
    assertThat(silence.status()).as(silence.body()).isEqualTo(201);
    long rule = RULES.incrementAndGet();
    long silenced = open(rule, "Queue long", "sil-1", Map.of(), Severity.CRITICAL);
    assertThat(suppressed(silenced)).isEqualTo("silence");

    // Another rule of the same host is not silenced: its message arrives, the silenced one not.
    long otherRule = open("Queue stuck", "sil-1", Severity.CRITICAL);
    assertThat(suppressed(otherRule)).isNull();
    await().atMost(PATIENCE).until(() -> calls(otherRule).size() == 1);
    controlDelivered();
    assertNothingSent(silenced);

    long silenceId = silence.json().get("id").asLong();
    assertThat(admin.delete("/api/v1/silences/" + silenceId).status()).isEqualTo(204);
    signal(rule, "Queue long", "sil-1", Map.of(), null);
    long reopened = open(rule, "Queue long", "sil-1", Map.of(), Severity.CRITICAL);
    assertThat(reopened).as("a new problem").isNotEqualTo(silenced);
    assertThat(suppressed(reopened)).isNull();
    await().atMost(PATIENCE).until(() -> calls(reopened).size() == 1);
    assertThat(calls(silenced)).as("the old silenced problem stays quiet").isEmpty();
  }

  @Test
  void whileAHostIsDownItsOtherProblemsAreNotNotified() {
    long hostDownRule =
        create(
            "/api/v1/alert-rules",
            "{\"name\":\"IT host down\",\"enabled\":true,\"kind\":\"host_down\","
                + "\"scope\":{\"type\":\"host\",\"value\":\"dep-c\"},"
                + "\"conditions\":[{\"severity\":\"critical\"}]}");
    long down = open(hostDownRule, "IT host down", "dep-c", Map.of(), Severity.CRITICAL);
    assertThat(suppressed(down)).as("the host-down problem itself").isNull();
    await().atMost(PATIENCE).until(() -> calls(down).size() == 1);
    assertThat(problems.hostDown("dep-c")).isTrue();

    long dependent = open("Web slow", "dep-c", Severity.CRITICAL);
    assertThat(suppressed(dependent)).isEqualTo("dependency");
    controlDelivered();
    assertNothingSent(dependent);
    assertThat(calls(down)).as("the host-down problem once").hasSize(1);
  }

  @Test
  void aSilenceAddedAfterTheFirstMessageStopsTheEscalation() {
    Map<String, String> team = Map.of("team", "esc");
    long silencedLater =
        open(RULES.incrementAndGet(), "Latency high", "esc-1", team, Severity.MAJOR);
    long openedAt = problem(silencedLater).get("openedAt").asLong();
    await().atMost(PATIENCE).until(() -> calls(silencedLater, "/ops").size() == 1);

    ApiClient.Response silence =
        admin.post(
            "/api/v1/silences",
            "{\"matchers\":{\"host\":\"esc-1\",\"rule\":\"Latency high\"},\"endsAt\":"
                + (System.currentTimeMillis() + 600_000)
                + ",\"comment\":\"known\"}");
    assertThat(silence.status()).as(silence.body()).isEqualTo(201);
    assertThat(System.currentTimeMillis())
        .as("the silence must exist before the escalation is due (15 s after opening)")
        .isLessThan(openedAt + 15_000);

    // Control: the same escalation for another host, due later, does reach "late".
    long control = open(RULES.incrementAndGet(), "Latency high", "esc-2", team, Severity.MAJOR);
    await().atMost(PATIENCE).until(() -> calls(control, "/late").size() == 1);
    assertThat(calls(control, "/late").get(0).get("kind").asString()).isEqualTo("escalation");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(deliveries(silencedLater))
                    .filteredOn(d -> d.get("kind").asString().equals("escalation"))
                    .singleElement()
                    .satisfies(
                        d -> {
                          assertThat(d.get("status").asString()).isEqualTo("cancelled");
                          assertThat(d.get("attemptLog"))
                              .singleElement()
                              .satisfies(
                                  a -> {
                                    assertThat(a.get("outcome").asString()).isEqualTo("skipped");
                                    assertThat(a.get("detail").asString()).contains("silence");
                                  });
                        }));
    assertThat(calls(silencedLater, "/late")).as("no escalation call").isEmpty();
    assertThat(calls(silencedLater)).as("only the first message").hasSize(1);
  }
}
