package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.AgentProcess;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import io.vigil.testkit.NginxServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A real nginx serves a known mix of requests from a local load generator; the real agent follows
 * nginx's access log through a {@code weblog} item attached with the API; what Vigil's API shows
 * matches the traffic sent: request, status, method and byte counts exactly, the top URLs (query
 * strings normalised) within their reported error bound, the client, and 5xx sample lines.
 *
 * <p>Needs the agent's {@code weblog} item (the web-log agent work): without it the agent reports
 * the item UNKNOWN and this test fails saying so.
 */
class WebLogNginxIT {

  static final String ITEM = "web_access";

  /** Request target, method, expected status, normalised URL, and how many to send. */
  record Traffic(String target, String method, int status, String url, int count) {}

  static final List<Traffic> MIX =
      List.of(
          new Traffic("/ok?b=2&a=1", "GET", 200, "/ok?a&b", 200),
          new Traffic("/ok?a=7&b=1&a=3", "GET", 200, "/ok?a&b", 100),
          new Traffic("/ok?a=3", "GET", 200, "/ok?a", 100),
          new Traffic("/ok", "POST", 200, "/ok", 60),
          new Traffic("/moved?to=x", "GET", 301, "/moved?to", 80),
          new Traffic("/missing/page", "GET", 404, "/missing/page", 70),
          new Traffic("/broken", "GET", 500, "/broken", 40));

  static final List<String> USER_AGENTS =
      List.of(
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Safari/537.36",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
          "curl/8.11.1");

