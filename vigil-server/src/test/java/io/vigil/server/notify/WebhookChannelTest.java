package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.WireCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookChannelTest {

  @Test
  void signatureIsTheHexHmacSha256OfTheBody() {
    // Well-known HMAC-SHA256 test value.
    assertThat(WebhookChannel.sign("key", "The quick brown fox jumps over the lazy dog"))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void jsonBodyCarriesTheProblemKindAndLevel() {
    Message m = new MessageTemplates().render("problem", 0, "en", MessageTemplatesTest.problem());
    JsonNode body = WireCodec.lenient().mapper().readTree(WebhookChannel.body("json", m, 9));
    assertThat(body.get("kind").asText()).isEqualTo("problem");
    assertThat(body.get("level").asInt()).isZero();
    assertThat(body.get("delivery").asLong()).isEqualTo(9);
    assertThat(body.get("text").asText()).isEqualTo(m.subject());
    assertThat(body.get("problem").get("id").asLong()).isEqualTo(42);
    assertThat(body.get("problem").get("host").asText()).isEqualTo("web-1");
    assertThat(body.get("problem").get("severity").asText()).isEqualTo("critical");
    assertThat(body.get("problem").get("series").get("mount").asText()).isEqualTo("/");
  }

  @Test
  void slackBodyIsOnlyText() {
    Message m = new MessageTemplates().render("problem", 0, "ko", MessageTemplatesTest.problem());
    JsonNode body = WireCodec.lenient().mapper().readTree(WebhookChannel.body("slack", m, 9));
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("text").asText()).startsWith(m.subject()).contains("장애 #42");
  }
}
