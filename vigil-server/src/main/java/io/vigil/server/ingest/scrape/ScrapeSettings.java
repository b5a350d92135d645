package io.vigil.server.ingest.scrape;

import io.vigil.checks.CheckParams;
import io.vigil.model.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The parameters of a {@code prometheus} item (vigil-checks {@code catalog/checks/prometheus.yml}).
 *
 * @param url the exposition's URL
 * @param timeout the whole scrape's limit
 * @param maxBytes the most bytes read (after decompression)
 * @param maxSamples the most samples taken
 * @param keepUnmapped whether families no mapping takes are stored
 * @param verifyTls whether an https certificate is verified
 * @param bearerToken sent as a bearer token when not null
 */
record ScrapeSettings(
    URI url,
    Duration timeout,
    int maxBytes,
    int maxSamples,
    boolean keepUnmapped,
    boolean verifyTls,
    String bearerToken) {

  static final String KIND = "prometheus";

  static final Set<String> NAMES =
      Set.of(
          "url",
          "timeout",
          "max_bytes",
          "max_samples",
          "keep_unmapped",
          "verify_tls",
          "bearer_token");

  /**
   * @throws InvalidInputException naming the parameter that is unknown, missing or invalid
   */
  static ScrapeSettings of(Map<String, String> params) {
    CheckParams p = new CheckParams(KIND, params, NAMES, Set.of("bearer_token"));
    String url = p.requiredString("url").strip();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw p.invalid("url", "must be an http:// or https:// URL");
    }
    if (uri.getHost() == null
        || !("http".equalsIgnoreCase(uri.getScheme())
            || "https".equalsIgnoreCase(uri.getScheme()))) {
      throw p.invalid("url", "must be an http:// or https:// URL");
    }
    Duration timeout = p.duration("timeout", Duration.ofSeconds(10));
    if (timeout.isZero() || timeout.isNegative() || timeout.toMinutes() > 5) {
      throw p.invalid("timeout", "must be between 1ms and 5m");
    }
    return new ScrapeSettings(
        uri,
        timeout,
        p.integer("max_bytes", 16 * 1024 * 1024, 1024, 64 * 1024 * 1024),
        p.integer("max_samples", 20_000, 1, 100_000),
        p.bool("keep_unmapped", true),
        p.bool("verify_tls", true),
        p.has("bearer_token") ? p.string("bearer_token", null).strip() : null);
  }
}
