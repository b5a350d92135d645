package io.vigil.checks.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import io.vigil.testkit.NginxServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HttpCheck} against a real nginx on loopback (HTTP and HTTPS with a certificate made by
 * openssl at test time, valid 10 days), started by the test kit's {@link NginxServer}. Needs {@code
 * apt-get install nginx openssl}; .ci/run installs nginx.
 */
class HttpCheckIT {

  private static final String PAGE = "<html><body>vigil-nginx-ok</body></html>\n";

  @TempDir static Path dir;
  private static NginxServer nginx;

  @BeforeAll
  static void startNginx() {
    nginx =
        NginxServer.in(dir)
            .page("index.html", PAGE)
            .tls(10)
            .directive("location = /old { return 301 /index.html; }")
            .directive("location = /chain { return 302 old; }")
            .directive("location = /loop { return 302 /loop; }")
            .directive("location = /down { return 503; }")
            .start();
  }

  @AfterAll
  static void stopNginx() {
    if (nginx != null) {
      nginx.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String http(String path) {
    return nginx.httpUrl(path);
  }

  private static String https(String path) {
    return nginx.httpsUrl(path);
  }

  private static CheckOutcome check(HttpCheckSettings.Builder builder) {
    return new HttpCheck(builder.timeout(Duration.ofSeconds(10)).build()).run();
  }

  @Test
  void staticPageOverHttpIsOkWithPhaseTimings() {
    CheckOutcome outcome = check(HttpCheckSettings.builder(http("/index.html")));
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(CheckStatus.OK);
    assertThat(outcome.message()).startsWith("HTTP 200 OK, " + PAGE.length() + " bytes");
    assertThat(outcome.metrics())
        .containsEntry("status_code", 200.0)
        .containsEntry("body_bytes", (double) PAGE.length())
        .containsEntry("redirects", 0.0)
        .containsKeys("dns_ms", "connect_ms", "first_byte_ms", "total_ms")
        .doesNotContainKeys("tls_ms", "cert_days_left");
    double total = outcome.metrics().get("total_ms");
    assertThat(outcome.metrics().get("connect_ms") + outcome.metrics().get("first_byte_ms"))
        .isLessThanOrEqualTo(total);
  }

  @Test
  void headRequestHasNoBody() {
    CheckOutcome outcome = check(HttpCheckSettings.builder(http("/index.html")).method("HEAD"));
    assertThat(outcome.status()).isEqualTo(CheckStatus.OK);
    assertThat(outcome.metrics()).containsEntry("body_bytes", 0.0);
  }

  @Test
  void unexpectedStatusIsCritical() {
    CheckOutcome down = check(HttpCheckSettings.builder(http("/down")));
    assertThat(down.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(down.message()).startsWith("HTTP 503 (expected 200-299)");
    assertThat(down.metrics()).containsEntry("status_code", 503.0);

    CheckOutcome accepted = check(HttpCheckSettings.builder(http("/down")).expectStatus("200,503"));
    assertThat(accepted.status()).isEqualTo(CheckStatus.OK);
  }

  @Test
  void redirectsAreReportedOrFollowedUpToTheMaximum() {
    CheckOutcome notFollowed = check(HttpCheckSettings.builder(http("/old")));
    assertThat(notFollowed.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(notFollowed.message()).startsWith("HTTP 301 (expected 200-299)");

    CheckOutcome expected301 = check(HttpCheckSettings.builder(http("/old")).expectStatus("301"));
    assertThat(expected301.status()).isEqualTo(CheckStatus.OK);

    CheckOutcome followed = check(HttpCheckSettings.builder(http("/chain")).followRedirects(5));
    assertThat(followed.status()).as(followed.message()).isEqualTo(CheckStatus.OK);
    assertThat(followed.metrics())
        .containsEntry("redirects", 2.0)
        .containsEntry("status_code", 200.0)
        .containsEntry("body_bytes", (double) PAGE.length());

    CheckOutcome tooFew = check(HttpCheckSettings.builder(http("/chain")).followRedirects(1));
    assertThat(tooFew.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(tooFew.metrics())
        .containsEntry("redirects", 1.0)
        .containsEntry("status_code", 301.0);

    CheckOutcome loop = check(HttpCheckSettings.builder(http("/loop")).followRedirects(3));
    assertThat(loop.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(loop.metrics()).containsEntry("redirects", 3.0);
  }

  @Test
  void bodyPatternMustMatchOrMustNotMatch() {
    assertThat(
            check(HttpCheckSettings.builder(http("/")).bodyMustMatch("vigil-nginx-o+k")).status())
        .isEqualTo(CheckStatus.OK);
    CheckOutcome missing = check(HttpCheckSettings.builder(http("/")).bodyMustMatch("Welcome"));
    assertThat(missing.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(missing.message()).startsWith("body does not match /Welcome/");
    CheckOutcome forbidden =
        check(HttpCheckSettings.builder(http("/")).bodyMustNotMatch("nginx-ok"));
    assertThat(forbidden.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(forbidden.message()).startsWith("body matches /nginx-ok/");
  }

  @Test
  void totalTimeThresholdGivesWarning() {
    CheckOutcome outcome =
        check(HttpCheckSettings.builder(http("/")).totalTime(Duration.ZERO, Duration.ofMinutes(1)));
    assertThat(outcome.status()).isEqualTo(CheckStatus.WARNING);
    assertThat(outcome.message()).startsWith("total time ");
  }

  @Test
  void selfSignedCertificateWithoutVerificationReportsDaysLeft() {
    CheckOutcome outcome = check(HttpCheckSettings.builder(https("/index.html")).verifyTls(false));
    assertThat(outcome.metrics()).containsKey("tls_ms").containsEntry("status_code", 200.0);
    assertThat(outcome.metrics().get("cert_days_left")).isBetween(9.0, 10.0);
    // Default thresholds 14/7: 9 days left is a warning.
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(CheckStatus.WARNING);
    assertThat(outcome.message()).contains("certificate expires in 9 day(s) (warning at 14)");

    CheckOutcome relaxed =
        check(HttpCheckSettings.builder(https("/index.html")).verifyTls(false).certDaysLeft(5, 3));
    assertThat(relaxed.status()).as(relaxed.message()).isEqualTo(CheckStatus.OK);

    CheckOutcome strict =
        check(
            HttpCheckSettings.builder(https("/index.html")).verifyTls(false).certDaysLeft(30, 10));
    assertThat(strict.status()).isEqualTo(CheckStatus.CRITICAL);
  }

  @Test
  void selfSignedCertificateFailsVerification() {
    CheckOutcome outcome = check(HttpCheckSettings.builder(https("/index.html")));
    assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(outcome.message())
        .startsWith("TLS certificate verification failed for localhost:")
        .containsIgnoringCase("certification path");
    assertThat(outcome.metrics()).doesNotContainKey("status_code");
  }

  @Test
  void refusedConnectionIsCritical() throws IOException {
    int closed = freePort();
    CheckOutcome outcome = check(HttpCheckSettings.builder("http://127.0.0.1:" + closed + "/"));
    assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(outcome.message()).startsWith("connect to 127.0.0.1:" + closed + " failed");
  }

  @Test
  void silentServerTimesOut() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      CheckOutcome outcome =
          new HttpCheck(
                  HttpCheckSettings.builder("http://127.0.0.1:" + silent.getLocalPort() + "/")
                      .timeout(Duration.ofMillis(500))
                      .build())
              .run();
      assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
      assertThat(outcome.message()).startsWith("timed out after 500 ms during response from");
      assertThat(outcome.metrics().get("total_ms")).isBetween(450.0, 5_000.0);
    }
  }
}
