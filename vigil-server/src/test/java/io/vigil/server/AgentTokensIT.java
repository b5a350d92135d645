package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.AgentProcess;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Per-agent tokens: listed without secrets, revoked at once, rotated with a grace period. */
class AgentTokensIT {

  static final String PASSWORD = "tokens-Granite-4821";

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.agents.rotation-grace", "1s")
            .start();
    admin = ApiClient.loggedInAdmin(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String agentId(ProtocolAgent agent) {
    ApiClient.Response list = admin.get("/api/v1/hosts/" + agent.hostKey() + "/agents");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.json().size()).isEqualTo(1);
    return list.json().get(0).get("agentId").asText();
  }

  static int ingest(ProtocolAgent agent, long sequence) {
    return agent.send(sequence, ProtocolAgent.cpuPoints(System.currentTimeMillis(), 1)).status();
  }

  static int ingestWith(String token, ProtocolAgent agent, long sequence) {
    ProtocolAgent other = agent.reconnect(server.baseUri());
    other.client().withBearer(token);
    return ingest(other, sequence);
  }

  /**
   * Every first use of a token looks it up in the database; more agents than the connection pool
   * holds (10) must all get through, and again after the lookups are cached.
   */
  @Test
  void manyMoreAgentsThanPooledConnectionsAuthenticate() {
    List<ProtocolAgent> agents = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      agents.add(ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "tk-many-" + i));
    }
    for (long sequence = 1; sequence <= 2; sequence++) {
      for (ProtocolAgent agent : agents) {
        assertThat(ingest(agent, sequence)).as(agent.hostKey()).isEqualTo(200);
      }
    }
  }

  @Test
  void listingShowsTheEnrolmentButNeverTheToken() {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "tk-list");
    assertThat(ingest(agent, 5)).isEqualTo(200);
    ApiClient.Response list = admin.get("/api/v1/hosts/" + agent.hostKey() + "/agents");
    assertThat(list.status()).isEqualTo(200);
    JsonNode row = list.json().get(0);
    assertThat(row.get("revoked").asBoolean()).isFalse();
    assertThat(row.get("lastAckSeq").asLong()).isEqualTo(5);
    assertThat(row.get("enrolledAt").asLong()).isPositive();
    assertThat(row.get("lastSeenAt").asLong())
        .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 1000);
    String token = agent.token();
    assertThat(list.body()).doesNotContain(token).doesNotContain(token.substring(6, 20));
    assertThat(list.body()).doesNotContain("tokenHash").doesNotContain("Hash");
    assertThat(admin.get("/api/v1/hosts/nope/agents").status()).isEqualTo(404);
  }

  @Test
  void revokingStopsTheTokenAtOnceAndIsAudited() {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "tk-rev");
    assertThat(ingest(agent, 1)).isEqualTo(200); // cached in the server's token lookup now
    String id = agentId(agent);

    ApiClient.Response revoked =
        admin.post("/api/v1/hosts/" + agent.hostKey() + "/agents/" + id + "/revoke", "{}");
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().get("revoked").asBoolean()).isTrue();

    assertThat(ingest(agent, 2)).isEqualTo(401);
    assertThat(agent.client().post("/api/v1/agent/rotate-token", "").status()).isEqualTo(401);
    JsonNode listed = admin.get("/api/v1/hosts/" + agent.hostKey() + "/agents").json().get(0);
    assertThat(listed.get("revoked").asBoolean()).isTrue();
    JsonNode audit = newestAudit("agent");
    assertThat(audit.get("target").asText()).isEqualTo(agent.hostKey() + "/" + id);
    assertThat(audit.get("old").get("revoked").asBoolean()).isFalse();
    assertThat(audit.get("new").get("revoked").asBoolean()).isTrue();
    assertThat(
            admin
                .post("/api/v1/hosts/" + agent.hostKey() + "/agents/no-such-agent/revoke", "{}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void rotationIsRequestedInTheAckAndTheOldTokenWorksOnlyWithinTheGrace() {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "tk-rot");
    ApiClient.Response first =
        agent.send(1, ProtocolAgent.cpuPoints(System.currentTimeMillis(), 1));
    assertThat(first.status()).isEqualTo(200);
    assertThat(noRotation(first)).isTrue();
    String id = agentId(agent);
    String oldToken = agent.token();

    ApiClient.Response requested =
        admin.post("/api/v1/hosts/" + agent.hostKey() + "/agents/" + id + "/rotate", "{}");
    assertThat(requested.status()).as(requested.body()).isEqualTo(200);
    assertThat(requested.json().get("rotateRequested").asBoolean()).isTrue();
    ApiClient.Response asked =
        agent.send(2, ProtocolAgent.cpuPoints(System.currentTimeMillis(), 1));
    assertThat(asked.status()).isEqualTo(200);
    assertThat(asked.json().get("rotateToken").asBoolean()).isTrue();

    ApiClient.Response rotated = agent.client().post("/api/v1/agent/rotate-token", "");
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String newToken = rotated.json().get("agentToken").asText();
    assertThat(newToken).startsWith("vgl_a_").isNotEqualTo(oldToken);
    assertThat(rotated.json().get("agentId").asText()).isEqualTo(id);

    // The new token works and its acks no longer ask for rotation.
    ProtocolAgent renewed = agent.reconnect(server.baseUri());
    renewed.client().withBearer(newToken);
    ApiClient.Response after =
        renewed.send(3, ProtocolAgent.cpuPoints(System.currentTimeMillis(), 1));
    assertThat(after.status()).isEqualTo(200);
    assertThat(noRotation(after)).isTrue();
    // The old one still works within the grace period (1 s here) ...
    assertThat(ingestWith(oldToken, agent, 4)).isEqualTo(200);
    // ... and stops after it, while the new one goes on working.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ingestWith(oldToken, agent, 5) == 401);
    assertThat(ingestWith(newToken, agent, 6)).isEqualTo(200);

    JsonNode audit = newestAudit("agent");
    assertThat(audit.get("target").asText()).isEqualTo(agent.hostKey() + "/" + id);
    assertThat(audit.get("new").get("rotatedAt").asLong()).isPositive();
    assertThat(admin.get("/api/v1/hosts/" + agent.hostKey() + "/agents").body())
        .doesNotContain(newToken);
  }

  @Test
  void revokeAndRotateRequestsAreForAdminsOnly() {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "tk-adm");
    String id = agentId(agent);
    ApiClient.Response created =
        admin.post(
            "/api/v1/users",
            "{\"username\":\"tk-operator\",\"password\":\""
                + PASSWORD
                + "\",\"role\":\"OPERATOR\",\"allHosts\":true}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ApiClient operator = new ApiClient(server.baseUri());
    assertThat(operator.login("tk-operator", PASSWORD).status()).isEqualTo(200);

    String base = "/api/v1/hosts/" + agent.hostKey() + "/agents";
    assertThat(operator.get(base).status()).isEqualTo(200);
    assertThat(operator.post(base + "/" + id + "/revoke", "{}").status()).isEqualTo(403);
    assertThat(operator.post(base + "/" + id + "/rotate", "{}").status()).isEqualTo(403);
    assertThat(ingest(agent, 1)).isEqualTo(200);
  }

  /** The real agent process: asked in an ack, it rotates, saves the token and goes on with it. */
  @Test
  void theRealAgentRotatesItsTokenWhenAskedAndKeepsDelivering(
      @TempDir Path ownData, @TempDir Path agentDir) throws Exception {
    try (VigilServer own =
            VigilServer.builder()
                .dataDir(ownData)
                .property("vigil.agents.rotation-grace", "1s")
                .start();
        AgentProcess agent =
            AgentProcess.start(
                own.baseUri(),
                own.enrolmentToken(),
                agentDir.resolve("state"),
                List.of("--push-interval-seconds", "1"))) {
      ApiClient ownAdmin = ApiClient.loggedInAdmin(own);
      Path tokenFile =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> findTokenFile(agentDir), f -> f != null && f.toFile().length() > 0);
      String hostKey =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> {
                    JsonNode hosts = ownAdmin.get("/api/v1/hosts").json();
                    return hosts.size() == 1 ? hosts.get(0).get("key").asText() : null;
                  },
                  k -> k != null);
      String agents = "/api/v1/hosts/" + hostKey + "/agents";
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> ownAdmin.get(agents).json().get(0).get("lastAckSeq").asLong() > 0);
      String id = ownAdmin.get(agents).json().get(0).get("agentId").asText();
      String oldToken = Files.readString(tokenFile).strip();

      assertThat(ownAdmin.post(agents + "/" + id + "/rotate", "{}").status()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !Files.readString(tokenFile).strip().equals(oldToken));
      String newToken = Files.readString(tokenFile).strip();
      assertThat(newToken).startsWith("vgl_a_");
      assertThat(Files.getPosixFilePermissions(tokenFile))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));

      ApiClient withOld = new ApiClient(own.baseUri()).withBearer(oldToken);
      ApiClient withNew = new ApiClient(own.baseUri()).withBearer(newToken);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> withOld.get("/api/v1/agent/config").status() == 401);
      assertThat(withNew.get("/api/v1/agent/config").status()).isEqualTo(200);
      long ackAfterGrace = ownAdmin.get(agents).json().get(0).get("lastAckSeq").asLong();
      await()
          .atMost(Duration.ofSeconds(30))
          .alias("the agent delivers with the new token")
          .until(
              () -> ownAdmin.get(agents).json().get(0).get("lastAckSeq").asLong() > ackAfterGrace);
      JsonNode rows = ownAdmin.get(agents).json();
      assertThat(rows.size()).as("no re-enrolment").isEqualTo(1);
      assertThat(rows.get(0).get("rotateRequested").asBoolean()).isFalse();
      assertThat(agent.isAlive()).isTrue();
    }
  }

  static Path findTokenFile(Path agentDir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(agentDir)) {
      return files
          .filter(f -> f.getFileName().toString().equals("agent-token"))
          .findFirst()
          .orElse(null);
    }
  }

  static boolean noRotation(ApiClient.Response ack) {
    JsonNode rotate = ack.json().get("rotateToken");
    return rotate == null || rotate.isNull();
  }

  static JsonNode newestAudit(String targetType) {
    ApiClient.Response response = admin.get("/api/v1/audit?limit=1000");
    assertThat(response.status()).isEqualTo(200);
    List<JsonNode> list = new ArrayList<>();
    response.json().forEach(list::add);
    return list.stream()
        .filter(e -> e.get("targetType").asText().equals(targetType))
        .findFirst()
        .orElseThrow();
  }
}
