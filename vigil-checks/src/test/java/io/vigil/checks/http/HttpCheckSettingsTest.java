package io.vigil.checks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpCheckSettingsTest {

  @Test
  void expectedStatusesParseCodesAndRanges() {
    ExpectedStatuses s = ExpectedStatuses.parse("200, 301,400-404");
    assertThat(s.contains(200)).isTrue();
    assertThat(s.contains(301)).isTrue();
    assertThat(s.contains(402)).isTrue();
    assertThat(s.contains(302)).isFalse();
    assertThat(s).hasToString("200,301,400-404");
    assertThat(ExpectedStatuses.SUCCESS).hasToString("200-299");
    for (String bad : new String[] {"", "20", "abc", "300-200", "200,,201", "99"}) {
      assertThatThrownBy(() -> ExpectedStatuses.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void defaultsAreGetTwoHundredsVerifiedTls() {
    HttpCheckSettings s = HttpCheckSettings.builder("https://example.test/").build();
    assertThat(s.method()).isEqualTo("GET");
    assertThat(s.expectedStatuses()).isEqualTo(ExpectedStatuses.SUCCESS);
    assertThat(s.verifyTls()).isTrue();
    assertThat(s.maxRedirects()).isZero();
  }

  @Test
  void invalidSettingsFailFast() {
    assertThatThrownBy(() -> HttpCheckSettings.builder("ftp://x/").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpCheckSettings.builder("http://x/").method("get x").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> HttpCheckSettings.builder("http://x/").header("A", "b\r\nC: d").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> HttpCheckSettings.builder("http://x/").header("Connection", "keep-alive").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpCheckSettings.builder("http://x/").followRedirects(21).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpCheckSettings.builder("http://x/").certDaysLeft(3, 7).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestHeadHasHostConnectionCloseAndLength() {
    String head =
        HttpHopClient.requestHead(
            URI.create("http://h.test:8080/p%20q?x=1"),
            "POST",
            Map.of("X-Token", "t"),
            "abc".getBytes(StandardCharsets.UTF_8));
    assertThat(head)
        .startsWith("POST /p%20q?x=1 HTTP/1.1\r\nHost: h.test:8080\r\n")
        .contains("X-Token: t\r\n", "Content-Length: 3\r\n")
        .endsWith("Connection: close\r\n\r\n");
    assertThat(HttpHopClient.requestHead(URI.create("https://h.test"), "GET", Map.of(), null))
        .startsWith("GET / HTTP/1.1\r\nHost: h.test\r\n")
        .doesNotContain("Content-Length");
  }
}
