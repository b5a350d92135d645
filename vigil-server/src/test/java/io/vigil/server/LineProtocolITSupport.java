package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;

/** Ingest tokens for the integration tests of the write protocols. */
final class LineProtocolITSupport {

  private LineProtocolITSupport() {}

  /**
   * Creates an ingest token as {@code admin}, new hosts joining {@code groupId} (or the default).
   */
  static String token(ApiClient admin, String name, Long groupId) {
    ApiClient.Response created =
        admin.post(
            "/api/v1/ingest-tokens",
            "{\"name\":\""
                + name
                + "\""
                + (groupId == null ? "" : ",\"groupId\":" + groupId)
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String secret = created.json().get("token").asText();
    assertThat(secret).startsWith("vgl_i_");
    return secret;
  }
}
