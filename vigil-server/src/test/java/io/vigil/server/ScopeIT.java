package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Severity;
import io.vigil.server.alerting.ProblemService;
import io.vigil.server.alerting.ProblemSignal;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.LiveStream;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Users scoped to host groups see and act on only their groups' hosts, on every API. */
class ScopeIT {

  static final String PASSWORD = "tenant-Granite-9090";

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static ProtocolAgent hostA;
  static ProtocolAgent hostB;
  static long groupA;
  static long groupB;
  static ApiClient viewer;
  static ApiClient operator;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.alerting.default-rules", false)
            .start();
    admin = ApiClient.loggedInAdmin(server);
    hostA = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "tenant-a-web");
    hostB = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "tenant-b-web");
    groupA = group("Tenant A", hostA);
    groupB = group("Tenant B", hostB);
    long now = System.currentTimeMillis();
    assertThat(hostA.send(1, ProtocolAgent.cpuPoints(now - 60_000, 3)).status()).isEqualTo(200);
    assertThat(hostB.send(1, ProtocolAgent.cpuPoints(now - 60_000, 3)).status()).isEqualTo(200);
    viewer = user("viewer-a", "VIEWER");
    operator = user("operator-a", "OPERATOR");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long group(String name, ProtocolAgent member) {
    ApiClient.Response created = admin.post("/api/v1/host-groups", "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(admin.put("/api/v1/host-groups/" + id + "/hosts/" + member.hostKey()).status())
        .isEqualTo(204);
    return id;
  }

  static ApiClient user(String username, String role) {
    ApiClient.Response created =
        admin.post(
            "/api/v1/users",
            "{\"username\":\""
                + username
                + "\",\"password\":\""
                + PASSWORD
                + "\",\"role\":\""
                + role
                + "\",\"groupIds\":["
                + groupA
                + "]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("groupIds").toString()).isEqualTo("[" + groupA + "]");
    ApiClient client = new ApiClient(server.baseUri());
    assertThat(client.login(username, PASSWORD).status()).isEqualTo(200);
    return client;
  }

  static List<String> hostKeys(ApiClient client) {
    List<String> keys = new ArrayList<>();
    client.get("/api/v1/hosts").json().forEach(h -> keys.add(h.get("key").asText()));
    return keys;
  }

  @Test
  void meShowsTheScope() {
    JsonNode me = viewer.get("/api/v1/auth/me").json();
    assertThat(me.get("allHosts").asBoolean()).isFalse();
    assertThat(me.get("groupIds").toString()).isEqualTo("[" + groupA + "]");
  }

  @Test
  void hostsOutsideTheScopeAreInvisibleAndForbidden() {
    assertThat(hostKeys(admin)).contains(hostA.hostKey(), hostB.hostKey());
    assertThat(hostKeys(viewer)).containsExactly(hostA.hostKey());
    for (String path : new String[] {"", "/latest", "/checks", "/items"}) {
      assertThat(viewer.get("/api/v1/hosts/" + hostA.hostKey() + path).status())
          .as("A" + path)
          .isEqualTo(200);
      ApiClient.Response b = viewer.get("/api/v1/hosts/" + hostB.hostKey() + path);
      assertThat(b.status()).as("B" + path).isEqualTo(403);
      assertThat(b.json().get("error").asText()).isEqualTo("forbidden");
    }
    assertThat(viewer.get("/api/v1/hosts/no-such-host").status()).isEqualTo(403);

    List<Long> groups = new ArrayList<>();
    viewer.get("/api/v1/host-groups").json().forEach(g -> groups.add(g.get("id").asLong()));
    assertThat(groups).containsExactly(groupA);
    assertThat(viewer.get("/api/v1/host-groups/" + groupB).status()).isEqualTo(403);
    assertThat(admin.get("/api/v1/host-groups/" + groupB).status()).isEqualTo(200);
  }

  @Test
  void metricQueriesAreScoped() {
    String range = "/api/v1/query/range?measurement=cpu&host=";
    assertThat(viewer.get(range + hostA.hostKey()).status()).isEqualTo(200);
    assertThat(viewer.get(range + hostB.hostKey()).status()).isEqualTo(403);
    assertThat(admin.get(range + hostB.hostKey()).status()).isEqualTo(200);

    String top = "/api/v1/query/top?measurement=cpu&field=used_pct&window=1h&n=10";
    await().atMost(Duration.ofSeconds(10)).until(() -> admin.get(top).json().size() == 2);
    JsonNode scoped = viewer.get(top).json();
    assertThat(scoped.size()).isEqualTo(1);
    assertThat(scoped.get(0).get("host").asText()).isEqualTo(hostA.hostKey());

    String count = "/api/v1/query/aggregate?measurement=cpu&field=used_pct&fn=count&step=1h";
    assertThat(maxOf(admin.get(count).json().get("values"))).as("both hosts").isEqualTo(2);
    assertThat(maxOf(viewer.get(count).json().get("values"))).as("the scope only").isEqualTo(1);
    assertThat(viewer.get(count + "&host=" + hostB.hostKey()).status()).isEqualTo(403);
    assertThat(viewer.get(count + "&host=" + hostA.hostKey()).status()).isEqualTo(200);
  }

  private static double maxOf(JsonNode values) {
    double max = Double.NEGATIVE_INFINITY;
    for (JsonNode value : values) {
      max = Math.max(max, value.asDouble());
    }
    return max;
  }

  @Test
  void problemsOfOtherGroupsAreInvisible() {
    ProblemService problems = server.bean(ProblemService.class);
    long now = System.currentTimeMillis();
    problems.signal(
        new ProblemSignal(
            901, "CPU busy", hostA.hostKey(), Map.of(), Severity.MAJOR, 95, "A busy", now));
    problems.signal(
        new ProblemSignal(
            902, "CPU busy", hostB.hostKey(), Map.of(), Severity.CRITICAL, 99, "B busy", now));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin.get("/api/v1/problems").json().size() == 2);

    JsonNode visible = operator.get("/api/v1/problems").json();
    assertThat(visible.size()).isEqualTo(1);
    assertThat(visible.get(0).get("host").asText()).isEqualTo(hostA.hostKey());
    long idA = visible.get(0).get("id").asLong();
    long idB = -1;
    for (JsonNode p : admin.get("/api/v1/problems").json()) {
      if (p.get("host").asText().equals(hostB.hostKey())) {
        idB = p.get("id").asLong();
      }
    }
    assertThat(operator.get("/api/v1/problems/" + idB).status()).isEqualTo(403);
    assertThat(operator.get("/api/v1/problems?host=" + hostB.hostKey()).status()).isEqualTo(403);
    assertThat(operator.post("/api/v1/problems/" + idB + "/ack", "{}").status()).isEqualTo(403);
    assertThat(operator.post("/api/v1/problems/" + idB + "/close", "{}").status()).isEqualTo(403);
    assertThat(operator.post("/api/v1/problems/" + idA + "/ack", "{\"comment\":\"mine\"}").status())
        .isEqualTo(200);
    JsonNode summary = operator.get("/api/v1/problems/summary").json();
    assertThat(summary.toString()).doesNotContain(hostB.hostKey());
    assertThat(admin.get("/api/v1/problems/summary").json().toString()).contains(hostB.hostKey());
  }

  @Test
  void liveStreamCarriesOnlyTheScopedHosts() {
    assertThat(viewer.get("/api/v1/stream?host=" + hostB.hostKey()).status()).isEqualTo(403);
    // As a browser's EventSource asks: still a clear 403, not a failed content negotiation.
    ApiClient.Response asBrowser =
        viewer.send(
            viewer
                .request("/api/v1/stream?host=" + hostB.hostKey())
                .setHeader("Accept", "text/event-stream")
                .GET());
    assertThat(asBrowser.status()).isEqualTo(403);
    assertThat(asBrowser.json().get("error").asText()).isEqualTo("forbidden");
    LiveStream stream = LiveStream.open(viewer, "/api/v1/stream");
    List<String> lines = stream.lines();
    long now = System.currentTimeMillis();
    assertThat(hostB.send(2, ProtocolAgent.cpuPoints(now - 3_000, 1)).status()).isEqualTo(200);
    assertThat(hostA.send(2, ProtocolAgent.cpuPoints(now - 2_000, 1)).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.stream().anyMatch(l -> l.contains(hostA.hostKey())));
    // B's batch was stored before A's: had it been sent, it would have arrived first.
    assertThat(lines).noneMatch(l -> l.contains(hostB.hostKey()));
    stream.close();
  }

  @Test
  void scopedUsersCannotChangeTenantWideConfiguration() {
    assertThat(operator.post("/api/v1/templates", "{\"name\":\"mine\"}").status()).isEqualTo(403);
    assertThat(operator.post("/api/v1/host-groups", "{\"name\":\"mine\"}").status()).isEqualTo(403);
    assertThat(operator.put("/api/v1/host-groups/" + groupA + "/hosts/" + hostB.hostKey()).status())
        .isEqualTo(403);
    assertThat(operator.post("/api/v1/silences", "{}").status()).isEqualTo(403);
    assertThat(operator.post("/api/v1/maintenance", "{}").status()).isEqualTo(403);
    assertThat(operator.post("/api/v1/alert-rules", "{}").status()).isEqualTo(403);
    assertThat(operator.get("/api/v1/audit").status()).isEqualTo(403);
    assertThat(admin.get("/api/v1/audit").status()).isEqualTo(200);
  }

  @Test
  void inAppNotificationsAreFilteredByHost() {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    long delivery = 9000;
    for (ProtocolAgent host : List.of(hostA, hostB)) {
      jdbc.sql(
              "INSERT INTO notifications (delivery_id, recipient_id, problem_id, kind, severity,"
                  + " host_key, subject, body, created_at) VALUES (?, 1, 1, 'opened', 'major', ?,"
                  + " ?, 'body', ?)")
          .params(delivery++, host.hostKey(), "about " + host.hostKey(), System.currentTimeMillis())
          .update();
    }
    String all = admin.get("/api/v1/notifications").body();
    assertThat(all).contains("about " + hostA.hostKey()).contains("about " + hostB.hostKey());
    ApiClient.Response scoped = operator.get("/api/v1/notifications");
    assertThat(scoped.status()).isEqualTo(200);
    assertThat(scoped.body()).contains("about " + hostA.hostKey()).doesNotContain(hostB.hostKey());
  }
}
