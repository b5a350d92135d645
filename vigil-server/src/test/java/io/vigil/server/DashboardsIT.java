package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.testkit.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * Dashboards over HTTP: CRUD and copy, who may read and change what (owner, admin, shared,
 * built-in), validation, the audit trail, and the shipped Multi-monitor dashboard seeded exactly
 * once per database (H2 and PostgreSQL).
 */
class DashboardsIT {

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;

  static final String PANEL =
      "{\"id\":\"p1\",\"type\":\"timeseries\",\"title\":\"CPU\",\"x\":0,\"y\":0,\"w\":6,\"h\":6,"
          + "\"hosts\":[\"web-1\"],\"measurement\":\"cpu\",\"fields\":[\"used_pct\"],"
          + "\"tags\":{\"cpu\":\"total\"},\"range\":\"6h\",\"options\":{\"decimals\":1}}";

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    admin = ApiClient.loggedInAdmin(server);
  }

  @AfterAll
  static void stop() {
    Closing.all(server);
  }

  @Test
  void ownerCreatesReadsUpdatesCopiesAndDeletes() {
    ApiClient alice = user("dash-alice", "OPERATOR");
    ApiClient.Response created = alice.post("/api/v1/dashboards", body("Mine", false, PANEL));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode view = created.json();
    long id = view.get("id").asLong();
    assertThat(view.get("owner").asString()).isEqualTo("dash-alice");
    assertThat(view.get("editable").asBoolean()).isTrue();
    assertThat(view.get("refreshSeconds").asInt()).isEqualTo(30);
    JsonNode panel = view.get("panels").get(0);
    assertThat(panel.get("type").asString()).isEqualTo("timeseries");
    assertThat(panel.get("w").asInt()).isEqualTo(6);
    assertThat(panel.get("hosts").get(0).asString()).isEqualTo("web-1");
    assertThat(panel.get("tags").get("cpu").asString()).isEqualTo("total");
    assertThat(panel.get("range").asString()).isEqualTo("6h");
    assertThat(panel.get("options").get("decimals").asInt()).isEqualTo(1);

    String moved = PANEL.replace("\"x\":0,\"y\":0", "\"x\":6,\"y\":3");
    ApiClient.Response updated =
        alice.put("/api/v1/dashboards/" + id, body("Mine renamed", false, moved));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    JsonNode read = alice.get("/api/v1/dashboards/" + id).json();
    assertThat(read.get("name").asString()).isEqualTo("Mine renamed");
    assertThat(read.get("panels").get(0).get("x").asInt()).isEqualTo(6);
    assertThat(read.get("panels").get(0).get("y").asInt()).isEqualTo(3);
    assertThat(names(alice)).contains("Mine renamed", "Multi-monitor");

    ApiClient.Response copy = alice.post("/api/v1/dashboards/" + id + "/copy", "");
    assertThat(copy.status()).as(copy.body()).isEqualTo(201);
    assertThat(copy.json().get("name").asString()).isEqualTo("Copy of Mine renamed");
    assertThat(copy.json().get("panels").size()).isEqualTo(1);

    assertThat(alice.delete("/api/v1/dashboards/" + id).status()).isEqualTo(204);
    assertThat(alice.get("/api/v1/dashboards/" + id).status()).isEqualTo(404);

    List<String> audited = new ArrayList<>();
    for (JsonNode entry : admin.get("/api/v1/audit?limit=200").json()) {
      if (entry.get("targetType").asString().equals("dashboard")
          && entry.get("actor").asString().equals("dash-alice")) {
        audited.add(entry.get("action").asString());
      }
    }
    assertThat(audited).contains("create", "update", "delete");
    assertThat(audited.stream().filter("create"::equals).count()).isEqualTo(2);
  }

  @Test
  void privateDashboardsAreTheOwnersAndSharedOnesReadableByAll() {
    ApiClient bob = user("dash-bob", "VIEWER");
    ApiClient carol = user("dash-carol", "VIEWER");
    ApiClient.Response created = bob.post("/api/v1/dashboards", body("Bob private", false, PANEL));
    assertThat(created.status()).as("a viewer builds their own").isEqualTo(201);
    long id = created.json().get("id").asLong();

    assertThat(carol.get("/api/v1/dashboards/" + id).status()).isEqualTo(403);
    assertThat(names(carol)).doesNotContain("Bob private");
    assertThat(carol.put("/api/v1/dashboards/" + id, body("Stolen", true, PANEL)).status())
        .isEqualTo(403);
    assertThat(carol.delete("/api/v1/dashboards/" + id).status()).isEqualTo(403);
    assertThat(carol.post("/api/v1/dashboards/" + id + "/copy", "").status()).isEqualTo(403);

    assertThat(bob.put("/api/v1/dashboards/" + id, body("Bob shared", true, PANEL)).status())
        .isEqualTo(200);
    JsonNode seen = carol.get("/api/v1/dashboards/" + id).json();
    assertThat(seen.get("name").asString()).isEqualTo("Bob shared");
    assertThat(seen.get("editable").asBoolean()).isFalse();
    assertThat(names(carol)).contains("Bob shared");
    assertThat(carol.put("/api/v1/dashboards/" + id, body("Carol's", true, PANEL)).status())
        .as("shared is readable, not writable")
        .isEqualTo(403);
    ApiClient.Response carolsCopy = carol.post("/api/v1/dashboards/" + id + "/copy", "");
    assertThat(carolsCopy.status()).isEqualTo(201);
    assertThat(carolsCopy.json().get("owner").asString()).isEqualTo("dash-carol");
    assertThat(carolsCopy.json().get("shared").asBoolean()).isFalse();

    assertThat(admin.get("/api/v1/dashboards/" + id).json().get("editable").asBoolean()).isTrue();
    assertThat(admin.put("/api/v1/dashboards/" + id, body("Admin fixed", true, PANEL)).status())
        .isEqualTo(200);
    assertThat(bob.get("/api/v1/dashboards/" + id).json().get("owner").asString())
        .as("an admin's edit keeps the owner")
        .isEqualTo("dash-bob");

    long builtin = idOf(carol, "Multi-monitor");
    assertThat(carol.get("/api/v1/dashboards/" + builtin).status()).isEqualTo(200);
    assertThat(carol.delete("/api/v1/dashboards/" + builtin).status()).isEqualTo(403);
    assertThat(bob.put("/api/v1/dashboards/" + builtin, body("Mine now", true, PANEL)).status())
        .isEqualTo(403);
    assertThat(admin.delete("/api/v1/dashboards/" + id).status()).isEqualTo(204);
    assertThat(new ApiClient(server.baseUri()).get("/api/v1/dashboards").status()).isEqualTo(401);
  }

  @Test
  void aGroupScopedViewerSeesOnlyItsHostsDataOnASharedDashboard() {
    ProtocolAgent mine = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "dsc-own");
    ProtocolAgent other =
        ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "dsc-other");
    long now = System.currentTimeMillis();
    assertThat(mine.send(1, ProtocolAgent.cpuPoints(now - 60_000, 30)).status()).isEqualTo(200);
    assertThat(other.send(1, ProtocolAgent.cpuPoints(now - 60_000, 30)).status()).isEqualTo(200);
    String range =
        "&measurement=cpu&fields=used_pct&tag=cpu:total&from=" + (now - 120_000) + "&to=" + now;
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                points(admin, other.hostKey(), range) > 0
                    && points(admin, mine.hostKey(), range) > 0);

    ApiClient.Response group =
        admin.post("/api/v1/host-groups", "{\"name\":\"dash-scope\",\"description\":\"\"}");
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    long groupId = group.json().get("id").asLong();
    assertThat(admin.put("/api/v1/host-groups/" + groupId + "/hosts/" + mine.hostKey()).status())
        .isEqualTo(204);
    String password = "scoped-viewer-pass-2026";
    ApiClient.Response created =
        admin.post(
            "/api/v1/users",
            "{\"username\":\"dash-scoped\",\"password\":\""
                + password
                + "\",\"role\":\"VIEWER\",\"allHosts\":false,\"groupIds\":["
                + groupId
                + "]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ApiClient viewer = new ApiClient(server.baseUri());
    assertThat(viewer.login("dash-scoped", password).status()).isEqualTo(200);

    String panel =
        PANEL.replace(
            "\"hosts\":[\"web-1\"]",
            "\"hosts\":[\"" + mine.hostKey() + "\",\"" + other.hostKey() + "\"]");
    ApiClient.Response shared = admin.post("/api/v1/dashboards", body("Both hosts", true, panel));
    assertThat(shared.status()).as(shared.body()).isEqualTo(201);
    long id = shared.json().get("id").asLong();

    ApiClient.Response seen = viewer.get("/api/v1/dashboards/" + id);
    assertThat(seen.status()).as("a shared dashboard opens for a scoped viewer").isEqualTo(200);
    assertThat(seen.json().get("panels").get(0).get("hosts").size()).isEqualTo(2);
    ApiClient.Response denied = viewer.get("/api/v1/query/range?host=" + other.hostKey() + range);
    assertThat(denied.status()).as("the other group's host: no data, 403").isEqualTo(403);
    assertThat(denied.body()).doesNotContain("used_pct");
    assertThat(viewer.get("/api/v1/hosts/" + other.hostKey() + "/latest").status()).isEqualTo(403);
    assertThat(points(viewer, mine.hostKey(), range)).as("its own host's data").isEqualTo(30);

    // What a host grid over groups lists: the host list and the groups are scoped.
    List<String> visible = new ArrayList<>();
    viewer.get("/api/v1/hosts").json().forEach(h -> visible.add(h.get("key").asString()));
    assertThat(visible).containsExactly(mine.hostKey());
    List<String> members = new ArrayList<>();
    viewer
        .get("/api/v1/host-groups")
        .json()
        .forEach(g -> g.get("hosts").forEach(h -> members.add(h.asString())));
    assertThat(members).doesNotContain(other.hostKey());
    assertThat(admin.delete("/api/v1/dashboards/" + id).status()).isEqualTo(204);
  }

  private static int points(ApiClient client, String host, String range) {
    ApiClient.Response r = client.get("/api/v1/query/range?host=" + host + range);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    int n = 0;
    for (JsonNode series : r.json().get("series")) {
      n += series.get("timestamps").size();
    }
    return n;
  }

  @Test
  void invalidDashboardsAreRefusedWithAMessage() {
    ApiClient dave = user("dash-dave", "VIEWER");
    assertInvalid(dave, body("", false), "name");
    assertInvalid(dave, body("x".repeat(101), false), "name");
    assertInvalid(dave, "{\"name\":\"r\",\"refreshSeconds\":2}", "refreshSeconds");
    assertInvalid(dave, body("t", false, PANEL.replace("timeseries", "pie")), "type");
    assertInvalid(dave, body("x", false, PANEL.replace("\"x\":0", "\"x\":7")), "x + w");
    assertInvalid(dave, body("x", false, PANEL.replace("\"x\":0", "\"x\":12")), "x must be");
    assertInvalid(dave, body("w", false, PANEL.replace("\"w\":6", "\"w\":0")), "w must be");
    assertInvalid(dave, body("h", false, PANEL.replace("\"h\":6", "\"h\":41")), "h must be");
    assertInvalid(dave, body("y", false, PANEL.replace("\"y\":0", "\"y\":1001")), "y must be");
    assertInvalid(dave, body("y", false, PANEL.replace("\"y\":0,", "")), "y must be");
    assertInvalid(
        dave,
        body("m", false, PANEL.replace("\"cpu\",\"fields\"", "\"CPU!\",\"fields\"")),
        "measurement");
    assertInvalid(dave, body("f", false, PANEL.replace("used_pct", "used pct")), "fields");
    assertInvalid(
        dave, body("f", false, PANEL.replace("[\"used_pct\"]", "[]")), "needs a measurement");
    assertInvalid(dave, body("r", false, PANEL.replace("6h", "6 hours")), "range");
    assertInvalid(dave, body("r", false, PANEL.replace("6h", "999d")), "range");
    assertInvalid(
        dave,
        body("o", false, PANEL.replace("{\"decimals\":1}", "{\"nested\":{\"a\":1}}")),
        "options");
    assertInvalid(
        dave, body("g", false, PANEL.replace("\"hosts\"", "\"groups\":[-1],\"hosts\"")), "groups");
    assertInvalid(dave, body("d", false, PANEL, PANEL), "unique");
    StringBuilder hosts = new StringBuilder();
    for (int i = 0; i < 51; i++) {
      hosts.append(i == 0 ? "" : ",").append("\"h").append(i).append('"');
    }
    assertInvalid(dave, body("h", false, PANEL.replace("[\"web-1\"]", "[" + hosts + "]")), "hosts");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add(PANEL.replace("\"p1\"", "\"p" + i + "\""));
    }
    assertInvalid(dave, body("many", false, many.toArray(String[]::new)), "at most 50 panels");
    assertInvalid(dave, "{\"name\":\"u\",\"colour\":\"red\"}", "colour");
    assertInvalid(dave, "not json", "not a valid dashboard");
    ApiClient.Response huge =
        dave.post(
            "/api/v1/dashboards",
            "{\"name\":\"big\",\"panels\":[],\"pad\":\"" + "x".repeat(300_000) + "\"}");
    assertThat(huge.status()).isEqualTo(413);
    assertThat(names(dave)).doesNotContain("big", "many", "r");
  }

  @Test
  void multiMonitorIsSeededOnceAndNotRecreatedAfterDeletion(@TempDir Path otherDir) {
    checkSeeding(() -> VigilServer.builder().dataDir(otherDir).start(), "H2");
  }

  @Test
  void multiMonitorOnPostgreSql(@TempDir Path pgDir) {
    PostgresServer postgres = PostgresServer.startOnce();
    String database = postgres.createDatabase();
    checkSeeding(
        () ->
            VigilServer.builder()
                .dataDir(pgDir)
                .configDatabase(database, postgres.username(), postgres.password())
                .start(),
        "PostgreSQL");
  }

  private static void checkSeeding(java.util.function.Supplier<VigilServer> starter, String db) {
    String password;
    try (VigilServer first = starter.get()) {
      password = first.generatedAdminPassword().orElseThrow();
      ApiClient root = ApiClient.loggedInAdmin(first);
      long id = idOf(root, "Multi-monitor");
      JsonNode view = root.get("/api/v1/dashboards/" + id).json();
      assertThat(view.get("builtin").asBoolean()).as(db).isTrue();
      assertThat(view.get("shared").asBoolean()).isTrue();
      assertThat(view.get("owner").isNull()).isTrue();
      JsonNode grid = view.get("panels").get(0);
      assertThat(grid.get("type").asString()).isEqualTo("hostgrid");
      assertThat(grid.get("w").asInt()).isEqualTo(12);
      long linux =
          first
              .bean(JdbcClient.class)
              .sql("SELECT id FROM host_groups WHERE name = 'Linux servers'")
              .query(Long.class)
              .single();
      assertThat(grid.get("groups").get(0).asLong()).isEqualTo(linux);
      List<String> fields = new ArrayList<>();
      grid.get("fields").forEach(f -> fields.add(f.asString()));
      assertThat(fields)
          .contains("cpu.used_pct", "mem.used_pct", "net.rx_bytes_ps", "disk.read_bytes_ps");
      // A panel edited and saved as-is round-trips: the stored form is valid input.
      String roundTrip =
          "{\"name\":\"Multi-monitor\",\"shared\":true,\"panels\":" + view.get("panels") + "}";
      assertThat(root.put("/api/v1/dashboards/" + id, roundTrip).status()).isEqualTo(200);
      assertThat(root.delete("/api/v1/dashboards/" + id).status()).isEqualTo(204);
    }
    try (VigilServer second = starter.get()) {
      ApiClient root = new ApiClient(second.baseUri());
      assertThat(root.login("admin", password).status()).isEqualTo(200);
      assertThat(names(root))
          .as("a deleted shipped dashboard stays deleted (%s)", db)
          .doesNotContain("Multi-monitor");
      assertThat(
              second
                  .bean(JdbcClient.class)
                  .sql("SELECT COUNT(*) FROM dashboards WHERE builtin")
                  .query(Long.class)
                  .single())
          .isZero();
    }
  }

  private static void assertInvalid(ApiClient client, String json, String message) {
    ApiClient.Response response = client.post("/api/v1/dashboards", json);
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().get("message").asString()).contains(message);
  }

  private static String body(String name, boolean shared, String... panels) {
    return "{\"name\":\""
        + name
        + "\",\"shared\":"
        + shared
        + ",\"panels\":["
        + String.join(",", panels)
        + "]}";
  }

  private static List<String> names(ApiClient client) {
    ApiClient.Response list = client.get("/api/v1/dashboards");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    list.json().forEach(d -> names.add(d.get("name").asString()));
    return names;
  }

  private static long idOf(ApiClient client, String name) {
    for (JsonNode d : client.get("/api/v1/dashboards").json()) {
      if (d.get("name").asString().equals(name)) {
        return d.get("id").asLong();
      }
    }
    throw new AssertionError("no dashboard " + name);
  }

  private static ApiClient user(String name, String role) {
    PasswordEncoder encoder = server.bean(PasswordEncoder.class);
    String password = "pw-" + name + "-long-enough";
    server
        .bean(JdbcClient.class)
        .sql(
            "INSERT INTO users (username, password_hash, role, enabled, created_at)"
                + " VALUES (?, ?, ?, TRUE, CURRENT_TIMESTAMP)")
        .params(name, encoder.encode(password), role)
        .update();
    ApiClient client = new ApiClient(server.baseUri());
    assertThat(client.login(name, password).status()).isEqualTo(200);
    return client;
  }
}
