package io.vigil.checks.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.CheckStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PortCheckTest {

  private static final PortCheckSettings THRESHOLDS =
      PortCheckSettings.builder("example.org", 443)
          .tls(true)
          .connectTime(Duration.ofMillis(100), Duration.ofMillis(500))
          .certDaysLeft(30, 7)
          .build();

  @Test
  void connectTimeThresholds() {
    assertThat(PortCheck.connectStatus(99.9, THRESHOLDS)).isEqualTo(CheckStatus.OK);
    assertThat(PortCheck.connectStatus(100, THRESHOLDS)).isEqualTo(CheckStatus.WARNING);
    assertThat(PortCheck.connectStatus(500, THRESHOLDS)).isEqualTo(CheckStatus.CRITICAL);
    PortCheckSettings none = PortCheckSettings.builder("h", 1).build();
    assertThat(PortCheck.connectStatus(1e9, none)).isEqualTo(CheckStatus.OK);
  }

  @Test
  void certificateDaysLeftThresholdsAndExpiry() {
    assertThat(PortCheck.certStatus(30, THRESHOLDS)).isEqualTo(CheckStatus.OK);
    assertThat(PortCheck.certStatus(29.9, THRESHOLDS)).isEqualTo(CheckStatus.WARNING);
    assertThat(PortCheck.certStatus(6.9, THRESHOLDS)).isEqualTo(CheckStatus.CRITICAL);
    PortCheckSettings noThresholds = PortCheckSettings.builder("h", 1).tls(true).build();
    assertThat(PortCheck.certStatus(0.5, noThresholds)).isEqualTo(CheckStatus.OK);
    assertThat(PortCheck.certStatus(-0.1, noThresholds)).isEqualTo(CheckStatus.CRITICAL);
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(PortCheck.human(Duration.ofSeconds(2))).isEqualTo("2 s");
    assertThat(PortCheck.human(Duration.ofMillis(1500))).isEqualTo("1500 ms");
  }

  @Test
  void receivedTextIsEscapedQuotedAndCut() {
    assertThat(ReceivedText.shown("220 mail ESMTP\r\n")).isEqualTo("'220 mail ESMTP\\r\\n'");
    assertThat(ReceivedText.shown("a\u0000b\u001b[31m\u202e'\\"))
        .isEqualTo("'a\\u0000b\\u001b[31m\\u202e\\'\\\\'");
    String shown = ReceivedText.shown("x".repeat(5000));
    assertThat(shown).hasSize(ReceivedText.MAX_SHOWN + 3).endsWith("x…'");
  }

  @Test
  void malformedUtf8IsReplacedNotFatal() {
    byte[] bytes = "ok é".getBytes(StandardCharsets.UTF_8);
    // cut inside the two-byte é, as a read limit can
    assertThat(ReceivedText.decode(bytes, bytes.length - 1)).isEqualTo("ok \uFFFD");
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThatThrownBy(() -> PortCheckSettings.builder("h", 0).build())
        .hasMessageContaining("port must be");
    assertThatThrownBy(() -> PortCheckSettings.builder(" ", 80).build())
        .hasMessageContaining("host");
    assertThatThrownBy(() -> PortCheckSettings.builder("h", 80).timeout(Duration.ZERO).build())
        .hasMessageContaining("timeout");
    assertThatThrownBy(
            () ->
                PortCheckSettings.builder("h", 80)
                    .connectTime(Duration.ofSeconds(2), Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("connectWarn");
    assertThatThrownBy(() -> PortCheckSettings.builder("h", 80).certDaysLeft(7, 30).build())
        .hasMessageContaining("certWarnDays");
    assertThatThrownBy(() -> PortCheckSettings.builder("h", 80).certDaysLeft(30, 7).build())
        .hasMessageContaining("need tls");
  }
}
