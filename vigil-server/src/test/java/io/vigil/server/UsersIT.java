package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Users, roles, password policy, lock-out, account settings and tokens against a real server. */
class UsersIT {

  static final String GOOD = "sturdy-Lantern-4711";

  @TempDir static Path dataDir;
  static VigilServer server;
  static ApiClient admin;
  static long adminId;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    admin = ApiClient.loggedInAdmin(server);
    for (JsonNode user : admin.get("/api/v1/users").json()) {
      if (user.get("username").asText().equals("admin")) {
        adminId = user.get("id").asLong();
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode create(String username, String role) {
    ApiClient.Response response =
        admin.post(
            "/api/v1/users",
            "{\"username\":\""
                + username
                + "\",\"password\":\""
                + GOOD
                + "\",\"role\":\""
                + role
                + "\"}");
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json();
  }

  static ApiClient loggedIn(String username, String password) {
    ApiClient client = new ApiClient(server.baseUri());
    ApiClient.Response login = client.login(username, password);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return client;
  }

  static String createBody(String username, String password, String extra) {
    return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"" + extra + "}";
  }

  static void assertRejected(String body, String message) {
    ApiClient.Response response = admin.post("/api/v1/users", body);
    assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
    assertThat(response.json().get("message").asText()).as(body).contains(message);
  }

  @Test
  void adminCreatesUsersWithLeastPrivilegeByDefault() {
    JsonNode created = create("ana", "VIEWER");
    assertThat(created.get("role").asText()).isEqualTo("VIEWER");
    assertThat(created.get("allHosts").asBoolean()).isFalse();
    assertThat(created.get("groupIds")).isEmpty();
    assertThat(created.get("language").asText()).isEqualTo("en");
    assertThat(created.get("timeZone").asText()).isEqualTo("UTC");
    assertThat(created.get("enabled").asBoolean()).isTrue();
    assertThat(created.has("passwordHash")).isFalse();
    assertThat(created.toString()).doesNotContain(GOOD).doesNotContain("bcrypt");

    JsonNode me = loggedIn("ana", GOOD).get("/api/v1/auth/me").json();
    assertThat(me.get("roles").toString()).isEqualTo("[\"VIEWER\"]");
    assertThat(me.get("allHosts").asBoolean()).isFalse();

    ApiClient viewer = loggedIn("ana", GOOD);
    assertThat(viewer.get("/api/v1/users").status()).isEqualTo(403);
    assertThat(
            viewer.post("/api/v1/users", createBody("eve", GOOD, ",\"role\":\"ADMIN\"")).status())
        .isEqualTo(403);
    assertThat(
            admin.post("/api/v1/users", createBody("ana", GOOD, ",\"role\":\"VIEWER\"")).status())
        .isEqualTo(409);
  }

  @Test
  void invalidUsersAndWeakPasswordsAreRejectedWithReasons() {
    String viewer = ",\"role\":\"VIEWER\"";
    assertRejected(createBody("bob", "short-pw", viewer), "at least 12 characters");
    assertRejected(createBody("bob", "x".repeat(201), viewer), "at most 200 characters");
    assertRejected(createBody("bob", "my-name-is-BOB-ok", viewer), "must not contain the username");
    assertRejected(createBody("bob", "Password1234", viewer), "too common");
    assertRejected(createBody("bad name", GOOD, viewer), "username must be");
    assertRejected(createBody("x".repeat(65), GOOD, viewer), "username must be");
    assertRejected(createBody("bob", GOOD, ",\"role\":\"ROOT\""), "role must be");
    assertRejected(createBody("bob", GOOD, ""), "role is required");
    assertRejected(createBody("bob", GOOD, viewer + ",\"groupIds\":[424242]"), "no host group");
    assertRejected(createBody("bob", GOOD, viewer + ",\"language\":\"fr\""), "language must be");
    assertRejected(createBody("bob", GOOD, viewer + ",\"timeZone\":\"Mars/Olympus\""), "timeZone");
    for (JsonNode user : admin.get("/api/v1/users").json()) {
      assertThat(user.get("username").asText()).isNotEqualTo("bob");
    }
  }

  @Test
  void fiveFailedLoginsLockTheAccountUntilAnAdminUnlocksIt() {
    long id = create("locky", "OPERATOR").get("id").asLong();
    ApiClient client = new ApiClient(server.baseUri());
    for (int i = 0; i < 5; i++) {
      ApiClient.Response wrong = client.login("locky", "wrong-password-" + i);
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().get("error").asText()).isEqualTo("bad_credentials");
    }
    ApiClient.Response locked = client.login("locky", GOOD);
    assertThat(locked.status()).isEqualTo(401);
    assertThat(locked.json().get("error").asText()).isEqualTo("account_locked");
    assertThat(locked.json().get("message").asText())
        .contains("locked until")
        .containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(client.get("/api/v1/auth/me").status()).isEqualTo(401);
    assertThat(admin.get("/api/v1/users/" + id).json().get("lockedUntil").isNumber()).isTrue();

    ApiClient.Response unlock = admin.post("/api/v1/users/" + id + "/unlock", "");
    assertThat(unlock.status()).as(unlock.body()).isEqualTo(200);
    assertThat(unlock.json().get("lockedUntil").isNull()).isTrue();
    assertThat(client.login("locky", GOOD).status()).isEqualTo(200);
    JsonNode after = admin.get("/api/v1/users/" + id).json();
    assertThat(after.get("failedLogins").asInt()).isZero();
    assertThat(after.get("lastLoginAt").isNumber()).isTrue();
  }

  @Test
  void successfulLoginResetsTheFailureCount() {
    long id = create("reset", "VIEWER").get("id").asLong();
    ApiClient client = new ApiClient(server.baseUri());
    for (int i = 0; i < 4; i++) {
      assertThat(client.login("reset", "nope-" + i).status()).isEqualTo(401);
    }
    assertThat(admin.get("/api/v1/users/" + id).json().get("failedLogins").asInt()).isEqualTo(4);
    assertThat(client.login("reset", GOOD).status()).isEqualTo(200);
    for (int i = 0; i < 4; i++) {
      assertThat(client.login("reset", "nope-" + i).status()).isEqualTo(401);
    }
    assertThat(client.login("reset", GOOD).status()).isEqualTo(200);
  }

  @Test
  void usersChangeTheirOwnPasswordUnderThePolicy() {
    create("carol", "VIEWER");
    ApiClient carol = loggedIn("carol", GOOD);
    String newPassword = "another-Harbour-2026";
    ApiClient.Response wrongCurrent =
        carol.post(
            "/api/v1/account/password",
            "{\"currentPassword\":\"nope\",\"newPassword\":\"" + newPassword + "\"}");
    assertThat(wrongCurrent.status()).isEqualTo(403);
    ApiClient.Response same =
        carol.post(
            "/api/v1/account/password",
            "{\"currentPassword\":\"" + GOOD + "\",\"newPassword\":\"" + GOOD + "\"}");
    assertThat(same.status()).isEqualTo(400);
    assertThat(same.json().get("message").asText()).contains("differ");
    ApiClient.Response weak =
        carol.post(
            "/api/v1/account/password",
            "{\"currentPassword\":\"" + GOOD + "\",\"newPassword\":\"qwerty123456\"}");
    assertThat(weak.status()).isEqualTo(400);
    assertThat(weak.json().get("message").asText()).contains("too common");

    ApiClient.Response changed =
        carol.post(
            "/api/v1/account/password",
            "{\"currentPassword\":\"" + GOOD + "\",\"newPassword\":\"" + newPassword + "\"}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(204);
    assertThat(new ApiClient(server.baseUri()).login("carol", GOOD).status()).isEqualTo(401);
    loggedIn("carol", newPassword);
  }

  @Test
  void preferencesAreValidatedAndShownByMe() {
    create("dora", "VIEWER");
    ApiClient dora = loggedIn("dora", GOOD);
    ApiClient.Response saved =
        dora.put(
            "/api/v1/account/preferences", "{\"language\":\"ko\",\"timeZone\":\"Asia/Seoul\"}");
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(saved.json().get("language").asText()).isEqualTo("ko");
    JsonNode me = dora.get("/api/v1/auth/me").json();
    assertThat(me.get("language").asText()).isEqualTo("ko");
    assertThat(me.get("timeZone").asText()).isEqualTo("Asia/Seoul");
    assertThat(dora.put("/api/v1/account/preferences", "{\"language\":\"de\"}").status())
        .isEqualTo(400);
    ApiClient.Response zone =
        dora.put("/api/v1/account/preferences", "{\"timeZone\":\"Nowhere/City\"}");
    assertThat(zone.status()).isEqualTo(400);
    assertThat(zone.json().get("message").asText()).contains("Nowhere/City");
    assertThat(dora.get("/api/v1/auth/me").json().get("timeZone").asText()).isEqualTo("Asia/Seoul");
  }

  @Test
  void disabledUsersLoseTokensSessionsAndLogin() {
    long id = create("erin", "OPERATOR").get("id").asLong();
    ApiClient erin = loggedIn("erin", GOOD);
    ApiClient.Response token = erin.post("/api/v1/tokens", "{\"name\":\"script\"}");
    assertThat(token.status()).isEqualTo(201);
    ApiClient script =
        new ApiClient(server.baseUri()).withBearer(token.json().get("token").asText());
    assertThat(script.get("/api/v1/hosts").status()).isEqualTo(200);

    ApiClient.Response disabled = admin.put("/api/v1/users/" + id, "{\"enabled\":false}");
    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
    assertThat(script.get("/api/v1/hosts").status()).isEqualTo(401);
    assertThat(erin.get("/api/v1/hosts").status()).isEqualTo(401);
    assertThat(new ApiClient(server.baseUri()).login("erin", GOOD).status()).isEqualTo(401);
  }

  @Test
  void aRoleChangeEndsTheSessionSoTheNewRoleAppliesAtOnce() {
    long id = create("gina", "OPERATOR").get("id").asLong();
    ApiClient gina = loggedIn("gina", GOOD);
    assertThat(gina.get("/api/v1/hosts").status()).isEqualTo(200);
    assertThat(admin.put("/api/v1/users/" + id, "{\"role\":\"VIEWER\"}").status()).isEqualTo(200);
    assertThat(gina.get("/api/v1/hosts").status()).isEqualTo(401);
    ApiClient again = loggedIn("gina", GOOD);
    assertThat(again.get("/api/v1/auth/me").json().get("roles").toString())
        .isEqualTo("[\"VIEWER\"]");
  }

  @Test
  void theLastEnabledAdminAndYourselfCannotBeRemoved() {
    ApiClient.Response self = admin.delete("/api/v1/users/" + adminId);
    assertThat(self.status()).isEqualTo(409);
    assertThat(self.json().get("message").asText()).contains("yourself");
    JsonNode second = create("admin2", "ADMIN");
    assertThat(second.get("allHosts").asBoolean()).isTrue();
    long secondId = second.get("id").asLong();
    ApiClient.Response disable = admin.put("/api/v1/users/" + secondId, "{\"enabled\":false}");
    assertThat(disable.status()).as(disable.body()).isEqualTo(200);
    ApiClient.Response demote = admin.put("/api/v1/users/" + adminId, "{\"role\":\"VIEWER\"}");
    assertThat(demote.status()).isEqualTo(409);
    assertThat(demote.json().get("message").asText()).contains("last enabled admin");
    assertThat(admin.delete("/api/v1/users/" + secondId).status()).isEqualTo(204);
    assertThat(admin.get("/api/v1/users/" + secondId).status()).isEqualTo(404);
    assertThat(admin.get("/api/v1/auth/me").json().get("roles").toString())
        .isEqualTo("[\"ADMIN\"]");
  }

  @Test
  void everyUserChangeIsAuditedWithoutPasswords() {
    long id = create("frank", "VIEWER").get("id").asLong();
    assertThat(
            admin
                .put(
                    "/api/v1/users/" + id,
                    "{\"role\":\"OPERATOR\",\"password\":\"reset-Meadow-3141\"}")
                .status())
        .isEqualTo(200);
    assertThat(admin.delete("/api/v1/users/" + id).status()).isEqualTo(204);
    JsonNode audit = admin.get("/api/v1/audit?limit=1000").json();
    int creates = 0;
    int updates = 0;
    int deletes = 0;
    for (JsonNode entry : audit) {
      if (entry.get("targetType").asText().equals("user")
          && entry.get("target").asText().equals("frank")) {
        assertThat(entry.get("actor").asText()).isEqualTo("admin");
        switch (entry.get("action").asText()) {
          case "create" -> creates++;
          case "update" -> {
            updates++;
            assertThat(entry.get("new").toString()).contains("OPERATOR").contains("reset");
          }
          case "delete" -> deletes++;
          default -> throw new AssertionError(entry.toString());
        }
      }
    }
    assertThat(creates).isEqualTo(1);
    assertThat(updates).isEqualTo(1);
    assertThat(deletes).isEqualTo(1);
    assertThat(audit.toString())
        .doesNotContain(GOOD)
        .doesNotContain("reset-Meadow-3141")
        .doesNotContain("{bcrypt}");
  }
}