  @TempDir static Path dataDir;
  @TempDir static Path nginxDir;
  @TempDir static Path agentDir;
  static VigilServer server;
  static NginxServer nginx;
  static AgentProcess agent;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.alerting.default-rules", false)
            .property("vigil.weblog.save-interval", "500ms")
            .start();
    admin = ApiClient.loggedInAdmin(server);
    nginx =
        NginxServer.in(nginxDir)
            .page("index.html", "<p>shop</p>")
            .directive("access_log " + nginxDir.resolve("access.log") + " combined;")
            .directive("location = /ok { return 200 \"ok\\n\"; }")
            .directive("location /moved { return 301 /ok; }")
            .directive("location /missing { return 404; }")
            .directive("location = /broken { return 500; }")
            .start();
    agent =
        AgentProcess.start(
            server.baseUri(),
            server.enrolmentToken(),
            agentDir.resolve("state"),
            List.of("--push-interval-seconds", "1"));
  }

  @AfterAll
  static void stop() {
    Closing.all(agent, nginx, server);
  }

  @Test
  void whatVigilShowsMatchesTheTrafficNginxServed() throws Exception {
    String host =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  JsonNode hosts = admin.get("/api/v1/hosts").json();
                  return hosts.size() == 1 ? hosts.get(0).get("key").asString() : null;
                },
                key -> key != null);
    ApiClient.Response attached =
        admin.put(
            "/api/v1/hosts/" + host + "/items/" + ITEM,
            "{\"kind\":\"weblog\",\"intervalSeconds\":2,\"enabled\":true,\"params\":{"
                + "\"paths\":\""
                + nginxDir.resolve("access.log")
                + "\",\"format\":\"combined\",\"top\":\"20\",\"top_interval\":\"4s\","
                + "\"samples\":\"5\"}}");
    assertThat(attached.status()).as(attached.body()).isEqualTo(200);
    // The follower starts at the end of the log it first sees: send only once it has run.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              JsonNode check = weblogCheck(host);
              assertThat(check).as("the %s check on %s", ITEM, host).isNotNull();
              assertThat(check.get("status").isNull()).as("not run yet").isFalse();
              assertThat(check.get("status").asString())
                  .as(
                      "the agent runs weblog items (needs the web-log agent work): %s",
                      check.get("message"))
                  .isEqualTo("OK");
            });
    long from = System.currentTimeMillis() - 60_000;

    Sent sent = sendMix();

    int total = MIX.stream().mapToInt(Traffic::count).sum();
    String query = "?from=" + from + "&to=" + (System.currentTimeMillis() + 120_000) + "&top=20";
    // Totals arrive with every run; the last top tables at the end of their period.
    JsonNode view =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> admin.get("/api/v1/hosts/" + host + "/web" + query).okJson(),
                v ->
                    v.get("totals").get("requests").asLong() >= total
                        && sum(v.get("top").get("url")) >= total
                        && v.get("samples").size() > 0);

    JsonNode totals = view.get("totals");
    assertThat(totals.get("requests").asLong()).isEqualTo(total);
    assertThat(totals.get("malformed").asLong()).isZero();
    assertThat(totals.get("bytes").asLong()).isEqualTo(sent.bodyBytes());
    assertThat(totals.get("status").get("2xx").asLong()).isEqualTo(460);
    assertThat(totals.get("status").get("3xx").asLong()).isEqualTo(80);
    assertThat(totals.get("status").get("4xx").asLong()).isEqualTo(70);
    assertThat(totals.get("status").get("5xx").asLong()).isEqualTo(40);
    assertThat(counts(view.get("statusCodes"), "code"))
        .isEqualTo(Map.of("200", 460L, "301", 80L, "404", 70L, "500", 40L));
    assertThat(counts(view.get("methods"), "method")).isEqualTo(Map.of("GET", 590L, "POST", 60L));

    Map<String, Long> urls = new HashMap<>();
    MIX.forEach(t -> urls.merge(t.url(), (long) t.count(), Long::sum));
    JsonNode top = view.get("top").get("url");
    assertThat(keys(top)).containsExactlyInAnyOrderElementsOf(urls.keySet());
    for (JsonNode row : top) {
      long truth = urls.get(row.get("key").asString());
      assertThat(row.get("requests").asLong())
          .as("%s: reported within its bound of the %d sent", row, truth)
          .isBetween(truth, truth + row.get("errBound").asLong());
    }
    assertThat(keys(top).getFirst()).isEqualTo("/ok?a&b");
    assertThat(top.get(0).get("requests").asLong()).isEqualTo(300);

    JsonNode clients = view.get("top").get("client");
    assertThat(keys(clients)).containsExactly("127.0.0.1");
    assertThat(clients.get(0).get("requests").asLong())
        .isBetween((long) total, total + clients.get(0).get("errBound").asLong());
    for (JsonNode sample : view.get("samples")) {
      assertThat(sample.get("line").asString()).contains("/broken").contains(" 500 ");
    }
    assertThat(view.get("logs").get(0).asString()).isEqualTo(ITEM);
  }

  record Sent(long bodyBytes) {}

  /** Every request of the mix once, in a fixed shuffled order, each answered as expected. */
  private static Sent sendMix() throws Exception {
    List<Traffic> requests = new ArrayList<>();
    MIX.forEach(t -> requests.addAll(Collections.nCopies(t.count(), t)));
    Collections.shuffle(requests, new Random(7));
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    long bytes = 0;
    for (int i = 0; i < requests.size(); i++) {
      Traffic t = requests.get(i);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(nginx.httpUrl(t.target())))
              .timeout(Duration.ofSeconds(10))
              .header("User-Agent", USER_AGENTS.get(i % USER_AGENTS.size()))
              .method(
                  t.method(),
                  t.method().equals("POST")
                      ? HttpRequest.BodyPublishers.ofString("q=1")
                      : HttpRequest.BodyPublishers.noBody())
              .build();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).as("%s %s", t.method(), t.target()).isEqualTo(t.status());
      bytes += response.body().length;
    }
    return new Sent(bytes);
  }

  private static JsonNode weblogCheck(String host) {
    for (JsonNode check : admin.get("/api/v1/hosts/" + host + "/checks").json()) {
      if (ITEM.equals(check.get("item").asString())) {
        return check;
      }
    }
    return null;
  }

  private static long sum(JsonNode rows) {
    long sum = 0;
    for (JsonNode row : rows) {
      sum += row.get("requests").asLong();
    }
    return sum;
  }

  private static List<String> keys(JsonNode rows) {
    List<String> keys = new ArrayList<>();
    rows.forEach(row -> keys.add(row.get("key").asString()));
    return keys;
  }

  private static Map<String, Long> counts(JsonNode rows, String name) {
    Map<String, Long> counts = new LinkedHashMap<>();
    rows.forEach(row -> counts.put(row.get(name).asString(), row.get("requests").asLong()));
    return counts;
  }
}
