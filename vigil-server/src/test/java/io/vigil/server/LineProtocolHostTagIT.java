package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.HostSeries;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The host tag and the group of new hosts are settings: with {@code vigil.ilp.host-tag=node} the
 * {@code node} tag names the host (a {@code host} tag is then data like any other), and a token's
 * group wins over {@code vigil.ilp.host-group}.
 */
class LineProtocolHostTagIT {

  @TempDir Path dataDir;
  private VigilServer server;

  @BeforeEach
  void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.ilp.host-tag", "node")
            .property("vigil.ilp.host-group", "Pushed hosts")
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theConfiguredTagNamesTheHostAndTheTokensGroupWins() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    long pushed = group(admin, "Pushed hosts");
    long edge = group(admin, "Edge");
    String plain = LineProtocolITSupport.token(admin, "plain", null);
    String forEdge = LineProtocolITSupport.token(admin, "edge", edge);
    long t = System.currentTimeMillis() / 1000;

    ApiClient.Response first =
        write(server, plain, "app,node=db-7,host=shared-proxy,region=eu requests=5i " + t + "\n");
    assertThat(first.status()).as(first.body()).isEqualTo(204);
    ApiClient.Response second =
        write(
            server,
            forEdge,
            "app,node=edge-1 requests=9i " + t + "\napp,host=ignored requests=1i\n");
    assertThat(second.status()).as(second.body()).isEqualTo(400);
    assertThat(second.json().get("errors").get(0).get("reason").asText())
        .isEqualTo("no host: the line has no tag node or hostname");

    assertThat(admin.get("/api/v1/hosts/db-7").status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/hosts/shared-proxy").status())
        .as("host is an ordinary tag now")
        .isEqualTo(404);
    assertThat(admin.get("/api/v1/host-groups/" + pushed).json().get("hosts").toString())
        .isEqualTo("[\"db-7\"]");
    assertThat(admin.get("/api/v1/host-groups/" + edge).json().get("hosts").toString())
        .isEqualTo("[\"edge-1\"]");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(HostSeries.values(admin, "db-7", "app", "requests", Map.of()))
                    .isEqualTo(
                        Map.of(
                            Map.of("exported_host", "shared-proxy", "region", "eu"),
                            java.util.List.of(5.0))));
  }

  private static long group(ApiClient admin, String name) {
    ApiClient.Response created =
        admin.post("/api/v1/host-groups", "{\"name\":\"" + name + "\",\"description\":\"\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  private static ApiClient.Response write(VigilServer server, String token, String body) {
    ApiClient client = new ApiClient(server.baseUri());
    return client.send(
        HttpRequest.newBuilder(server.baseUri().resolve("/api/v2/write?bucket=b&org=o&precision=s"))
            .header("Authorization", "Token " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** For readers: the JSON of a host, when a test needs more of it. */
  static JsonNode host(ApiClient admin, String key) {
    return admin.get("/api/v1/hosts/" + key).json();
  }
}
