package io.vigil.checks.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckParamsTest {

  @Test
  void aPortCheckConnectsToTheDefaultHostUnlessAHostIsGiven() {
    PortCheckSettings byAddress =
        PortCheckParams.settings(
            Map.of("port", "443", "tls", "true", "timeout", "3s"), "192.0.2.7");
    assertThat(byAddress.host()).isEqualTo("192.0.2.7");
    assertThat(byAddress.port()).isEqualTo(443);
    assertThat(byAddress.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(byAddress.certWarnDays()).isEqualTo(14);
    assertThat(byAddress.certCritDays()).isEqualTo(7);

    PortCheckSettings explicit =
        PortCheckParams.settings(
            Map.of("host", " db.example ", "port", "5432", "connect_warn", "200ms"), "192.0.2.7");
    assertThat(explicit.host()).isEqualTo("db.example");
    assertThat(explicit.connectWarn()).isEqualTo(Duration.ofMillis(200));
    assertThat(explicit.timeout()).isEqualTo(PortCheckSettings.DEFAULT_TIMEOUT);
    assertThat(explicit.tls()).isFalse();
    assertThat(explicit.certWarnDays()).as("certificate thresholds only with TLS").isNull();
    assertThat(PortCheckParams.settings(Map.of("port", "22"), null).host()).isEqualTo("127.0.0.1");
  }

  @Test
  void sendAndExpectArePassedOn() {
    PortCheckSettings settings =
        PortCheckParams.settings(
            Map.of("port", "25", "send", "EHLO vigil\r\n", "expect", "^250"), null);
    assertThat(settings.send()).isEqualTo("EHLO vigil\r\n");
    assertThat(settings.expect().pattern()).isEqualTo("^250");
  }

  @Test
  void portParametersAreCheckedAndNamed() {
    assertThatThrownBy(() -> PortCheckParams.settings(Map.of(), "h"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("parameter port of kind port is required");
    assertThatThrownBy(() -> PortCheckParams.settings(Map.of("port", "70000"), "h"))
        .hasMessageContaining("parameter port of kind port must be from 1 to 65535");
    assertThatThrownBy(() -> PortCheckParams.settings(Map.of("port", "80", "timeout", "soon"), "h"))
        .hasMessageContaining("parameter timeout");
    assertThatThrownBy(
            () -> PortCheckParams.settings(Map.of("port", "80", "expect", "(unclosed"), "h"))
        .hasMessageContaining("parameter expect of kind port is not a valid regular expression");
    assertThatThrownBy(() -> PortCheckParams.settings(Map.of("port", "80", "colour", "x"), "h"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("unknown parameter colour for kind port");
  }

  @Test
  void settingsThatContradictEachOtherAreInvalidInput() {
    assertThatThrownBy(
            () ->
                PortCheckParams.settings(
                    Map.of("port", "80", "connect_warn", "2s", "connect_crit", "1s"), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("kind port: connectWarn is above connectCrit");
  }
}
