package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.HostileInput;
import io.vigil.server.testing.ProtocolAgent;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the main JSON APIs as an admin session with hostile bodies, path segments and query
 * parameters from a seeded generator: every answer is below 500 and, when an error, JSON {@code
 * {"error","message"}}; afterwards the server is healthy and what was created before is intact.
 */
class ApiFuzzIT {

  private static final long SEED = Long.getLong("vigil.fuzz.seed", 20261121L);
  private static final Duration BUDGET = Duration.ofSeconds(20);
  private static final String PASSWORD = "sturdy-Lantern-4711";

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static ProtocolAgent agent;

  /** A write endpoint with a valid body to start mutations from. */
  private record Endpoint(String method, String path, String body) {}

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    admin = ApiClient.loggedInAdmin(server);
    agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "fuzz-api");
    assertThat(
            agent
                .send(1, ProtocolAgent.cpuPoints(System.currentTimeMillis() - 60_000, 10))
                .status())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long created(ApiClient.Response response) {
    assertThat(response.status()).as(response.body()).isIn(200, 201);
    return response.json().get("id").asLong();
  }

  private static String rule(String name) {
    return """
        {"name":"%s","kind":"threshold","scope":{"type":"group","value":"Linux servers"},
         "measurement":"disk","field":"util_pct","tags":{"device":"sda"},
         "conditions":[{"severity":"warning","op":">","value":80,"for":"10m"}],
         "recovery":{"op":"<","value":70,"for":"2m"}}"""
        .formatted(name);
  }

  private static String dashboard(String name) {
    return "{\"name\":\""
        + name
        + "\",\"shared\":false,\"panels\":[{\"id\":\"p1\",\"type\":\"timeseries\","
        + "\"title\":\"CPU\",\"x\":0,\"y\":0,\"w\":6,\"h\":6,\"hosts\":[\"web-1\"],"
        + "\"measurement\":\"cpu\",\"fields\":[\"used_pct\"],\"tags\":{\"cpu\":\"total\"},"
        + "\"range\":\"6h\",\"options\":{\"decimals\":1}}]}";
  }

  @Test
  void hostileBodiesPathsAndParametersAreAnsweredCleanly() {
    String host = agent.hostKey();
    long template =
        created(admin.post("/api/v1/templates", "{\"name\":\"fuzz keep\",\"description\":\"d\"}"));
    long ruleId = created(admin.post("/api/v1/alert-rules", rule("fuzz keep rule")));
    long user =
        created(
            admin.post(
                "/api/v1/users",
                "{\"username\":\"fuzzkeep\",\"password\":\""
                    + PASSWORD
                    + "\",\"role\":\"VIEWER\"}"));
    long board = created(admin.post("/api/v1/dashboards", dashboard("fuzz keep board")));
    String item =
        "{\"kind\":\"port\",\"intervalSeconds\":30,\"enabled\":true,"
            + "\"params\":{\"host\":\"127.0.0.1\",\"port\":\"80\",\"timeout\":\"5s\"}}";
    List<Endpoint> endpoints =
        List.of(
            new Endpoint("POST", "/api/v1/templates", "{\"name\":\"fz\",\"description\":\"d\"}"),
            new Endpoint(
                "PUT", "/api/v1/templates/" + template, "{\"name\":\"fz2\",\"description\":\"\"}"),
            new Endpoint("PUT", "/api/v1/templates/" + template + "/items/web", item),
            new Endpoint("PUT", "/api/v1/hosts/" + host + "/items/cpu", "{\"intervalSeconds\":15}"),
            new Endpoint("PUT", "/api/v1/hosts/" + host + "/items/web_check", item),
            new Endpoint(
                "PUT", "/api/v1/hosts/" + host + "/tags", "{\"env\":\"prod\",\"t\":\"x\"}"),
            new Endpoint("POST", "/api/v1/host-groups", "{\"name\":\"fzg\",\"description\":\"x\"}"),
            new Endpoint("POST", "/api/v1/alert-rules", rule("fz rule")),
            new Endpoint("PUT", "/api/v1/alert-rules/" + ruleId, rule("fuzz keep rule")),
            new Endpoint(
                "POST",
                "/api/v1/users",
                "{\"username\":\"fz\",\"password\":\"" + PASSWORD + "\",\"role\":\"VIEWER\"}"),
            new Endpoint(
                "PUT", "/api/v1/users/" + user, "{\"role\":\"VIEWER\",\"timeZone\":\"UTC\"}"),
            new Endpoint("POST", "/api/v1/dashboards", dashboard("fz board")),
            new Endpoint("PUT", "/api/v1/dashboards/" + board, dashboard("fuzz keep board")),
            new Endpoint(
                "POST",
                "/api/v1/hosts",
                "{\"key\":\"fz-host\",\"hostname\":\"fz\",\"address\":\"192.0.2.1\"}"),
            new Endpoint("POST", "/api/v1/ingest-tokens", "{\"name\":\"fz\",\"groupId\":1}"));
    List<String> queries =
        List.of(
            "/api/v1/reports?period=%s&from=%s&to=%s&hosts=%s&tz=%s",
            "/api/v1/compare?hosts=%s&measurement=%s&field=%s&tag=%s&from=%s",
            "/api/v1/overview/top?metric=%s&window=%s&n=%s",
            "/api/v1/overview/hosts?q=%s&status=%s&severity=%s&group=%s&tag=%s&sort=%s&offset=%s",
            "/api/v1/overview/groups?q=%s",
            "/api/v1/query/range?host=%s&measurement=%s&fields=%s&tag=%s&from=%s&to=%s",
            "/api/v1/query/top?measurement=%s&field=%s&tag=%s&window=%s&n=%s&agg=%s&to=%s",
            "/api/v1/query/aggregate?measurement=%s&field=%s&host=%s&tag=%s&fn=%s&step=%s&from=%s&to=%s",
            "/api/v1/audit?limit=%s&before=%s",
            "/api/v1/templates/%s",
            "/api/v1/alert-rules/%s",
            "/api/v1/dashboards/%s",
            "/api/v1/users/%s",
            "/api/v1/hosts/%s/latest",
            "/api/v1/hosts/%s/items",
            "/api/v1/hosts/%s/web?from=%s&to=%s&log=%s&top=%s",
            "/api/v1/web/pool?group=%s&tag=%s&from=%s&to=%s&log=%s&top=%s",
            "/api/v1/web/visitors?host=%s&group=%s&tag=%s&from=%s&to=%s&limit=%s",
            "/api/v1/host-groups/%s");

    HostileInput gen = new HostileInput(SEED);
    long deadline = System.nanoTime() + BUDGET.toNanos();
    int requests = 0;
    for (int i = 0; System.nanoTime() < deadline && i < 5_000; i++) {
      if (i % 4 == 3) {
        String template2 = queries.get(gen.random().nextInt(queries.size()));
        Object[] values = new Object[8];
        for (int v = 0; v < values.length; v++) {
          values[v] = gen.param();
        }
        String path = String.format(template2, values);
        HostileInput.assertHandled(admin.get(path), "GET " + path, false);
      } else {
        Endpoint e = endpoints.get(gen.random().nextInt(endpoints.size()));
        byte[] body =
            switch (i % 13) {
              case 0 -> gen.deeplyNested(10_000);
              case 1 -> gen.randomBytes(2_000);
              case 2 -> new byte[3 * 1024 * 1024];
              default -> gen.mutate(e.body());
            };
        HostileInput.assertHandled(send(e, body), e.method() + " " + e.path() + " #" + i, false);
      }
      requests++;
    }
    assertThat(requests).as("requests in %s", BUDGET).isGreaterThan(200);

    assertThat(new ApiClient(server.baseUri()).get("/api/v1/health").status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/auth/me").status()).as("the session survived").isEqualTo(200);
    assertThat(admin.get("/api/v1/templates/" + template).status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/alert-rules/" + ruleId).status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/users/" + user).json().get("username").asString())
        .isEqualTo("fuzzkeep");
    assertThat(admin.get("/api/v1/dashboards/" + board).status()).isEqualTo(200);
    ApiClient.Response hosts = admin.get("/api/v1/hosts/" + agent.hostKey() + "/latest");
    assertThat(hosts.status()).isEqualTo(200);
    assertThat(hosts.body()).contains("cpu");
  }

  private static ApiClient.Response send(Endpoint e, byte[] body) {
    HttpRequest.Builder request =
        admin
            .request(e.path())
            .header("Content-Type", "application/json")
            .method(e.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    return admin.send(request);
  }
}
