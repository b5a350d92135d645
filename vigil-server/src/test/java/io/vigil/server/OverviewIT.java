package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The overview API over a fleet of 1,004 hosts: four reporting agents whose file systems breach the
 * shipped "File system full" rule at different severities (critical, major, warning, none) and a
 * thousand hosts inserted straight into the database. Paging, totals, counts, every filter,
 * sorting, the group list, top-N, host tags and a group-scoped viewer.
 */
class OverviewIT {

  static final int BULK = 1000;

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static final Map<String, ProtocolAgent> agents = new LinkedHashMap<>();
  static ScheduledExecutorService reporter;
  static long paris;
  static long berlin;
  static long europe;
  static long asia;

  /** name → {fs used %, cpu %, net tx bytes/s, net rx bytes/s}. */
  static final Map<String, double[]> FIGURES =
      Map.of(
          "ov-crit", new double[] {97, 20, 100, 1500},
          "ov-major", new double[] {92, 40, 200, 300},
          "ov-warn", new double[] {87, 80, 5000, 10},
          "ov-ok", new double[] {40, 60, 300, 50});

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    admin = ApiClient.loggedInAdmin(server);
    for (String name : List.of("ov-crit", "ov-major", "ov-warn", "ov-ok")) {
      agents.put(name, ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), name));
    }
    AtomicLong sequence = new AtomicLong();
    reporter = Executors.newSingleThreadScheduledExecutor();
    reporter.scheduleAtFixedRate(
        () -> agents.forEach((name, agent) -> agent.send(sequence.incrementAndGet(), points(name))),
        0,
        2,
        TimeUnit.SECONDS);
    insertBulkHosts();
    paris = group("Europe/Paris");
    berlin = group("Europe/Berlin");
    europe = group("Europe");
    asia = group("Asia");
    member(paris, key("ov-crit"));
    member(berlin, key("ov-major"));
    member(asia, key("ov-warn"));
    JdbcClient jdbc = server.bean(JdbcClient.class);
    for (int i = 0; i < 100; i++) {
      jdbc.sql(
              "INSERT INTO host_group_members (group_id, host_id)"
                  + " SELECT ?, id FROM hosts WHERE host_key = ?")
          .params(paris, bulkKey(i))
          .update();
    }
    // Wait for the three problems the rule raises.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode counts = hosts("limit=1").get("counts");
              assertThat(counts.get("critical").asInt()).isEqualTo(1);
              assertThat(counts.get("major").asInt()).isEqualTo(1);
              assertThat(counts.get("warning").asInt()).isEqualTo(1);
            });
  }

  @AfterAll
  static void stop() {
    if (reporter != null) {
      reporter.shutdownNow();
    }
    Closing.all(server);
  }

  @Test
  void pagesThroughAThousandHostsWithTotalsAndCounts() {
    JsonNode first = hosts("limit=500");
    assertThat(first.get("total").asInt()).isEqualTo(BULK + 4);
    assertThat(first.get("offset").asInt()).isZero();
    assertThat(first.get("limit").asInt()).isEqualTo(500);
    assertThat(first.get("hosts")).hasSize(500);
    JsonNode counts = first.get("counts");
    assertThat(counts.get("critical").asInt()).isEqualTo(1);
    assertThat(counts.get("major").asInt()).isEqualTo(1);
    assertThat(counts.get("minor").asInt()).isZero();
    assertThat(counts.get("warning").asInt()).isEqualTo(1);
    assertThat(counts.get("info").asInt()).isZero();
    assertThat(counts.get("ok").asInt()).isEqualTo(BULK + 1);
    assertThat(counts.get("offline").asInt()).isEqualTo(BULK);

    // Worst first, then by name.
    List<String> top = keys(hosts("limit=4"));
    assertThat(top).containsExactly(key("ov-crit"), key("ov-major"), key("ov-warn"), bulkKey(0));
    JsonNode crit = hosts("limit=1").get("hosts").get(0);
    assertThat(crit.get("worstSeverity").asText()).isEqualTo("critical");
    assertThat(crit.get("problems").asInt()).isEqualTo(1);
    assertThat(crit.get("online").asBoolean()).isTrue();
    assertThat(crit.get("diskMaxPct").asDouble()).isEqualTo(97.0);
    assertThat(crit.get("cpuPct").asDouble()).isEqualTo(20.0);
    List<Long> groupIds = new ArrayList<>();
    crit.get("groupIds").forEach(id -> groupIds.add(id.asLong()));
    assertThat(groupIds).contains(paris).doesNotContain(berlin, asia);

    Set<String> seen = new HashSet<>();
    for (int offset = 0; offset < BULK + 4; offset += 500) {
      JsonNode page = hosts("offset=" + offset + "&limit=500");
      assertThat(page.get("total").asInt()).isEqualTo(BULK + 4);
      seen.addAll(keys(page));
    }
    assertThat(seen).hasSize(BULK + 4);
    JsonNode tail = hosts("offset=1000&limit=500");
    assertThat(tail.get("hosts")).hasSize(4);
    assertThat(hosts("offset=5000").get("hosts")).isEmpty();

    List<String> byName = keys(hosts("sort=name&limit=2"));
    assertThat(byName).containsExactly(bulkKey(0), bulkKey(1));
    assertThat(keys(hosts("sort=name&offset=1003&limit=1"))).containsExactly(key("ov-warn"));
    assertThat(keys(hosts("sort=disk&limit=2"))).containsExactly(key("ov-crit"), key("ov-major"));
  }

  @Test
  void filtersBySeverityStatusTextGroupAndTag() {
    JsonNode severe = hosts("severity=critical,major");
    assertThat(keys(severe)).containsExactly(key("ov-crit"), key("ov-major"));
    assertThat(severe.get("total").asInt()).isEqualTo(2);
    // Counts ignore the severity filter, so the chips keep their numbers while one is selected.
    assertThat(severe.get("counts").get("ok").asInt()).isEqualTo(BULK + 1);
    assertThat(hosts("severity=ok").get("total").asInt()).isEqualTo(BULK + 1);

    JsonNode online = hosts("status=online");
    assertThat(online.get("total").asInt()).isEqualTo(4);
    assertThat(online.get("counts").get("offline").asInt()).isZero();
    assertThat(online.get("counts").get("ok").asInt()).isEqualTo(1);
    assertThat(hosts("status=offline&limit=1").get("total").asInt()).isEqualTo(BULK);

    assertThat(hosts("q=BULK-000").get("total").asInt()).isEqualTo(10);
    assertThat(hosts("q=10.9.0.77").get("total").asInt()).isEqualTo(1);
    assertThat(keys(hosts("q=ov-w"))).containsExactly(key("ov-warn"));

    assertThat(hosts("group=" + paris).get("total").asInt()).isEqualTo(101);
    assertThat(hosts("group=" + paris + "&severity=critical").get("total").asInt()).isEqualTo(1);
    // A parent group takes in its sub-groups ("Europe/…"); a list of groups is their union.
    assertThat(hosts("group=" + europe).get("total").asInt()).isEqualTo(102);
    assertThat(hosts("group=" + paris + "," + berlin).get("total").asInt()).isEqualTo(102);
    assertThat(keys(hosts("group=" + asia))).containsExactly(key("ov-warn"));

    assertThat(admin.put(tagsPath("ov-crit"), "{\"env\":\"prod\",\"team\":\"web\"}").status())
        .isEqualTo(200);
    JsonNode prod = hosts("tag=env:prod&limit=500");
    assertThat(prod.get("total").asInt()).isEqualTo(101);
    assertThat(hosts("tag=team").get("total").asInt()).isEqualTo(1);
    assertThat(hosts("tag=team:db").get("total").asInt()).isZero();
    JsonNode tagged = hosts("tag=team:web").get("hosts").get(0);
    assertThat(tagged.get("tags").get("env").asText()).isEqualTo("prod");
    assertThat(tagged.get("tags").get("team").asText()).isEqualTo("web");
    assertThat(hosts("q=team:web").get("total").asInt()).isEqualTo(1);
  }

  @Test
  void rejectsInvalidRequests() {
    for (String query :
        List.of(
            "limit=501",
            "limit=0",
            "offset=-1",
            "sort=random",
            "severity=fatal",
            "status=asleep",
            "tag=Env:prod",
            "group=abc")) {
      ApiClient.Response r = admin.get("/api/v1/overview/hosts?" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.json().get("message").asText()).as(query).isNotBlank();
    }
    assertThat(admin.get("/api/v1/overview/top?metric=disk").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/overview/top?metric=cpu&n=51").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/overview/top?metric=cpu&window=90d").status()).isEqualTo(400);
    assertThat(admin.get("/api/v1/overview/top?metric=cpu&window=soon").status()).isEqualTo(400);
  }

  @Test
  void groupsCarryTheirPathCountsAndWorstSeverity() {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    admin.get("/api/v1/overview/groups").json().forEach(g -> byName.put(g.get("name").asText(), g));
    JsonNode p = byName.get("Europe/Paris");
    assertThat(p.get("path").get(0).asText()).isEqualTo("Europe");
    assertThat(p.get("path").get(1).asText()).isEqualTo("Paris");
    assertThat(p.get("hostCount").asInt()).isEqualTo(101);
    assertThat(p.get("worstSeverity").asText()).isEqualTo("critical");
    assertThat(p.get("counts").get("critical").asInt()).isEqualTo(1);
    assertThat(p.get("counts").get("ok").asInt()).isEqualTo(100);
    assertThat(byName.get("Europe/Berlin").get("worstSeverity").asText()).isEqualTo("major");
    assertThat(byName.get("Asia").get("worstSeverity").asText()).isEqualTo("warning");
    assertThat(byName.get("Europe").get("hostCount").asInt()).isZero();
    assertThat(byName.get("Europe").get("worstSeverity").isNull()).isTrue();
    JsonNode linux = byName.get("Linux servers");
    assertThat(linux.get("hostCount").asInt()).isEqualTo(4);
    assertThat(linux.get("worstSeverity").asText()).isEqualTo("critical");
  }

  @Test
  void topListsRankHostsByMetric() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode cpu = admin.get("/api/v1/overview/top?metric=cpu&window=1h&n=3").json();
              assertThat(cpu).hasSize(3);
              assertThat(cpu.get(0).get("host").asText()).isEqualTo(key("ov-warn"));
              assertThat(cpu.get(0).get("value").asDouble()).isEqualTo(80.0);
              assertThat(cpu.get(1).get("host").asText()).isEqualTo(key("ov-ok"));
              assertThat(cpu.get(2).get("host").asText()).isEqualTo(key("ov-major"));
            });
    JsonNode fs = admin.get("/api/v1/overview/top?metric=fs&window=15m&n=1").json();
    assertThat(fs.get(0).get("host").asText()).isEqualTo(key("ov-crit"));
    assertThat(fs.get(0).get("value").asDouble()).isEqualTo(97.0);
    JsonNode mem = admin.get("/api/v1/overview/top?metric=mem&n=4").json();
    assertThat(mem).hasSize(4);
    JsonNode net = admin.get("/api/v1/overview/top?metric=net&n=2").json();
    assertThat(net.get(0).get("host").asText()).isEqualTo(key("ov-warn"));
    assertThat(net.get(0).get("value").asDouble()).isEqualTo(5000.0);
    assertThat(net.get(1).get("host").asText()).isEqualTo(key("ov-crit"));
    assertThat(net.get(1).get("value").asDouble()).isEqualTo(1500.0); // its rx beats its tx
  }

  @Test
  void tagsAreValidatedReplacedAndAudited() {
    String path = tagsPath("ov-ok");
    ApiClient.Response put = admin.put(path, "{\"team\":\"db\",\"env\":\"staging\"}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().get("team").asText()).isEqualTo("db");
    assertThat(admin.get(path).json().get("env").asText()).isEqualTo("staging");

    StringBuilder tooMany = new StringBuilder("{");
    for (int i = 0; i < 33; i++) {
      tooMany.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"v\"");
    }
    tooMany.append('}');
    assertBadRequest(path, tooMany.toString(), "at most 32");
    assertBadRequest(path, "{\"Team\":\"db\"}", "identifiers");
    assertBadRequest(path, "{\"team\":\"" + "x".repeat(257) + "\"}", "256");
    assertBadRequest(path, "{\"team\":\"\"}", "needs a value");
    assertBadRequest(path, "[\"team\"]", null);
    // A refused change keeps the old tags.
    assertThat(admin.get(path).json().get("team").asText()).isEqualTo("db");
    assertThat(admin.put(path, "{\"team\":\"" + "x".repeat(256) + "\"}").status()).isEqualTo(200);

    assertThat(admin.put("/api/v1/hosts/no-such-host/tags", "{}").status()).isEqualTo(404);

    assertThat(admin.put(path, "{}").status()).isEqualTo(200);
    assertThat(admin.get(path).json().isEmpty()).isTrue();

    JsonNode audit = admin.get("/api/v1/audit?limit=50").json();
    List<String> targets = new ArrayList<>();
    audit.forEach(
        e -> {
          if (e.get("targetType").asText().equals("host_tags")) {
            targets.add(e.get("target").asText());
          }
        });
    assertThat(targets).contains(key("ov-ok"));
  }

  @Test
  void aScopedViewerSeesOnlyTheHostsOfItsGroups() {
    String password = server.generatedAdminPassword().orElseThrow();
    JdbcClient jdbc = server.bean(JdbcClient.class);
    String hash =
        jdbc.sql("SELECT password_hash FROM users WHERE username = 'admin'")
            .query(String.class)
            .single();
    jdbc.sql(
            "INSERT INTO users (username, password_hash, role, enabled, created_at, all_hosts)"
                + " VALUES ('asia-viewer', ?, 'VIEWER', TRUE, ?, FALSE)")
        .params(hash, OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    jdbc.sql(
            "INSERT INTO user_host_groups (user_id, group_id)"
                + " SELECT id, ? FROM users WHERE username = 'asia-viewer'")
        .param(asia)
        .update();
    ApiClient viewer = new ApiClient(server.baseUri());
    assertThat(viewer.login("asia-viewer", password).status()).isEqualTo(200);

    JsonNode page = viewer.get("/api/v1/overview/hosts").json();
    assertThat(keys(page)).containsExactly(key("ov-warn"));
    assertThat(page.get("total").asInt()).isEqualTo(1);
    assertThat(page.get("counts").get("critical").asInt()).isZero();
    assertThat(page.get("counts").get("warning").asInt()).isEqualTo(1);
    JsonNode groups = viewer.get("/api/v1/overview/groups").json();
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).get("id").asLong()).isEqualTo(asia);
    assertThat(viewer.get("/api/v1/overview/hosts?group=" + paris).status()).isEqualTo(403);
    JsonNode cpu = viewer.get("/api/v1/overview/top?metric=cpu&n=10").json();
    cpu.forEach(e -> assertThat(e.get("host").asText()).isEqualTo(key("ov-warn")));
    assertThat(viewer.get(tagsPath("ov-crit")).status()).isEqualTo(403);
    assertThat(viewer.get(tagsPath("ov-warn")).status()).isEqualTo(200);
  }

  private static void assertBadRequest(String path, String body, String message) {
    ApiClient.Response r = admin.put(path, body);
    assertThat(r.status()).as(body).isEqualTo(400);
    if (message != null) {
      assertThat(r.json().get("message").asText()).contains(message);
    }
  }

  private static JsonNode hosts(String query) {
    ApiClient.Response r = admin.get("/api/v1/overview/hosts?" + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<String> keys(JsonNode page) {
    List<String> keys = new ArrayList<>();
    page.get("hosts").forEach(h -> keys.add(h.get("key").asText()));
    return keys;
  }

  private static String key(String name) {
    return agents.get(name).hostKey();
  }

  private static String bulkKey(int i) {
    return "bulk-%04d".formatted(i);
  }

  private static String tagsPath(String name) {
    return "/api/v1/hosts/" + URLEncoder.encode(key(name), StandardCharsets.UTF_8) + "/tags";
  }

  /** A thousand agentless hosts in one JDBC batch, every tenth tagged env=prod. */
  private static void insertBulkHosts() {
    JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
    List<Object[]> rows = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < BULK; i++) {
      rows.add(
          new Object[] {
            bulkKey(i),
            bulkKey(i),
            "agentless:" + UUID.randomUUID(),
            now,
            "10.9." + i / 100 + "." + i
          });
    }
    jdbc.batchUpdate(
        "INSERT INTO hosts (host_key, hostname, machine_id, registered_at, agentless, address)"
            + " VALUES (?, ?, ?, ?, TRUE, ?)",
        rows);
    jdbc.update(
        "INSERT INTO host_tags (host_id, name, tag_value)"
            + " SELECT id, 'env', 'prod' FROM hosts WHERE host_key LIKE 'bulk-%0'");
  }

  private static long group(String name) {
    ApiClient.Response r =
        admin.post("/api/v1/host-groups", "{\"name\":\"" + name + "\",\"description\":\"\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  private static void member(long group, String hostKey) {
    assertThat(admin.put("/api/v1/host-groups/" + group + "/hosts/" + hostKey).status())
        .isEqualTo(204);
  }

  private static List<Point> points(String name) {
    double[] f = FIGURES.get(name);
    long now = System.currentTimeMillis();
    return List.of(
        new Point("fs", Map.of("mount", "/"), Map.of("used_pct", f[0]), now),
        new Point("cpu", Map.of("cpu", "total"), Map.of("used_pct", f[1]), now),
        new Point("mem", Map.of(), Map.of("used_pct", 30.0), now),
        new Point(
            "net", Map.of("iface", "eth0"), Map.of("rx_bytes_ps", f[3], "tx_bytes_ps", f[2]), now));
  }
}
