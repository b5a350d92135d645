package io.vigil.checks.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an {@link HttpCheck} requests and what it accepts. Build with {@link #builder(String)}.
 *
 * @param method the request method, an HTTP token such as GET, HEAD, POST or PUT
 * @param url an absolute http or https URL with a host
 * @param headers extra request headers; {@code Host} may be overridden (virtual hosts), {@code
 *     Connection}, {@code Content-Length} and {@code Transfer-Encoding} are set by the check
 * @param body the request body, or null for none (sent with Content-Length)
 * @param expectedStatuses the status codes that are OK for the final response
 * @param bodyPattern a regular expression searched ({@link java.util.regex.Matcher#find()}) in the
 *     first {@link #bodyCaptureBytes} of the final body, or null
 * @param bodyMustMatch true: CRITICAL when the pattern is not found; false: when it is found
 * @param bodyCaptureBytes how much body is kept for the pattern (the rest is read and counted)
 * @param timeout the time the whole check may take, redirects included
 * @param maxRedirects how many redirects to follow, 0 to report the 3xx itself
 * @param totalWarn total time at or above which the check is WARNING, or null
 * @param totalCrit total time at or above which the check is CRITICAL, or null
 * @param certWarnDays WARNING when the leaf certificate has at most this many days left, or null
 * @param certCritDays CRITICAL when the leaf certificate has at most this many days left, or null
 * @param verifyTls whether the server certificate chain and host name are verified against the JDK
 *     trust store. Set false only for internal sites with self-signed certificates: the connection
 *     is then open to interception, but certificate expiry is still measured.
 */
public record HttpCheckSettings(
    String method,
    URI url,
    Map<String, String> headers,
    byte[] body,
    ExpectedStatuses expectedStatuses,
    Pattern bodyPattern,
    boolean bodyMustMatch,
    int bodyCaptureBytes,
    Duration timeout,
    int maxRedirects,
    Duration totalWarn,
    Duration totalCrit,
    Integer certWarnDays,
    Integer certCritDays,
    boolean verifyTls) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_REDIRECTS = 0;
  public static final int MAX_REDIRECTS_LIMIT = 20;
  public static final int DEFAULT_BODY_CAPTURE_BYTES = 1 << 20;
  public static final int DEFAULT_CERT_WARN_DAYS = 14;
  public static final int DEFAULT_CERT_CRIT_DAYS = 7;

  private static final Set<String> RESERVED_HEADERS =
      Set.of("connection", "content-length", "transfer-encoding");

  public HttpCheckSettings {
    Objects.requireNonNull(method, "method");
    if (!method.matches("[A-Z][A-Z0-9_-]{0,31}")) {
      throw new IllegalArgumentException("invalid HTTP method: " + method);
    }
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("URL must be http or https: " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("URL has no host: " + url);
    }
    Map<String, String> copy = new LinkedHashMap<>();
    (headers == null ? Map.<String, String>of() : headers)
        .forEach(
            (name, value) -> {
              if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("invalid header name: " + name);
              }
              if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("invalid value for header " + name);
              }
              if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the check");
              }
              copy.put(name, value);
            });
    headers = java.util.Collections.unmodifiableMap(copy);
    body = body == null ? null : body.clone();
    Objects.requireNonNull(expectedStatuses, "expectedStatuses");
    if (bodyCaptureBytes < 0 || bodyCaptureBytes > 4 << 20) {
      throw new IllegalArgumentException("bodyCaptureBytes must be within 0..4 MiB");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.toMillis() < 1 || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("timeout must be within 1 ms..5 min: " + timeout);
    }
    if (maxRedirects < 0 || maxRedirects > MAX_REDIRECTS_LIMIT) {
      throw new IllegalArgumentException("maxRedirects must be within 0.." + MAX_REDIRECTS_LIMIT);
    }
    if (totalWarn != null && totalCrit != null && totalWarn.compareTo(totalCrit) > 0) {
      throw new IllegalArgumentException("totalWarn must not exceed totalCrit");
    }
    if (certWarnDays != null && certCritDays != null && certWarnDays < certCritDays) {
      throw new IllegalArgumentException("certWarnDays must be at least certCritDays");
    }
  }

  /** A GET of {@code url} expecting 2xx, 10 s timeout, no redirects, TLS verified. */
  public static Builder builder(String url) {
    return new Builder(URI.create(url));
  }

  /** A copy of the request body, or null. */
  @Override
  public byte[] body() {
    return body == null ? null : body.clone();
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return method + " " + url;
  }

  /** Builds {@link HttpCheckSettings}; every setter returns this builder. */
  public static final class Builder {
    private String method = "GET";
    private final URI url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private ExpectedStatuses expectedStatuses = ExpectedStatuses.SUCCESS;
    private Pattern bodyPattern;
    private boolean bodyMustMatch = true;
    private int bodyCaptureBytes = DEFAULT_BODY_CAPTURE_BYTES;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private Duration totalWarn;
    private Duration totalCrit;
    private Integer certWarnDays = DEFAULT_CERT_WARN_DAYS;
    private Integer certCritDays = DEFAULT_CERT_CRIT_DAYS;
    private boolean verifyTls = true;

    private Builder(URI url) {
      this.url = url;
    }

    public Builder method(String value) {
      this.method = value;
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Builder body(byte[] value) {
      this.body = value;
      return this;
    }

    public Builder expectStatus(String list) {
      this.expectedStatuses = ExpectedStatuses.parse(list);
      return this;
    }

    /** CRITICAL unless {@code regex} is found in the body. */
    public Builder bodyMustMatch(String regex) {
      this.bodyPattern = Pattern.compile(regex);
      this.bodyMustMatch = true;
      return this;
    }

    /** CRITICAL when {@code regex} is found in the body. */
    public Builder bodyMustNotMatch(String regex) {
      this.bodyPattern = Pattern.compile(regex);
      this.bodyMustMatch = false;
      return this;
    }

    public Builder bodyCaptureBytes(int value) {
      this.bodyCaptureBytes = value;
      return this;
    }

    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    public Builder followRedirects(int max) {
      this.maxRedirects = max;
      return this;
    }

    public Builder totalTime(Duration warn, Duration crit) {
      this.totalWarn = warn;
      this.totalCrit = crit;
      return this;
    }

    /** Certificate days-left thresholds; nulls turn the check off. */
    public Builder certDaysLeft(Integer warn, Integer crit) {
      this.certWarnDays = warn;
      this.certCritDays = crit;
      return this;
    }

    /** {@code false} accepts any certificate (self-signed internal sites); see the record doc. */
    public Builder verifyTls(boolean value) {
      this.verifyTls = value;
      return this;
    }

    public HttpCheckSettings build() {
      return new HttpCheckSettings(
          method,
          url,
          headers,
          body,
          expectedStatuses,
          bodyPattern,
          bodyMustMatch,
          bodyCaptureBytes,
          timeout,
          maxRedirects,
          totalWarn,
          totalCrit,
          certWarnDays,
          certCritDays,
          verifyTls);
    }
  }
}
