package io.vigil.server.notify;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification channels and the delivery queue ({@code vigil.notify.*}); unknown keys fail the
 * start. A channel whose peer is not configured (no SMTP host, no SMPP host, no gateway URL) fails
 * its deliveries at once with a clear error instead of retrying them for a day.
 *
 * @param smtp e-mail
 * @param sms which SMS transport to use
 * @param smpp the SMPP transport
 * @param smsHttp the HTTP gateway transport
 * @param webhook webhook signing
 * @param dispatcher the delivery queue
 */
@ConfigurationProperties(prefix = "vigil.notify", ignoreUnknownFields = false)
public record NotifyProperties(
    @DefaultValue Smtp smtp,
    @DefaultValue Sms sms,
    @DefaultValue Smpp smpp,
    @DefaultValue SmsHttp smsHttp,
    @DefaultValue Webhook webhook,
    @DefaultValue Dispatcher dispatcher) {

  /** SMTP; {@code starttls} upgrades a plain connection, {@code ssl} connects with TLS. */
  public record Smtp(
      String host,
      @DefaultValue("25") int port,
      String username,
      String password,
      @DefaultValue("false") boolean starttls,
      @DefaultValue("false") boolean ssl,
      @DefaultValue("vigil@localhost") String from,
      @DefaultValue("10s") Duration timeout) {
    public Smtp {
      checkPort("vigil.notify.smtp.port", port);
      if (from == null || !from.contains("@")) {
        throw new IllegalArgumentException("vigil.notify.smtp.from must be an e-mail address");
      }
    }

    boolean configured() {
      return host != null && !host.isBlank();
    }
  }

  /** SMS transport: {@code smpp} or {@code http}. */
  public record Sms(@DefaultValue("smpp") String via) {
    public Sms {
      if (!via.equals("smpp") && !via.equals("http")) {
        throw new IllegalArgumentException("vigil.notify.sms.via must be smpp or http");
      }
    }
  }

  /** An SMSC reached over SMPP 3.4 as a transmitter. */
  public record Smpp(
      String host,
      @DefaultValue("2775") int port,
      @DefaultValue("vigil") String systemId,
      @DefaultValue("") String password,
      @DefaultValue("Vigil") String sourceAddress,
      @DefaultValue("10s") Duration timeout) {
    public Smpp {
      checkPort("vigil.notify.smpp.port", port);
    }

    boolean configured() {
      return host != null && !host.isBlank();
    }
  }

  /**
   * An HTTP SMS gateway: {@code ${phone}} and {@code ${text}} in the URL are URL-encoded; in the
   * body they are JSON-escaped when the Content-Type header is JSON, URL-encoded otherwise.
   */
  public record SmsHttp(
      String url,
      @DefaultValue("POST") String method,
      @DefaultValue("") String bodyTemplate,
      Map<String, String> headers,
      @DefaultValue("10s") Duration timeout) {
    public SmsHttp {
      if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
        throw new IllegalArgumentException("vigil.notify.sms-http.url must be http or https");
      }
      if (!method.equals("GET") && !method.equals("POST") && !method.equals("PUT")) {
        throw new IllegalArgumentException("vigil.notify.sms-http.method must be GET, POST or PUT");
      }
      headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    boolean configured() {
      return url != null && !url.isBlank();
    }
  }

  /** Webhook bodies are signed with this secret (HMAC-SHA256); empty: not signed. */
  public record Webhook(@DefaultValue("") String secret, @DefaultValue("10s") Duration timeout) {}

  /**
   * The delivery queue: polled every {@code pollInterval}; a failed send is retried after {@code
   * retryInitial}, doubling up to {@code retryMax}, until {@code giveUpAfter} past its due time.
   */
  public record Dispatcher(
      @DefaultValue("500ms") Duration pollInterval,
      @DefaultValue("4") int senders,
      @DefaultValue("1s") Duration retryInitial,
      @DefaultValue("5m") Duration retryMax,
      @DefaultValue("24h") Duration giveUpAfter) {
    public Dispatcher {
      if (pollInterval.toMillis() < 10 || pollInterval.toSeconds() > 60) {
        throw new IllegalArgumentException(
            "vigil.notify.dispatcher.poll-interval must be 10ms..60s");
      }
      if (senders < 1 || senders > 64) {
        throw new IllegalArgumentException("vigil.notify.dispatcher.senders must be 1..64");
      }
      if (retryInitial.toMillis() < 10 || retryMax.compareTo(retryInitial) < 0) {
        throw new IllegalArgumentException(
            "vigil.notify.dispatcher.retry-initial must be >= 10ms and <= retry-max");
      }
      if (giveUpAfter.compareTo(retryMax) < 0) {
        throw new IllegalArgumentException(
            "vigil.notify.dispatcher.give-up-after must be >= retry-max");
      }
    }

    /** Delay before attempt {@code attempts + 1}, after {@code attempts} failures (>= 1). */
    Duration backoff(int attempts) {
      long millis = retryInitial.toMillis();
      for (int i = 1; i < attempts && millis < retryMax.toMillis(); i++) {
        millis *= 2;
      }
      return Duration.ofMillis(Math.min(millis, retryMax.toMillis()));
    }
  }

  private static void checkPort(String key, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(key + " must be 1..65535");
    }
  }
}
