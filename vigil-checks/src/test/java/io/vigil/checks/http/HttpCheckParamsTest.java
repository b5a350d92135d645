package io.vigil.checks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpCheckParamsTest {

  @Test
  void anHttpCheckHasTheDefaultsAndParsesEveryParameter() {
    HttpCheckSettings defaults = HttpCheckParams.settings(Map.of("url", " http://example.org/ "));
    assertThat(defaults.url().toString()).isEqualTo("http://example.org/");
    assertThat(defaults.method()).isEqualTo("GET");
    assertThat(defaults.expectedStatuses().contains(301)).as("redirects are fine").isTrue();
    assertThat(defaults.expectedStatuses().contains(404)).isFalse();
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.verifyTls()).isTrue();
    assertThat(defaults.maxRedirects()).isZero();
    assertThat(defaults.certWarnDays()).isEqualTo(14);
    assertThat(defaults.certCritDays()).isEqualTo(7);

    HttpCheckSettings full =
        HttpCheckParams.settings(
            Map.of(
                "url", "https://example.org/api",
                "method", "post",
                "headers", "Accept: application/json\nX-Probe: vigil",
                "body", "{}",
                "expect_status", "201",
                "body_not_regex", "error",
                "follow_redirects", "3",
                "verify_tls", "false",
                "total_warn", "1s",
                "total_crit", "2s"));
    assertThat(full.method()).isEqualTo("POST");
    assertThat(full.headers()).containsEntry("Accept", "application/json");
    assertThat(full.headers()).containsEntry("X-Probe", "vigil");
    assertThat(new String(full.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThat(full.expectedStatuses().contains(201)).isTrue();
    assertThat(full.expectedStatuses().contains(200)).isFalse();
    assertThat(full.bodyPattern().pattern()).isEqualTo("error");
    assertThat(full.bodyMustMatch()).isFalse();
    assertThat(full.maxRedirects()).isEqualTo(3);
    assertThat(full.verifyTls()).isFalse();
    assertThat(full.totalWarn()).isEqualTo(Duration.ofSeconds(1));
    assertThat(full.totalCrit()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void httpParametersAreCheckedAndNamed() {
    assertThatThrownBy(() -> HttpCheckParams.settings(Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("parameter url of kind http is required");
    assertThatThrownBy(
            () ->
                HttpCheckParams.settings(
                    Map.of("url", "http://h/", "body_regex", "a", "body_not_regex", "b")))
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () -> HttpCheckParams.settings(Map.of("url", "http://h/", "headers", "no colon")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("parameter headers of kind http must be lines of 'Name: value'");
    assertThatThrownBy(() -> HttpCheckParams.settings(Map.of("url", "ftp://h/")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("http or https");
    assertThatThrownBy(
            () -> HttpCheckParams.settings(Map.of("url", "http://h/", "follow_redirects", "21")))
        .hasMessageContaining("parameter follow_redirects of kind http must be from 0 to 20");
    assertThatThrownBy(() -> HttpCheckParams.settings(Map.of("url", "http://h/", "colour", "x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("unknown parameter colour for kind http");
  }
}
