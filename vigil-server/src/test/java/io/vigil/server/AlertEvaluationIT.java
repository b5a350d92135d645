package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.model.Point;
import io.vigil.model.Severity;
import io.vigil.server.alerting.AlertEvaluator;
import io.vigil.server.alerting.AlertLatency;
import io.vigil.server.alerting.ProblemSignal;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * End to end: an agent's samples reach the evaluator through ingest, a rule created through the API
 * judges them, and the problem opens and recovers (seen by a sink on the evaluator and in the
 * problems API).
 */
class AlertEvaluationIT {

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static AlertEvaluator evaluator;
  static final List<ProblemSignal> signals = new CopyOnWriteArrayList<>();
  static final AtomicLong sequence = new AtomicLong();

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    admin = ApiClient.loggedInAdmin(server);
    evaluator = server.bean(AlertEvaluator.class);
    evaluator.addSink(signals::add);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Point cpu(long at, double used) {
    return new Point("cpu", Map.of("cpu", "total"), Map.of("used_pct", used), at);
  }

  static void send(ProtocolAgent agent, List<Point> points, List<CheckResult> checks) {
    ApiClient.Response ack = agent.sendChecks(sequence.incrementAndGet(), points, checks);
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
  }

  static List<ProblemSignal> signalsOf(long ruleId) {
    return signals.stream().filter(s -> s.ruleId() == ruleId).toList();
  }

  static List<ProblemSignal> changesOf(long ruleId) {
    return signalsOf(ruleId).stream().filter(s -> !s.text().endsWith(": not holding")).toList();
  }

  static JsonNode problem(String host, String rule) {
    for (JsonNode p : admin.get("/api/v1/problems?host=" + host).json()) {
      if (p.get("rule").stringValue().equals(rule)) {
        return p;
      }
    }
    return null;
  }

