package io.vigil.checks.http;

import io.vigil.checks.CheckParams;
import io.vigil.model.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text parameters of an {@code http} item (catalog/checks/http.yml) and how they become {@link
 * HttpCheckSettings}: one mapping for the agent and for the server's agentless checks.
 */
public final class HttpCheckParams {

  public static final String KIND = "http";

  /** Accepted statuses when {@code expect_status} is not given: success and redirects. */
  public static final String DEFAULT_EXPECT_STATUS = "200-399";

  /** Every parameter an http item may give. */
  public static final Set<String> NAMES =
      Set.of(
          "url",
          "method",
          "headers",
          "body",
          "expect_status",
          "body_regex",
          "body_not_regex",
          "timeout",
          "follow_redirects",
          "verify_tls",
          "total_warn",
          "total_crit",
          "cert_warn_days",
          "cert_crit_days");

  private HttpCheckParams() {}

  /**
   * The settings of an http item given as text.
   *
   * @throws InvalidInputException naming the parameter that is unknown, missing or invalid
   */
  public static HttpCheckSettings settings(Map<String, String> params) {
    return settings(new CheckParams(KIND, params, NAMES));
  }

  /**
   * The settings of an http item already split into typed parameters.
   *
   * @throws InvalidInputException naming the parameter that is missing or invalid
   */
  public static HttpCheckSettings settings(CheckParams p) {
    if (p.has("body_regex") && p.has("body_not_regex")) {
      throw new InvalidInputException(
          "kind http: give body_regex or body_not_regex, not both in one item");
    }
    return p.build(() -> builder(p).build());
  }

  private static HttpCheckSettings.Builder builder(CheckParams p) {
    HttpCheckSettings.Builder b =
        HttpCheckSettings.builder(p.requiredString("url").strip())
            .method(p.string("method", "GET").strip().toUpperCase(Locale.ROOT))
            .expectStatus(p.string("expect_status", DEFAULT_EXPECT_STATUS).strip())
            .timeout(p.duration("timeout", HttpCheckSettings.DEFAULT_TIMEOUT))
            .followRedirects(
                p.integer(
                    "follow_redirects",
                    HttpCheckSettings.DEFAULT_MAX_REDIRECTS,
                    0,
                    HttpCheckSettings.MAX_REDIRECTS_LIMIT))
            .verifyTls(p.bool("verify_tls", true))
            .totalTime(p.optionalDuration("total_warn"), p.optionalDuration("total_crit"))
            .certDaysLeft(
                p.integer("cert_warn_days", HttpCheckSettings.DEFAULT_CERT_WARN_DAYS, 0, 3650),
                p.integer("cert_crit_days", HttpCheckSettings.DEFAULT_CERT_CRIT_DAYS, 0, 3650));
    for (String line : p.lines("headers")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw p.invalid("headers", "must be lines of 'Name: value'");
      }
      b.header(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    if (p.has("body")) {
      b.body(p.string("body", "").getBytes(StandardCharsets.UTF_8));
    }
    if (p.has("body_regex")) {
      b.bodyMustMatch(p.regex("body_regex").pattern());
    } else if (p.has("body_not_regex")) {
      b.bodyMustNotMatch(p.regex("body_not_regex").pattern());
    }
    return b;
  }
}
