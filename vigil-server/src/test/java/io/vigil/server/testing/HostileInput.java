package io.vigil.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testkit.HostileJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@link HostileJson} for the HTTP fuzz tests, plus hostile query parameters and the check that an
 * answer was handled.
 */
public final class HostileInput extends HostileJson {

  public HostileInput(long seed) {
    super(seed);
  }

  /** Hostile query parameter values, percent-encoded for a URL. */
  public String param() {
    String[] values = {
      "",
      " ",
      "-1",
      "0",
      "NaN",
      "Infinity",
      "-Infinity",
      "1e400",
      "-0",
      "9223372036854775807",
      "9223372036854775808",
      "-9223372036854775808",
      "99999999999999999999999999",
      "1.5",
      "abc",
      "%",
      "%zz",
      "\u0000",
      "../../etc/passwd",
      "' OR 1=1 --",
      "<script>",
      "x".repeat(10_000),
      "cpu:total",
      ":",
      "::::",
      "a:b:c",
      "web-1,web-1,web-1",
      ",,,",
      "5m",
      "-5m",
      "999999999d",
      "0s",
      "PT1H",
      "2026-01-01",
      "\ud800",
      "\u202e",
      "\uffff",
      "日本",
      "1,2,3",
      Long.toString(random().nextLong())
    };
    return URLEncoder.encode(pick(values), StandardCharsets.UTF_8);
  }

  /**
   * A handled answer: below 500 (or 503 when {@code allowUnavailable}) and, when an error, JSON
   * {@code {"error","message"}} with both set and no stack trace.
   */
  public static void assertHandled(ApiClient.Response response, String what, boolean allow503) {
    int status = response.status();
    String body = response.body();
    String shown = what + " -> " + status + " " + abbreviate(body);
    if (allow503 && status == 503) {
      return;
    }
    assertThat(status).as(shown).isLessThan(500);
    assertThat(body).as(shown).doesNotContain("Exception").doesNotContain("\tat ");
    if (status >= 400) {
      tools.jackson.databind.JsonNode json;
      try {
        json = response.json();
      } catch (RuntimeException e) {
        throw new AssertionError("not JSON: " + shown, e);
      }
      assertThat(json.path("error").asString("")).as(shown).isNotBlank();
      assertThat(json.path("message").asString("")).as(shown).isNotBlank();
    }
  }

  public static String abbreviate(String s) {
    return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
