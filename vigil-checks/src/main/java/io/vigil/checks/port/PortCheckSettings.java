package io.vigil.checks.port;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link PortCheck} connects to and what it expects. Build with {@link #builder}.
 *
 * @param host a name or address literal
 * @param port 1..65535
 * @param timeout the whole run (connect, TLS handshake, send, read) must end within it
 * @param send text written (UTF-8) after connecting, null to send nothing
 * @param expect looked for ({@link java.util.regex.Matcher#find}) in what the peer sends, within
 *     {@link PortCheck#MAX_RESPONSE_BYTES} and the timeout; null to read nothing
 * @param tls whether to do a TLS handshake and report the peer certificate's expiry
 * @param connectWarn connect time from which the status is WARNING, null for none
 * @param connectCrit connect time from which the status is CRITICAL, null for none
 * @param certWarnDays WARNING when the leaf certificate has fewer days left, null for none
 * @param certCritDays CRITICAL when the leaf certificate has fewer days left, null for none
 */
public record PortCheckSettings(
    String host,
    int port,
    Duration timeout,
    String send,
    Pattern expect,
    boolean tls,
    Duration connectWarn,
    Duration connectCrit,
    Integer certWarnDays,
    Integer certCritDays) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public PortCheckSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeout must be at least 1 ms: " + timeout);
    }
    if (connectWarn != null && connectCrit != null && connectWarn.compareTo(connectCrit) > 0) {
      throw new IllegalArgumentException("connectWarn is above connectCrit");
    }
    if (certWarnDays != null && certCritDays != null && certWarnDays < certCritDays) {
      throw new IllegalArgumentException("certWarnDays is below certCritDays");
    }
    if (!tls && (certWarnDays != null || certCritDays != null)) {
      throw new IllegalArgumentException("certificate thresholds need tls");
    }
  }

  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /** Optional fields default to: 10 s timeout, nothing sent or expected, no TLS, no thresholds. */
  public static final class Builder {
    private final String host;
    private final int port;
    private Duration timeout = DEFAULT_TIMEOUT;
    private String send;
    private Pattern expect;
    private boolean tls;
    private Duration connectWarn;
    private Duration connectCrit;
    private Integer certWarnDays;
    private Integer certCritDays;

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder send(String text) {
      this.send = text;
      return this;
    }

    public Builder expect(String regex) {
      this.expect = regex == null ? null : Pattern.compile(regex);
      return this;
    }

    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    public Builder connectTime(Duration warn, Duration crit) {
      this.connectWarn = warn;
      this.connectCrit = crit;
      return this;
    }

    public Builder certDaysLeft(Integer warnBelow, Integer critBelow) {
      this.certWarnDays = warnBelow;
      this.certCritDays = critBelow;
      return this;
    }

    public PortCheckSettings build() {
      return new PortCheckSettings(
          host,
          port,
          timeout,
          send,
          expect,
          tls,
          connectWarn,
          connectCrit,
          certWarnDays,
          certCritDays);
    }
  }
}
