package io.vigil.storage.victoriametrics;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where and how the remote engine talks to VictoriaMetrics.
 *
 * @param writeUrl base URL the import API hangs under: {@code http://vm:8428} for a single node,
 *     {@code http://vminsert:8480/insert/0/prometheus} for a cluster's vminsert (tenant 0)
 * @param queryUrl base URL of the Prometheus query API: the single node again, or {@code
 *     http://vmselect:8481/select/0/prometheus}
 * @param metricsUrls pages in Prometheus text format whose {@code vm_data_size_bytes} add up to the
 *     store's disk use: the single node's {@code /metrics}, or every vmstorage node's
 * @param username basic-auth user (with {@code password}), or null
 * @param password basic-auth password, or null
 * @param bearerToken sent as {@code Authorization: Bearer}, or null; not together with basic auth
 * @param connectTimeout TCP (and TLS) connection set-up
 * @param writeTimeout one import request, from sending to VictoriaMetrics' answer
 * @param queryTimeout one query request
 * @param writeRetries further attempts of an import that failed for a reason that may pass (no
 *     connection, a timeout, 429 or 5xx); re-sending is safe because VictoriaMetrics de-duplicates
 * @param retryBackoff wait before the first retry, doubled for each next one
 * @param maxRequestBytes uncompressed size at which a write is split into several import requests
 * @param gzip compress import requests (fewer bytes on the network, more CPU here)
 * @param latestLookback how far back {@code latest} looks for a series' last sample
 * @param catalogRefresh how long the list of measurements, their fields and tags is reused before
 *     VictoriaMetrics is asked again (writes through this engine update it at once)
 */
public record VictoriaMetricsSettings(
    URI writeUrl,
    URI queryUrl,
    List<URI> metricsUrls,
    String username,
    String password,
    String bearerToken,
    Duration connectTimeout,
    Duration writeTimeout,
    Duration queryTimeout,
    int writeRetries,
    Duration retryBackoff,
    int maxRequestBytes,
    boolean gzip,
    Duration latestLookback,
    Duration catalogRefresh) {

  public VictoriaMetricsSettings {
    writeUrl = base("write URL", writeUrl);
    queryUrl = base("query URL", queryUrl == null ? writeUrl : queryUrl);
    metricsUrls =
        metricsUrls == null || metricsUrls.isEmpty()
            ? List.of(writeUrl.resolve("/metrics"))
            : metricsUrls.stream().map(u -> base("metrics URL", u)).toList();
    username = blankToNull(username);
    password = blankToNull(password);
    bearerToken = blankToNull(bearerToken);
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("basic auth needs both a username and a password");
    }
    if (username != null && bearerToken != null) {
      throw new IllegalArgumentException("use basic auth or a bearer token, not both");
    }
    requirePositive("connect timeout", connectTimeout);
    requirePositive("write timeout", writeTimeout);
    requirePositive("query timeout", queryTimeout);
    if (writeRetries < 0 || writeRetries > 10) {
      throw new IllegalArgumentException("write retries must be between 0 and 10");
    }
    requirePositive("retry backoff", retryBackoff);
    if (maxRequestBytes < 64 * 1024 || maxRequestBytes > 64 * 1024 * 1024) {
      throw new IllegalArgumentException("max request size must be between 64 KB and 64 MB");
    }
    requirePositive("latest lookback", latestLookback);
    if (catalogRefresh == null || catalogRefresh.isNegative()) {
      throw new IllegalArgumentException("catalog refresh must be zero or positive");
    }
  }

  /** One VictoriaMetrics single node at {@code url}, without authentication. */
  public static VictoriaMetricsSettings defaults(URI url) {
    return new VictoriaMetricsSettings(
        url,
        null,
        null,
        null,
        null,
        null,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        2,
        Duration.ofMillis(250),
        8 * 1024 * 1024,
        true,
        Duration.ofDays(1),
        Duration.ofSeconds(30));
  }

  public VictoriaMetricsSettings withGzip(boolean on) {
    return new VictoriaMetricsSettings(
        writeUrl,
        queryUrl,
        metricsUrls,
        username,
        password,
        bearerToken,
        connectTimeout,
        writeTimeout,
        queryTimeout,
        writeRetries,
        retryBackoff,
        maxRequestBytes,
        on,
        latestLookback,
        catalogRefresh);
  }

  public VictoriaMetricsSettings withMaxRequestBytes(int bytes) {
    return new VictoriaMetricsSettings(
        writeUrl,
        queryUrl,
        metricsUrls,
        username,
        password,
        bearerToken,
        connectTimeout,
        writeTimeout,
        queryTimeout,
        writeRetries,
        retryBackoff,
        bytes,
        gzip,
        latestLookback,
        catalogRefresh);
  }

  /** The value of an {@code Authorization} header, or null without credentials. */
  String authorization() {
    if (bearerToken != null) {
      return "Bearer " + bearerToken;
    }
    if (username != null) {
      return "Basic "
          + java.util.Base64.getEncoder()
              .encodeToString(
                  (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return null;
  }

  /** Never shows the password or the token. */
  @Override
  public String toString() {
    return "VictoriaMetricsSettings[write "
        + writeUrl
        + ", query "
        + queryUrl
        + (username != null ? ", basic auth as " + username : "")
        + (bearerToken != null ? ", bearer token" : "")
        + ", gzip "
        + gzip
        + "]";
  }

  private static URI base(String what, URI url) {
    if (url == null) {
      throw new IllegalArgumentException("the VictoriaMetrics " + what + " is missing");
    }
    String scheme = url.getScheme();
    if (!("http".equals(scheme) || "https".equals(scheme))
        || url.getHost() == null
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the VictoriaMetrics " + what + " must be http(s)://host[:port][/path], not " + url);
    }
    String text = url.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : url;
  }

  private static void requirePositive(String what, Duration duration) {
    if (duration == null || !duration.isPositive()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
