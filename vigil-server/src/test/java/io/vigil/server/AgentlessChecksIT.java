package io.vigil.server;

import static io.vigil.server.ChecksIngestIT.checks;
import static io.vigil.server.ChecksIngestIT.hostSummary;
import static io.vigil.server.ChecksIngestIT.putItem;
import static io.vigil.server.ChecksIngestIT.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Agentless hosts: the server itself runs their port and HTTP check items, here against a real
 * nginx on loopback (started like vigil-checks' HttpCheckIT does), and reports the results like an
 * agent's. Needs {@code apt-get install nginx}.
 */
class AgentlessChecksIT {

  private static final Path NGINX = Path.of("/usr/sbin/nginx");

  @TempDir Path dataDir;
  @TempDir Path nginxDir;
  private VigilServer server;
  private Process nginx;
  private int port;

  @BeforeEach
  void start() throws Exception {
    startNginx();
    server = VigilServer.builder().dataDir(dataDir).start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    stopNginx();
  }

  @Test
  void theServerRunsPortAndHttpChecksOfAgentlessHostsAndSeesNginxGoDown()
      throws InterruptedException {
    ApiClient admin = new ApiClient(server.baseUri());
    assertThat(admin.login("admin", server.generatedAdminPassword().orElseThrow()).status())
        .isEqualTo(200);

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

    stopNginx();

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

  private void startNginx() throws Exception {
    if (!Files.isExecutable(NGINX)) {
      fail(NGINX + " is missing: install the Debian package nginx (apt-get install -y nginx)");
    }
    Files.createDirectories(nginxDir.resolve("www"));
    Files.createDirectories(nginxDir.resolve("tmp"));
    Files.writeString(nginxDir.resolve("www/index.html"), "<html><body>vigil-ok</body></html>\n");
    nginxDir.toFile().setReadable(true, false);
    nginxDir.toFile().setExecutable(true, false);
    port = freePort();
    String d = nginxDir.toString();
    String conf =
        (System.getProperty("user.name").equals("root") ? "user root;\n" : "")
            + "daemon off;\nworker_processes 1;\npid "
            + d
            + "/nginx.pid;\nerror_log "
            + d
            + "/error.log warn;\nevents { worker_connections 64; }\nhttp {\n"
            + "  access_log off;\n"
            + "  client_body_temp_path "
            + d
            + "/tmp/body;\n  proxy_temp_path "
            + d
            + "/tmp/proxy;\n  fastcgi_temp_path "
            + d
            + "/tmp/fastcgi;\n  uwsgi_temp_path "
            + d
            + "/tmp/uwsgi;\n  scgi_temp_path "
            + d
            + "/tmp/scgi;\n  types { text/html html; }\n"
            + "  server {\n    listen 127.0.0.1:"
            + port
            + ";\n    server_name localhost;\n    root "
            + d
            + "/www;\n  }\n}\n";
    Path confFile = nginxDir.resolve("nginx.conf");
    Files.writeString(confFile, conf);
    nginx =
        new ProcessBuilder(NGINX.toString(), "-c", confFile.toString(), "-p", d + "/")
            .redirectErrorStream(true)
            .redirectOutput(nginxDir.resolve("nginx.out").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .failFast("nginx exited", () -> !nginx.isAlive())
        .until(() -> listening(port));
  }

  private void stopNginx() throws InterruptedException {
    if (nginx != null && nginx.isAlive()) {
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> !listening(port));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
