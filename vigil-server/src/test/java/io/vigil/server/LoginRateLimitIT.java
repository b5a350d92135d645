package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login attempts per client address are limited, with the production default of 10 a minute. */
class LoginRateLimitIT {

  @TempDir static Path dataDir;
  static VigilServer server;

  @BeforeAll
  static void start() {
    // The test classpath raises the limit for every other test; this one restores the default.
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.auth.login-rate.max-attempts", 10)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theEleventhAttemptWithinAMinuteIsAnswered429WithRetryAfter() {
    String password = server.generatedAdminPassword().orElseThrow();
    ApiClient client = new ApiClient(server.baseUri());
    assertThat(client.login("admin", password).status()).isEqualTo(200);
    for (int i = 0; i < 8; i++) {
      ApiClient.Response wrong = client.login("nobody-" + i, "wrong-password");
      assertThat(wrong.status()).as("attempt %d: %s", i + 2, wrong.body()).isEqualTo(401);
    }
    assertThat(client.post("/api/v1/auth/login", "{}").status()).as("attempt 10").isEqualTo(400);

    // The eleventh, even with the right password and from a logged-in client.
    ApiClient.Response limited = new ApiClient(server.baseUri()).login("admin", password);
    assertThat(limited.status()).as(limited.body()).isEqualTo(429);
    assertThat(limited.json().get("error").asText()).isEqualTo("rate_limited");
    List<String> retryAfter = limited.headers().get("retry-after");
    assertThat(retryAfter).hasSize(1);
    long seconds = Long.parseLong(retryAfter.get(0));
    assertThat(seconds).isBetween(1L, 60L);
    assertThat(limited.json().get("message").asText()).contains("retry after " + seconds + " s");

    // Only logging in is limited: the session from the first attempt still works, and the account
    // itself was not locked (the per-account lock-out is separate).
    assertThat(client.get("/api/v1/auth/me").status()).isEqualTo(200);
    ApiClient.Response admin = client.get("/api/v1/users");
    assertThat(admin.status()).isEqualTo(200);
    admin
        .json()
        .forEach(user -> assertThat(user.get("lockedUntil").isNull()).as(user.toString()).isTrue());
  }
}
