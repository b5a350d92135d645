package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.vigil.model.CheckResult;
import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.server.testing.WebLogPoints;
import io.vigil.testkit.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The web-traffic API over points sent as the {@code weblog} item's wire contract says: exact
 * totals, status and method mix, merged top tables with their error bound, graphs and the
 * load-balancing comparison of a pool (a host group or a tag), visitors, the bounded 5xx samples,
 * host-group scopes and parameter validation.
 *
 * <p>Two web servers {@code wt-a} (10 requests per 10 s run: 8 × 200, 1 × 404, 1 × 500; p99 90 ms)
 * and {@code wt-b} (5 × 200 per run; p99 30 ms) form the group <i>Web pool</i>; a third, {@code
 * wt-other}, is in group <i>Other</i>; all three carry the tag {@code role=web}.
 */
class WebTrafficIT {

  static final String LOG = "access";
  static final int RUNS = 30;

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static ProtocolAgent a;
  static ProtocolAgent b;
  static ProtocolAgent other;
  static long pool;
  static long otherGroup;

  /** First run; runs are 10 s apart. The queried range is [from, to). */
  static long base;

  static long from;
  static long to;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.weblog.samples-per-log", 3)
            .property("vigil.weblog.save-interval", "200ms")
            .start();
    admin = ApiClient.loggedInAdmin(server);
    a = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "wt-a");
    b = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "wt-b");
    other = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "wt-other");
    pool = group("Web pool", a, b);
    otherGroup = group("Other", other);
    for (ProtocolAgent agent : List.of(a, b, other)) {
      assertThat(admin.put("/api/v1/hosts/" + agent.hostKey() + "/tags", "{\"role\":\"web\"}"))
          .extracting(ApiClient.Response::status)
          .isEqualTo(200);
    }
    base = System.currentTimeMillis() / 1000 * 1000 - 20 * 60_000;
    from = base - 60_000;
    to = base + 10 * 60_000;

    List<Point> pa = new ArrayList<>();
    List<Point> pb = new ArrayList<>();
    List<Point> po = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long at = base + i * 10_000L;
      pa.addAll(
          WebLogPoints.run(LOG, at, 10)
              .status(200, 8)
              .status(404, 1)
              .status(500, 1)
              .method("GET", 9)
              .method("POST", 1)
              .bytes(1000)
              .latency(20, 10, 40, 90, 120)
              .points());
      pb.addAll(
          WebLogPoints.run(LOG, at, 10)
              .status(200, 5)
              .method("GET", 5)
              .bytes(500)
              .latency(12, 10, 20, 30, 35)
              .points());
      po.addAll(
          WebLogPoints.run(LOG, at, 10).status(503, 100).method("GET", 100).bytes(1).points());
    }
    long t1 = base + 60_000;
    long t2 = base + 120_000;
    pa.add(WebLogPoints.top(LOG, t1, "url", "/a?x", 40, 4000, 2, 0, 80.0));
    pa.add(WebLogPoints.top(LOG, t1, "url", "/b", 20, 2000, 0, 0, 8.0));
    pa.add(WebLogPoints.top(LOG, t2, "url", "/a?x", 30, 3000, 0, 1, 80.0));
    pa.add(WebLogPoints.top(LOG, t2, "url", "/b", 10, 1000, 0, 0, 8.0));
    pa.add(WebLogPoints.top(LOG, t1, "client", "10.0.0.1", 60, 6000, 2, 0, null));
    pa.add(WebLogPoints.top(LOG, t2, "client", "10.0.0.1", 40, 4000, 0, 0, null));
    pa.add(WebLogPoints.top(LOG, t1, "client", "10.0.0.9", 5, 500, 0, 0, null));
    pa.add(WebLogPoints.top(LOG, t1, "browser", "Chrome", 50, 5000, 2, 0, null));
    pb.add(WebLogPoints.top(LOG, t1, "url", "/a?x", 25, 2500, 0, 3, 40.0));
    pb.add(WebLogPoints.top(LOG, t1, "url", "/c", 30, 3000, 0, 0, 20.0));
    pb.add(WebLogPoints.top(LOG, t1, "client", "10.0.0.2", 30, 3000, 0, 0, null));
    pb.add(WebLogPoints.top(LOG, t1, "browser", "curl", 30, 3000, 0, 0, null));
    po.add(WebLogPoints.top(LOG, t1, "url", "/other", 3000, 3, 3000, 0, null));
    po.add(WebLogPoints.top(LOG, t1, "client", "192.0.2.1", 3000, 3, 3000, 0, null));

    List<CheckResult> results =
        List.of(
            WebLogPoints.result(LOG, base + 10_000, 10, List.of("L1a 500", "L1b 500")),
            WebLogPoints.result(LOG, base + 20_000, 10, List.of("L2a 500", "L2b 500")));
    assertThat(a.sendChecks(1, pa, results).status()).isEqualTo(200);
    assertThat(b.send(1, pb).status()).isEqualTo(200);
    assertThat(other.send(1, po).status()).isEqualTo(200);
    // the second result again, in a later batch (an agent re-sending): stored once
    assertThat(a.sendChecks(2, List.of(), results.subList(1, 2)).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode r = poolTraffic("group=" + pool);
              return r.get("totals").get("requests").asLong() == 450
                  && r.get("top").get("browser").size() == 2
                  && r.get("statusCodes").size() == 3;
            });
  }

  @AfterAll
  static void stop() {
    Closing.all(server);
  }

  @Test
  void aPoolSumsItsServersExactly() {
    JsonNode r = poolTraffic("group=" + pool);

    assertThat(r.get("pool").asString()).isEqualTo("group");
    assertThat(r.get("name").asString()).isEqualTo("Web pool");
    assertThat(texts(r.get("hosts"))).containsExactly("wt-a", "wt-b");
    assertThat(texts(r.get("logs"))).containsExactly(LOG);
    assertThat(r.get("resolution").asString()).isEqualTo("RAW");
    JsonNode totals = r.get("totals");
    assertThat(totals.get("requests").asLong()).isEqualTo(450);
    assertThat(totals.get("lines").asLong()).isEqualTo(450);
    assertThat(totals.get("malformed").asLong()).isZero();
    assertThat(totals.get("bytes").asLong()).isEqualTo(45_000);
    assertThat(totals.get("status").get("2xx").asLong()).isEqualTo(390);
    assertThat(totals.get("status").get("4xx").asLong()).isEqualTo(30);
    assertThat(totals.get("status").get("5xx").asLong()).isEqualTo(30);
    assertThat(totals.get("status").get("1xx").asLong()).isZero();
    assertThat(totals.get("error5xxPct").asDouble()).isCloseTo(100.0 * 30 / 450, within(1e-9));
    assertThat(totals.get("reqPerS").asDouble()).isCloseTo(450 / 660.0, within(1e-9));
    // p99 averaged by requests over every run: (90 × 300 + 30 × 150) / 450
    assertThat(totals.get("latency").get("rt_p99_ms").asDouble()).isCloseTo(70, within(1e-9));
    assertThat(totals.get("latency").get("rt_max_ms").asDouble()).isEqualTo(120);

    assertThat(counts(r.get("statusCodes"), "code")).containsExactly("200=390", "404=30", "500=30");
    assertThat(counts(r.get("methods"), "method")).containsExactly("GET=420", "POST=30");
  }

  @Test
  void theGraphsBucketTheRunsAndCompareTheServers() {
    JsonNode r = poolTraffic("group=" + pool);
    JsonNode series = r.get("series");
    // 11 minutes / 300 buckets is below the runs' 10 s: buckets of 1.5 runs, rounded to 15 s
    assertThat(series.get("step").asLong()).isEqualTo(15_000);
    JsonNode timestamps = series.get("timestamps");
    assertThat(timestamps.get(0).asLong()).isEqualTo(from / 15_000 * 15_000);
    int filled = 0;
    for (int i = 0; i < timestamps.size(); i++) {
      JsonNode rate = series.get("reqPerS").get(i);
      long t = timestamps.get(i).asLong();
      boolean hasRun = t + 15_000 > base && t <= base + (RUNS - 1) * 10_000L;
      assertThat(rate.isNull()).as("bucket at %d", t).isEqualTo(!hasRun);
      if (hasRun) {
        filled++;
        assertThat(rate.asDouble()).isEqualTo(1.5);
        assertThat(series.get("bytesPerS").get(i).asDouble()).isEqualTo(150.0);
        assertThat(series.get("status").get("5xx").get(i).asDouble()).isCloseTo(0.1, within(1e-9));
        assertThat(series.get("status").get("2xx").get(i).asDouble()).isCloseTo(1.3, within(1e-9));
        assertThat(series.get("latency").get("rt_p99_ms").get(i).asDouble())
            .isCloseTo(70, within(1e-9));
        assertThat(series.get("latency").get("rt_max_ms").get(i).asDouble()).isEqualTo(120);
      }
    }
    long last = base + (RUNS - 1) * 10_000L;
    assertThat(filled).isEqualTo(last / 15_000 - base / 15_000 + 1); // every bucket the runs span

    JsonNode servers = r.get("servers");
    assertThat(servers).hasSize(2);
    JsonNode sa = servers.get(0);
    JsonNode sb = servers.get(1);
    assertThat(sa.get("host").asString()).isEqualTo("wt-a");
    assertThat(sa.get("requests").asLong()).isEqualTo(300);
    assertThat(sa.get("sharePct").asDouble()).isCloseTo(200.0 / 3, within(1e-9));
    assertThat(sa.get("error5xxPct").asDouble()).isEqualTo(10.0);
    assertThat(sb.get("host").asString()).isEqualTo("wt-b");
    assertThat(sb.get("requests").asLong()).isEqualTo(150);
    assertThat(sb.get("sharePct").asDouble()).isCloseTo(100.0 / 3, within(1e-9));
    int bucket = firstFilled(series);
    assertThat(sa.get("reqPerS").get(bucket).asDouble()).isEqualTo(1.0);
    assertThat(sb.get("reqPerS").get(bucket).asDouble()).isEqualTo(0.5);
    assertThat(sa.get("rtP99Ms").get(bucket).asDouble()).isEqualTo(90.0);
    assertThat(sb.get("rtP99Ms").get(bucket).asDouble()).isEqualTo(30.0);
  }

  @Test
  void topTablesAreMergedOverPeriodsAndHostsWithTheirBound() {
    JsonNode top = poolTraffic("group=" + pool).get("top");
    assertThat(fieldNames(top))
        .containsExactly("url", "client", "referrer", "browser", "os", "bot", "vhost", "upstream");
    JsonNode urls = top.get("url");
    assertThat(keys(urls)).containsExactly("/a?x", "/b", "/c");
    JsonNode ax = urls.get(0);
    assertThat(ax.get("requests").asLong()).isEqualTo(95);
    assertThat(ax.get("bytes").asLong()).isEqualTo(9500);
    assertThat(ax.get("errors").asLong()).isEqualTo(2);
    assertThat(ax.get("errBound").asLong()).isEqualTo(4);
    assertThat(ax.get("periods").asLong()).isEqualTo(3);
    assertThat(ax.get("firstSeen").asLong()).isEqualTo(base + 60_000);
    assertThat(ax.get("lastSeen").asLong()).isEqualTo(base + 120_000);
    assertThat(ax.get("rtP99Ms").asDouble()).isCloseTo((80 + 80 + 40) / 3.0, within(1e-9));
    assertThat(ax.get("rtP50Ms").asDouble()).isCloseTo((20 + 20 + 10) / 3.0, within(1e-9));
    assertThat(urls.get(1).get("requests").asLong()).isEqualTo(30);
    assertThat(urls.get(2).get("requests").asLong()).isEqualTo(30);
    assertThat(keys(top.get("client"))).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.9");
    assertThat(top.get("client").get(0).get("rtP99Ms").isNull()).isTrue();
    assertThat(keys(top.get("browser"))).containsExactly("Chrome", "curl");
    assertThat(top.get("referrer")).isEmpty();

    JsonNode two = poolTraffic("group=" + pool + "&top=2").get("top").get("url");
    assertThat(keys(two)).containsExactly("/a?x", "/b");
  }

  @Test
  void oneHostShowsItsOwnTrafficAndItsSamples() {
    JsonNode r = get("/api/v1/hosts/wt-a/web?from=" + from + "&to=" + to);
    assertThat(r.get("pool").asString()).isEqualTo("host");
    assertThat(r.get("totals").get("requests").asLong()).isEqualTo(300);
    assertThat(r.get("totals").get("error5xxPct").asDouble()).isEqualTo(10.0);
    assertThat(keys(r.get("top").get("url"))).containsExactly("/a?x", "/b");
    assertThat(r.get("top").get("url").get(0).get("requests").asLong()).isEqualTo(70);
    assertThat(r.get("servers")).hasSize(1);
    assertThat(r.get("servers").get(0).get("sharePct").asDouble()).isEqualTo(100.0);
    assertThat(r.get("series").get("reqPerS").get(firstFilled(r.get("series"))).asDouble())
        .isEqualTo(1.0);

    // samples-per-log is 3 here: the oldest of the four lines went; the re-sent run is stored once
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        texts(
                            get("/api/v1/hosts/wt-a/web?from=" + from + "&to=" + to).get("samples"),
                            s -> s.get("line").asString()))
                    .containsExactly("L2a 500", "L2b 500", "L1b 500"));
    JsonNode sample =
        get("/api/v1/web/pool?group=" + pool + "&from=" + from + "&to=" + to).get("samples").get(0);
    assertThat(sample.get("host").asString()).isEqualTo("wt-a");
    assertThat(sample.get("log").asString()).isEqualTo(LOG);
    assertThat(sample.get("at").asLong()).isEqualTo(base + 20_000);

    JsonNode none = get("/api/v1/hosts/wt-a/web?from=" + from + "&to=" + to + "&log=nosuch");
    assertThat(none.get("totals").get("requests").asLong()).isZero();
    assertThat(none.get("logs")).isEmpty();
    assertThat(none.get("top").get("url")).isEmpty();
    assertThat(none.get("samples")).isEmpty();
    assertThat(none.get("series").get("reqPerS").get(0).isNull()).isTrue();
  }

  @Test
  void aTagPoolTakesEveryTaggedHostAndVisitorsAreCountedFromTheClientTables() {
    JsonNode tagged = poolTraffic("tag=role=web");
    assertThat(tagged.get("pool").asString()).isEqualTo("tag");
    assertThat(tagged.get("name").asString()).isEqualTo("role=web");
    assertThat(texts(tagged.get("hosts"))).containsExactly("wt-a", "wt-b", "wt-other");
    assertThat(tagged.get("totals").get("requests").asLong()).isEqualTo(450 + 3000);
    assertThat(poolTraffic("tag=role:web").get("totals").get("requests").asLong()).isEqualTo(3450);

    JsonNode visitors = get("/api/v1/web/visitors?group=" + pool + "&from=" + from + "&to=" + to);
    assertThat(visitors.get("requests").asLong()).isEqualTo(450);
    JsonNode list = visitors.get("visitors");
    assertThat(keys(list)).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.9");
    assertThat(list.get(0).get("requests").asLong()).isEqualTo(100);
    assertThat(list.get(0).get("firstSeen").asLong()).isEqualTo(base + 60_000);
    assertThat(list.get(0).get("lastSeen").asLong()).isEqualTo(base + 120_000);
    assertThat(list.get(0).get("periods").asLong()).isEqualTo(2);
    assertThat(
            keys(
                get("/api/v1/web/visitors?host=wt-b&from=" + from + "&to=" + to + "&limit=1")
                    .get("visitors")))
        .containsExactly("10.0.0.2");
  }

  @Test
  void scopedUsersSeeOnlyTheirGroupsHosts() {
    ApiClient.Response created =
        admin.post(
            "/api/v1/users",
            "{\"username\":\"wt-scoped\",\"password\":\"web-Traffic-4471\",\"role\":\"VIEWER\","
                + "\"groupIds\":["
                + otherGroup
                + "]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ApiClient scoped = new ApiClient(server.baseUri());
    assertThat(scoped.login("wt-scoped", "web-Traffic-4471").status()).isEqualTo(200);
    String range = "&from=" + from + "&to=" + to;

    assertThat(scoped.get("/api/v1/hosts/wt-a/web").status()).isEqualTo(403);
    assertThat(scoped.get("/api/v1/web/pool?group=" + pool).status()).isEqualTo(403);
    assertThat(scoped.get("/api/v1/web/visitors?host=wt-a").status()).isEqualTo(403);
    assertThat(scoped.get("/api/v1/web/visitors?group=" + pool).status()).isEqualTo(403);
    JsonNode tagged = scoped.get("/api/v1/web/pool?tag=role=web" + range).json();
    assertThat(texts(tagged.get("hosts"))).containsExactly("wt-other");
    assertThat(tagged.get("totals").get("requests").asLong()).isEqualTo(3000);
    assertThat(keys(tagged.get("top").get("url"))).containsExactly("/other");
    assertThat(tagged.get("samples")).isEmpty();
    assertThat(keys(scoped.get("/api/v1/web/visitors?tag=role=web" + range).json().get("visitors")))
        .containsExactly("192.0.2.1");
    JsonNode ownGroup = scoped.get("/api/v1/web/pool?group=" + otherGroup + range).json();
    assertThat(ownGroup.get("totals").get("status").get("5xx").asLong()).isEqualTo(3000);

    JsonNode pools = scoped.get("/api/v1/web/pools").json();
    assertThat(texts(pools.get("hosts"))).containsExactly("wt-other");
    assertThat(texts(pools.get("groups"), g -> g.get("name").asString())).containsExactly("Other");
    assertThat(texts(pools.get("tags"), t -> t.get("tag").asString() + "/" + t.get("hosts")))
        .containsExactly("role=web/1");
    JsonNode all = admin.get("/api/v1/web/pools").json();
    assertThat(texts(all.get("hosts"))).containsExactly("wt-a", "wt-b", "wt-other");
    assertThat(texts(all.get("groups"), g -> g.get("name").asString() + "/" + g.get("hosts")))
        .contains("Web pool/2", "Other/1");
  }

  @Test
  void badParametersAreRefusedWithAMessage() {
    String range = "&from=" + from + "&to=" + to;
    List<String> bad =
        List.of(
            "/api/v1/web/pool",
            "/api/v1/web/pool?group=" + pool + "&tag=role=web",
            "/api/v1/web/pool?group=abc",
            "/api/v1/web/pool?tag=nonsense",
            "/api/v1/web/pool?tag=Bad-Name=x",
            "/api/v1/web/pool?group=" + pool + "&from=" + to + "&to=" + from,
            "/api/v1/web/pool?group=" + pool + "&from=0&to=" + 401L * 86_400_000,
            "/api/v1/web/pool?group=" + pool + "&from=-5",
            "/api/v1/web/pool?group=" + pool + "&top=0",
            "/api/v1/web/pool?group=" + pool + "&top=101",
            "/api/v1/web/pool?group=" + pool + "&top=ten",
            "/api/v1/web/pool?group=" + pool + "&log=Not-A-Key",
            "/api/v1/hosts/wt-a/web?from=x",
            "/api/v1/web/visitors?host=wt-a&group=" + pool + range,
            "/api/v1/web/visitors" + "?x=1",
            "/api/v1/web/visitors?host=wt-a&limit=0",
            "/api/v1/web/visitors?host=wt-a&limit=1001");
    for (String path : bad) {
      ApiClient.Response response = admin.get(path);
      assertThat(response.status()).as(path + " " + response.body()).isEqualTo(400);
      assertThat(response.json().get("error").asString()).isEqualTo("invalid_request");
      assertThat(response.json().get("message").asString()).isNotBlank();
    }
    assertThat(admin.get("/api/v1/web/pool?group=999999").status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/hosts/no-such-host/web").status()).isEqualTo(404);
    JsonNode empty = admin.get("/api/v1/web/pool?tag=role=nothing").json();
    assertThat(empty.get("hosts")).isEmpty();
    assertThat(empty.get("totals").get("requests").asLong()).isZero();
  }

  @Test
  void theShippedWebRulesArePresent() {
    JsonNode rules = admin.get("/api/v1/alert-rules").json();
    List<String> web = new ArrayList<>();
    for (JsonNode rule : rules) {
      if (rule.get("measurement") != null && "weblog".equals(rule.get("measurement").asString())) {
        web.add(rule.get("name").asString() + ":" + rule.get("field").asString());
      }
    }
    assertThat(web)
        .containsExactlyInAnyOrder("Web 5xx errors:error_5xx_pct", "Web latency high:rt_p99_ms");
  }

  @Test
  void samplesAreKeptBoundedOnPostgreSql(@TempDir Path pgData) {
    PostgresServer postgres = PostgresServer.startOnce();
    try (VigilServer pg =
        VigilServer.builder()
            .dataDir(pgData)
            .configDatabase(postgres.createDatabase(), postgres.username(), postgres.password())
            .property("vigil.weblog.samples-per-log", 3)
            .property("vigil.weblog.save-interval", "200ms")
            .start()) {
      ApiClient pgAdmin = ApiClient.loggedInAdmin(pg);
      ProtocolAgent agent = ProtocolAgent.enrol(pg.baseUri(), pg.enrolmentToken(), "wt-pg");
      long at = System.currentTimeMillis() - 60_000;
      for (int run = 0; run < 3; run++) {
        CheckResult result =
            WebLogPoints.result(
                LOG, at + run * 10_000L, 1, List.of("run" + run + " a", "run" + run + " b"));
        assertThat(agent.sendChecks(run + 1, List.of(), List.of(result)).status()).isEqualTo(200);
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          texts(
                              pgAdmin.get("/api/v1/hosts/wt-pg/web").json().get("samples"),
                              s -> s.get("line").asString()))
                      .containsExactly("run2 a", "run2 b", "run1 b"));
    }
  }

  private static long group(String name, ProtocolAgent... members) {
    ApiClient.Response created = admin.post("/api/v1/host-groups", "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    for (ProtocolAgent member : members) {
      assertThat(admin.put("/api/v1/host-groups/" + id + "/hosts/" + member.hostKey()).status())
          .isEqualTo(204);
    }
    return id;
  }

  private static JsonNode poolTraffic(String pool) {
    return get("/api/v1/web/pool?" + pool + "&from=" + from + "&to=" + to);
  }

  private static JsonNode get(String path) {
    ApiClient.Response response = admin.get(path);
    assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
    return response.json();
  }

  private static int firstFilled(JsonNode series) {
    for (int i = 0; i < series.get("reqPerS").size(); i++) {
      if (!series.get("reqPerS").get(i).isNull()) {
        return i;
      }
    }
    throw new AssertionError("no bucket with data");
  }

  private static List<String> counts(JsonNode list, String name) {
    return texts(list, n -> n.get(name).asString() + "=" + n.get("requests").asLong());
  }

  private static List<String> keys(JsonNode list) {
    return texts(list, n -> n.get("key").asString());
  }

  private static List<String> texts(JsonNode list) {
    return texts(list, JsonNode::asString);
  }

  private static List<String> texts(JsonNode list, Function<JsonNode, String> text) {
    List<String> result = new ArrayList<>();
    list.forEach(n -> result.add(text.apply(n)));
    return result;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }
}
