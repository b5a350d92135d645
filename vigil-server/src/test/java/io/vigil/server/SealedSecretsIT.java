package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.notify.NotifyProperties;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP and SMPP passwords need not sit in clear in configuration: an admin seals them with the
 * server's key, and a sealed property value is opened at start.
 */
class SealedSecretsIT {

  @TempDir Path dataDir;
  VigilServer server;

  @AfterEach
  void stop() {
    Closing.all(server);
  }

  @Test
  void aSealedPasswordInTheConfigurationIsOpenedAtStart() {
    server = VigilServer.builder().dataDir(dataDir).start();
    ApiClient admin = ApiClient.loggedInAdmin(server);
    ApiClient.Response sealed =
        admin.post("/api/v1/secrets/seal", "{\"value\":\"smtp-Pass-2931\"}");
    assertThat(sealed.status()).as(sealed.body()).isEqualTo(200);
    String text = sealed.json().get("sealed").asText();
    assertThat(text).startsWith("enc:v1:").doesNotContain("smtp-Pass-2931");
    assertThat(admin.post("/api/v1/secrets/seal", "{\"value\":\"\"}").status()).isEqualTo(400);
    assertThat(
            admin.post("/api/v1/secrets/seal", "{\"value\":\"" + "x".repeat(1001) + "\"}").status())
        .isEqualTo(400);
    server.close();

    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.notify.smtp.password", text)
            .property("vigil.notify.smpp.password", text)
            .start();
    NotifyProperties notify = server.bean(NotifyProperties.class);
    assertThat(notify.smtp().password()).isEqualTo("smtp-Pass-2931");
    assertThat(notify.smpp().password()).isEqualTo("smtp-Pass-2931");
    server.close();
    server = null;

    String tampered = text.substring(0, text.length() - 4) + "AAAA";
    assertThatThrownBy(
            () ->
                VigilServer.builder()
                    .dataDir(dataDir)
                    .property("vigil.notify.smtp.password", tampered)
                    .start())
        .hasStackTraceContaining("vigil.notify.smtp.password")
        .hasStackTraceContaining("cannot be decrypted");
  }
}