  /** Regression: the evaluator's host index once never loaded, so group scopes matched nothing. */
  @Test
  void aGroupScopedRuleJudgesTheGroupsHosts() {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "grp-1");
    ApiClient.Response group = admin.post("/api/v1/host-groups", "{\"name\":\"Hot group\"}");
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    long groupId = group.json().get("id").asLong();
    assertThat(admin.put("/api/v1/host-groups/" + groupId + "/hosts/" + agent.hostKey()).status())
        .isEqualTo(204);
    ApiClient.Response created =
        admin.post(
            "/api/v1/alert-rules",
            """
            {"name":"CPU hot in group","kind":"threshold",
             "scope":{"type":"group","value":"Hot group"},
             "measurement":"cpu","field":"used_pct","tags":{"cpu":"total"},
             "conditions":[{"severity":"major","op":">","value":90,"for":"0s"}],
             "recovery":{"op":"<","value":50,"for":"0s"}}
            """);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long ruleId = created.json().get("id").asLong();
    send(agent, List.of(cpu(System.currentTimeMillis(), 95)), List.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> !changesOf(ruleId).isEmpty());
    assertThat(changesOf(ruleId).get(0).hostKey()).isEqualTo(agent.hostKey());
    assertThat(changesOf(ruleId).get(0).severity()).isEqualTo(Severity.MAJOR);
  }

  /**
   * A host the evaluator already knows joins a group: the group's rule judges it within seconds,
   * not after the host index's 30-second reload (membership raises the host's config version).
   */
  @Test
  void aKnownHostJoiningAGroupIsJudgedByTheGroupsRuleAtOnce() throws InterruptedException {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "join-1");
    long groupId =
        admin.post("/api/v1/host-groups", "{\"name\":\"Joined later\"}").json().get("id").asLong();
    ApiClient.Response created =
        admin.post(
            "/api/v1/alert-rules",
            """
            {"name":"CPU hot after joining","kind":"threshold",
             "scope":{"type":"group","value":"Joined later"},
             "measurement":"cpu","field":"used_pct","tags":{"cpu":"total"},
             "conditions":[{"severity":"major","op":">","value":90,"for":"0s"}],
             "recovery":{"op":"<","value":50,"for":"0s"}}
            """);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long ruleId = created.json().get("id").asLong();
    send(agent, List.of(cpu(System.currentTimeMillis() - 5_000, 95)), List.of());
    Thread.sleep(3_000); // nothing may happen: the evaluator now knows the host, outside the group
    assertThat(changesOf(ruleId)).as("not a member yet").isEmpty();

    assertThat(admin.put("/api/v1/host-groups/" + groupId + "/hosts/" + agent.hostKey()).status())
        .isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              send(agent, List.of(cpu(System.currentTimeMillis(), 95)), List.of());
              return !changesOf(ruleId).isEmpty();
            });
    assertThat(changesOf(ruleId).get(0).hostKey()).isEqualTo(agent.hostKey());
  }

  @Test
  void aRuleCreatedThroughTheApiOpensAndRecoversAProblemFromAgentSamples() {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "hot-1");
    ApiClient.Response created =
        admin.post(
            "/api/v1/alert-rules",
            """
            {"name":"CPU hot (e2e)","kind":"threshold",
             "scope":{"type":"host","value":"%s"},
             "measurement":"cpu","field":"used_pct","tags":{"cpu":"total"},
             "conditions":[{"severity":"critical","op":">","value":90,"for":"2s"}],
             "recovery":{"op":"<","value":50,"for":"0s"}}
            """
                .formatted(agent.hostKey()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long ruleId = created.json().get("id").asLong();
    long now = System.currentTimeMillis();

    send(agent, List.of(cpu(now - 3000, 95), cpu(now - 2000, 96), cpu(now - 1000, 97)), List.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> !changesOf(ruleId).isEmpty());
    ProblemSignal open = changesOf(ruleId).get(0);
    assertThat(open.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(open.hostKey()).isEqualTo(agent.hostKey());
    assertThat(open.series()).isEqualTo(Map.of("cpu", "total"));
    assertThat(open.at()).as("2 s after the first hot sample").isEqualTo(now - 1000);
    assertThat(open.value()).isEqualTo(97.0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> problem(agent.hostKey(), "CPU hot (e2e)") != null);
    JsonNode problem = problem(agent.hostKey(), "CPU hot (e2e)");
    assertThat(problem.get("status").stringValue()).isEqualTo("open");
    assertThat(problem.get("severity").stringValue()).isEqualTo("critical");

    send(agent, List.of(cpu(now + 1000, 70)), List.of());
    send(agent, List.of(cpu(now + 2000, 60)), List.of());
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> changesOf(ruleId).size() == 1);

    send(agent, List.of(cpu(now + 3000, 40)), List.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> changesOf(ruleId).size() == 2);
    ProblemSignal recovered = changesOf(ruleId).get(1);
    assertThat(recovered.recovered()).isTrue();
    assertThat(recovered.at()).isEqualTo(now + 3000);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                problem(agent.hostKey(), "CPU hot (e2e)")
                    .get("status")
                    .stringValue()
                    .equals("resolved"));

    AlertLatency.Snapshot latency = evaluator.latency();
    assertThat(latency.count()).isGreaterThanOrEqualTo(2);
    assertThat(latency.maxMillis()).isPositive().isLessThan(10_000);
    assertThat(evaluator.droppedBatches()).isZero();
  }

  @Test
  void theShippedCheckRuleOpensAProblemForACriticalCheckAndResolvesIt() {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "web-9");
    long now = System.currentTimeMillis();
    send(agent, List.of(), List.of(check(now - 1000, CheckStatus.CRITICAL)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> problem(agent.hostKey(), "Check failing") != null);
    JsonNode problem = problem(agent.hostKey(), "Check failing");
    assertThat(problem.get("severity").stringValue()).isEqualTo("major");
    assertThat(problem.get("series").get("check").stringValue()).isEqualTo("nginx_port");
    assertThat(problem.get("text").stringValue())
        .isEqualTo("Check failing: check nginx_port is CRITICAL");

    send(agent, List.of(), List.of(check(now, CheckStatus.WARNING)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                problem(agent.hostKey(), "Check failing")
                    .get("severity")
                    .stringValue()
                    .equals("warning"));
    send(agent, List.of(), List.of(check(now + 1000, CheckStatus.OK)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                problem(agent.hostKey(), "Check failing")
                    .get("status")
                    .stringValue()
                    .equals("resolved"));
  }

  static CheckResult check(long at, CheckStatus status) {
    return new CheckResult(
        "nginx_port", "port", at, status, "connect " + status, 3.0, Map.of(), List.of());
  }
}
