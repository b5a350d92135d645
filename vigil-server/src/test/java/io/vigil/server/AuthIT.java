package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuthIT {

  @TempDir static Path dataDir;
  static VigilServer server;
  static String adminPassword;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    adminPassword = server.generatedAdminPassword().orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void firstStartGeneratesAStrongAdminPasswordAndStoresOnlyItsHash() {
    assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9]+");
    String hash =
        server
            .bean(JdbcClient.class)
            .sql("SELECT password_hash FROM users WHERE username = 'admin'")
            .query(String.class)
            .single();
    assertThat(hash).startsWith("{bcrypt}").doesNotContain(adminPassword);
  }

  @Test
  void everyApiExceptHealthNeedsAuthentication() {
    ApiClient anonymous = new ApiClient(server.baseUri());
    assertThat(anonymous.get("/api/v1/health").status()).isEqualTo(200);
    for (String path :
        new String[] {
          "/api/v1/hosts",
          "/api/v1/auth/me",
          "/api/v1/query/range?host=x&measurement=cpu",
          "/api/v1/stream",
          "/api/v1/tokens",
          "/api/v1/agent/config",
          "/api/v1/measurements"
        }) {
      ApiClient.Response response = anonymous.get(path);
      assertThat(response.status()).as(path).isEqualTo(401);
      assertThat(response.json().get("error").asText()).as(path).isEqualTo("unauthenticated");
    }
  }

  @Test
  void loginWithTheWrongPasswordIsRefusedWithoutASession() {
    ApiClient client = new ApiClient(server.baseUri());
    ApiClient.Response response = client.login("admin", "not-the-password");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("message").asText()).contains("Wrong username or password");
    assertThat(client.get("/api/v1/hosts").status()).isEqualTo(401);
  }

  @Test
  void sessionLoginGivesAccessUntilLogout() {
    ApiClient client = new ApiClient(server.baseUri());
    ApiClient.Response login = client.login("admin", adminPassword);
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().get("roles").toString()).isEqualTo("[\"ADMIN\"]");
    assertThat(client.hasCookie("VIGIL_SESSION")).isTrue();
    assertThat(client.get("/api/v1/auth/me").json().get("username").asText()).isEqualTo("admin");

    assertThat(client.post("/api/v1/auth/logout", "").status()).isEqualTo(204);
    assertThat(client.get("/api/v1/hosts").status()).isEqualTo(401);
  }

  @Test
  void stateChangingSessionRequestsNeedTheCsrfToken() {
    ApiClient client = new ApiClient(server.baseUri());
    client.login("admin", adminPassword);
    ApiClient.Response withoutToken =
        client.send(
            java.net.http.HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/tokens"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")));
    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(client.post("/api/v1/tokens", "{\"name\":\"ci\"}").status()).isEqualTo(201);
  }

  @Test
  void apiTokensWorkForScriptsUntilDeleted() {
    ApiClient admin = new ApiClient(server.baseUri());
    admin.login("admin", adminPassword);
    ApiClient.Response created = admin.post("/api/v1/tokens", "{\"name\":\"backup script\"}");
    assertThat(created.status()).isEqualTo(201);
    String token = created.json().get("token").asText();
    long id = created.json().get("id").asLong();
    assertThat(token).startsWith("vgl_u_");

    ApiClient script = new ApiClient(server.baseUri()).withBearer(token);
    assertThat(script.get("/api/v1/hosts").status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/tokens").body()).contains("backup script").doesNotContain(token);

    assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
    ApiClient.Response revoked = script.get("/api/v1/hosts");
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.json().get("error").asText()).isEqualTo("invalid_token");
  }

  @Test
  void agentAndUserTokensOnlyOpenTheirOwnDoors() {
    ProtocolAgent agent =
        ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "door-test");
    ApiClient asAgent = new ApiClient(server.baseUri()).withBearer(agent.token());
    assertThat(asAgent.get("/api/v1/agent/config").status()).isEqualTo(200);
    assertThat(asAgent.get("/api/v1/hosts").status()).isEqualTo(403);

    ApiClient admin = new ApiClient(server.baseUri());
    admin.login("admin", adminPassword);
    String userToken =
        admin.post("/api/v1/tokens", "{\"name\":\"u\"}").json().get("token").asText();
    ApiClient asUser = new ApiClient(server.baseUri()).withBearer(userToken);
    assertThat(asUser.get("/api/v1/agent/config").status()).isEqualTo(403);
  }

  @Test
  void enrolmentNeedsAValidEnrolmentToken() {
    ApiClient anonymous = new ApiClient(server.baseUri());
    ApiClient.Response response =
        anonymous.post(
            "/api/v1/agent/enrol",
            "{\"enrolmentToken\":\"vgl_e_wrong\",\"hostname\":\"h\",\"machineId\":\"m\"}");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("error").asText()).isEqualTo("invalid_enrolment_token");
  }

  @Test
  void aSecondStartOnTheSameDataKeepsTheAdminAndPrintsNoNewPassword(@TempDir Path other) {
    try (VigilServer first = VigilServer.builder().dataDir(other).start()) {
      assertThat(first.generatedAdminPassword()).isPresent();
    }
    try (VigilServer second = VigilServer.builder().dataDir(other).start()) {
      assertThat(second.generatedAdminPassword()).isEmpty();
    }
  }
}
