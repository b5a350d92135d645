package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/compare}: two hosts with known CPU values give exact statistics; a day's shift
 * brings the previous day's values onto the current range; limits and access are enforced.
 */
class CompareIT {

  static final long MINUTE = 60_000;
  static final long DAY = 86_400_000;

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static ProtocolAgent a;
  static ProtocolAgent b;

  /** The compared range: [from, to). */
  static long from;

  static long to;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).property("vigil.ingest.max-age", "10d").start();
    admin = ApiClient.loggedInAdmin(server);
    a = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "cmp-a");
    b = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "cmp-b");
    to = System.currentTimeMillis();
    from = to - 30 * MINUTE;
    long start = from + MINUTE;
    // a: 10, 20, … 100 now; 1 … 10 a day earlier and 500 a week earlier. b: 5, 10, … 50.
    List<Point> pointsA = new ArrayList<>();
    List<Point> pointsB = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pointsA.add(cpu(start + i * MINUTE, 10.0 * (i + 1)));
      pointsA.add(cpu(start + i * MINUTE - DAY, i + 1));
      pointsB.add(cpu(start + i * MINUTE, 5.0 * (i + 1)));
    }
    pointsA.add(cpu(start - 7 * DAY, 50.0));
    // Another core's series must not leak in: the compare filters on cpu=total.
    pointsB.add(new Point("cpu", Map.of("cpu", "0"), Map.of("used_pct", 99.0), start));
    assertThat(a.send(1, pointsA).status()).isEqualTo(200);
    assertThat(b.send(1, pointsB).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> compare("hosts=" + a.hostKey() + "," + b.hostKey()).get("stats").size() == 2);
  }

  @AfterAll
  static void stop() {
    Closing.all(server);
  }

  @Test
  void twoHostsGiveOverlaidSeriesWithExactStatistics() {
    JsonNode r = compare("hosts=" + a.hostKey() + "," + b.hostKey());
    assertThat(r.get("resolution").asText()).isEqualTo("RAW");
    assertThat(r.get("from").asLong()).isEqualTo(from);
    assertThat(r.get("to").asLong()).isEqualTo(to);
    assertThat(r.get("series")).hasSize(2);
    JsonNode seriesA = r.get("series").get(0);
    assertThat(seriesA.get("host").asText()).isEqualTo(a.hostKey());
    assertThat(seriesA.get("shifted").asBoolean()).isFalse();
    assertThat(seriesA.get("tags").get("cpu").asText()).isEqualTo("total");
    assertThat(seriesA.get("timestamps")).hasSize(10);
    assertThat(seriesA.get("timestamps").get(0).asLong()).isEqualTo(from + MINUTE);
    assertThat(seriesA.get("values").get(9).asDouble()).isEqualTo(100.0);

    JsonNode statsA = r.get("stats").get(0);
    assertThat(statsA.get("host").asText()).isEqualTo(a.hostKey());
    assertThat(statsA.get("min").asDouble()).isEqualTo(10.0);
    assertThat(statsA.get("avg").asDouble()).isEqualTo(55.0);
    assertThat(statsA.get("max").asDouble()).isEqualTo(100.0);
    assertThat(statsA.get("p95").asDouble()).isEqualTo(100.0);
    assertThat(statsA.get("count").asInt()).isEqualTo(10);
    JsonNode statsB = r.get("stats").get(1);
    assertThat(statsB.get("host").asText()).isEqualTo(b.hostKey());
    assertThat(statsB.get("min").asDouble()).isEqualTo(5.0);
    assertThat(statsB.get("avg").asDouble()).isEqualTo(27.5);
    assertThat(statsB.get("max").asDouble()).isEqualTo(50.0);
    assertThat(statsB.get("p95").asDouble()).isEqualTo(50.0);
  }

  @Test
  void aShiftAddsThePreviousPeriodMovedOntoTheRange() {
    JsonNode r = compare("hosts=" + a.hostKey() + "&shift=1d");
    assertThat(r.get("shift").asText()).isEqualTo("1d");
    assertThat(r.get("series")).hasSize(2);
    JsonNode shifted = r.get("series").get(1);
    assertThat(shifted.get("shifted").asBoolean()).isTrue();
    // Stored a day earlier, shown on the current range's clock.
    assertThat(shifted.get("timestamps").get(0).asLong()).isEqualTo(from + MINUTE);
    assertThat(shifted.get("values").get(0).asDouble()).isEqualTo(1.0);
    JsonNode stats = r.get("stats").get(1);
    assertThat(stats.get("shifted").asBoolean()).isTrue();
    assertThat(stats.get("min").asDouble()).isEqualTo(1.0);
    assertThat(stats.get("avg").asDouble()).isEqualTo(5.5);
    assertThat(stats.get("max").asDouble()).isEqualTo(10.0);
    assertThat(stats.get("count").asInt()).isEqualTo(10);

    JsonNode week = compare("hosts=" + a.hostKey() + "&shift=1w");
    JsonNode weekStats = week.get("stats").get(1);
    assertThat(weekStats.get("shifted").asBoolean()).isTrue();
    assertThat(weekStats.get("count").asInt()).isEqualTo(1);
    assertThat(weekStats.get("max").asDouble()).isEqualTo(50.0);
    assertThat(week.get("series").get(1).get("timestamps").get(0).asLong())
        .isEqualTo(from + MINUTE);
  }

  @Test
  void rejectsInvalidRequests() {
    String eleven = "h1,h2,h3,h4,h5,h6,h7,h8,h9,h10,h11";
    assertBadRequest("hosts=" + eleven + "&measurement=cpu&field=used_pct", "at most 10");
    assertBadRequest("measurement=cpu&field=used_pct", "hosts");
    assertBadRequest("hosts=" + a.hostKey() + "&field=used_pct", "measurement");
    assertBadRequest("hosts=" + a.hostKey() + "&measurement=cpu", "field");
    assertBadRequest("hosts=" + a.hostKey() + "&measurement=cpu&field=used_pct&shift=2d", "shift");
    assertBadRequest(
        "hosts=" + a.hostKey() + "&measurement=cpu&field=used_pct&from=200&to=100", "before");
    assertBadRequest(
        "hosts=" + a.hostKey() + "&measurement=cpu&field=used_pct&tag=cpu", "name:value");
    assertBadRequest(
        "hosts=" + a.hostKey() + "&measurement=cpu&field=used_pct&from=0&to=" + to, "400 days");
    ApiClient.Response unknown =
        admin.get("/api/v1/compare?hosts=no-such-host&measurement=cpu&field=used_pct");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void aScopedUserMayCompareOnlyItsHosts() {
    JdbcClient jdbc = server.bean(JdbcClient.class);
    long group =
        admin
            .post("/api/v1/host-groups", "{\"name\":\"compare-a-only\",\"description\":\"\"}")
            .json()
            .get("id")
            .asLong();
    assertThat(admin.put("/api/v1/host-groups/" + group + "/hosts/" + a.hostKey()).status())
        .isEqualTo(204);
    String hash =
        jdbc.sql("SELECT password_hash FROM users WHERE username = 'admin'")
            .query(String.class)
            .single();
    jdbc.sql(
            "INSERT INTO users (username, password_hash, role, enabled, created_at, all_hosts)"
                + " VALUES ('cmp-viewer', ?, 'VIEWER', TRUE, ?, FALSE)")
        .params(hash, OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    jdbc.sql(
            "INSERT INTO user_host_groups (user_id, group_id)"
                + " SELECT id, ? FROM users WHERE username = 'cmp-viewer'")
        .param(group)
        .update();
    ApiClient viewer = new ApiClient(server.baseUri());
    assertThat(viewer.login("cmp-viewer", server.generatedAdminPassword().orElseThrow()).status())
        .isEqualTo(200);
    String query = "&measurement=cpu&field=used_pct&tag=cpu:total&from=" + from + "&to=" + to;
    ApiClient.Response own = viewer.get("/api/v1/compare?hosts=" + a.hostKey() + query);
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(own.json().get("stats").get(0).get("max").asDouble()).isEqualTo(100.0);
    ApiClient.Response other =
        viewer.get("/api/v1/compare?hosts=" + a.hostKey() + "," + b.hostKey() + query);
    assertThat(other.status()).isEqualTo(403);
    // An unknown host is a 403 too for a scoped user: it learns nothing about other tenants.
    assertThat(viewer.get("/api/v1/compare?hosts=no-such-host" + query).status()).isEqualTo(403);
  }

  private static void assertBadRequest(String query, String message) {
    ApiClient.Response r = admin.get("/api/v1/compare?" + query);
    assertThat(r.status()).as(query + " " + r.body()).isEqualTo(400);
    assertThat(r.json().get("message").asText()).as(query).contains(message);
  }

  private static JsonNode compare(String query) {
    ApiClient.Response r =
        admin.get(
            "/api/v1/compare?"
                + query
                + "&measurement=cpu&field=used_pct&tag=cpu:total&from="
                + from
                + "&to="
                + to);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static Point cpu(long at, double usedPct) {
    return new Point("cpu", Map.of("cpu", "total"), Map.of("used_pct", usedPct), at);
  }
}
