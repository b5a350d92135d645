package io.vigil.server;

import static io.vigil.server.ChecksIngestIT.checks;
import static io.vigil.server.ChecksIngestIT.hostSummary;
import static io.vigil.server.ChecksIngestIT.putItem;
import static io.vigil.server.ChecksIngestIT.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.testkit.NginxServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Agentless hosts: the server itself runs their port and HTTP check items, here against a real
 * nginx on loopback (the test kit's {@link NginxServer}), and reports the results like an agent's.
 * Needs {@code apt-get install nginx}.
 */
class AgentlessChecksIT {

  @TempDir Path dataDir;
  @TempDir Path nginxDir;
  private VigilServer server;
  private NginxServer nginx;
  private int port;

  @BeforeEach
  void start() {
    nginx =
        NginxServer.in(nginxDir).page("index.html", "<html><body>vigil-ok</body></html>\n").start();
    port = nginx.httpPort();
    server = VigilServer.builder().dataDir(dataDir).start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (nginx != null) {
      nginx.close();
    }
  }

  @Test
  void theServerRunsPortAndHttpChecksOfAgentlessHostsAndSeesNginxGoDown() {
    ApiClient admin = ApiClient.loggedInAdmin(server);

    ApiClient.Response created =
        admin.post(
            "/api/v1/hosts",
            "{\"key\":\"web-site\",\"hostname\":\"Web site\",\"address\":\"127.0.0.1\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("key").asText()).isEqualTo("web-site");
    assertThat(created.json().get("agentless").asBoolean()).isTrue();
    assertThat(admin.post("/api/v1/hosts", "{\"key\":\"web-site\",\"address\":\"x\"}").status())
        .as("duplicate key")
        .isEqualTo(409);
    ApiClient.Response badKey =
        admin.post("/api/v1/hosts", "{\"key\":\"Web Site!\",\"address\":\"127.0.0.1\"}");
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.json().get("message").asText()).contains("key");
    assertThat(hostSummary(admin, "web-site").get("online").asBoolean())
        .as("offline until its checks ran")
        .isFalse();

    putItem(
        admin,
        "web-site",
        "home_page",
        "http",
        1,
        "{\"url\":\"http://127.0.0.1:" + port + "/index.html\",\"body_regex\":\"vigil-ok\"}");
    putItem(admin, "web-site", "web_port", "port", 1, "{\"port\":\"" + port + "\"}");
    putItem(admin, "web-site", "web_process", "process", 1, "{\"name\":\"nginx\"}");
    // An enrolled host's items are its agent's business: the server never runs them.
    ProtocolAgent agent =
        ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "agent-host");
    putItem(admin, agent.hostKey(), "web_port", "port", 1, "{\"port\":\"" + port + "\"}");

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode checks = checks(admin, "web-site");
              assertThat(row(checks, "home_page").get("status").asText()).isEqualTo("OK");
              assertThat(row(checks, "web_port").get("status").asText()).isEqualTo("OK");
              assertThat(row(checks, "web_process").get("status").asText()).isEqualTo("UNKNOWN");
            });
    JsonNode checks = checks(admin, "web-site");
    assertThat(row(checks, "home_page").get("runsOn").asText()).isEqualTo("server");
    assertThat(row(checks, "home_page").get("metrics").get("status_code").asDouble())
        .isEqualTo(200.0);
    assertThat(row(checks, "web_port").get("metrics").has("connect_ms")).isTrue();
    assertThat(row(checks, "web_process").get("message").asText())
        .isEqualTo("kind process needs an agent");
    JsonNode host = hostSummary(admin, "web-site");
    assertThat(host.get("online").asBoolean()).as("its checks ran recently").isTrue();
    assertThat(host.get("checks").get("OK").asInt()).isEqualTo(2);
    assertThat(host.get("checks").get("UNKNOWN").asInt()).isEqualTo(1);
    assertThat(row(checks(admin, agent.hostKey()), "web_port").get("status").isNull())
        .as("the server did not run the enrolled host's item")
        .isTrue();

    nginx.stop();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode down = checks(admin, "web-site");
              assertThat(row(down, "home_page").get("status").asText()).isEqualTo("CRITICAL");
              assertThat(row(down, "web_port").get("status").asText()).isEqualTo("CRITICAL");
            });
    assertThat(row(checks(admin, "web-site"), "web_port").get("message").asText())
        .contains("refused");
    assertThat(hostSummary(admin, "web-site").get("checks").get("CRITICAL").asInt()).isEqualTo(2);
  }
}
