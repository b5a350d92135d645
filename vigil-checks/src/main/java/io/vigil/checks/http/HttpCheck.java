package io.vigil.checks.http;

import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests a URL over HTTP/1.1 (plain or TLS) and judges the answer. Thread-safe; {@link #run()}
 * blocks the calling thread for at most about the settings' timeout (DNS excepted).
 *
 * <p>Metrics: {@code dns_ms}, {@code connect_ms}, {@code tls_ms} (https only) and {@code
 * first_byte_ms} (request sent to first response byte) are phase durations summed over all hops;
 * {@code total_ms} is the wall time of the whole check; {@code status_code}, {@code body_bytes}
 * describe the final response; {@code cert_days_left} is the fewest whole days left on a leaf
 * certificate of any https hop; {@code redirects} is the number of redirects followed.
 *
 * <p>Status: a failed DNS lookup, connection, TLS handshake or verification, timeout or malformed
 * response is CRITICAL with the reason; an unexpected final status ("HTTP 503 (expected 200-299)")
 * or body pattern result is CRITICAL; total time and certificate days left at their thresholds give
 * WARNING or CRITICAL. The worst status wins and every reason is in the message.
 */
public final class HttpCheck {

  private static final Logger LOG = LoggerFactory.getLogger(HttpCheck.class);
  private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");

  private final HttpCheckSettings settings;
  private final HttpHopClient client;

  public HttpCheck(HttpCheckSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client = new HttpHopClient(settings.verifyTls());
  }

  public HttpCheckSettings settings() {
    return settings;
  }

  /** Runs the check once; never throws for anything the network or the server does. */
  public CheckOutcome run() {
    long started = System.nanoTime();
    long deadline = started + settings.timeout().toNanos();
    HopTimings timings = new HopTimings();
    Map<String, Double> metrics = new LinkedHashMap<>();
    URI url = settings.url();
    String method = settings.method();
    byte[] body = settings.body();
    int redirects = 0;
    HttpResponse response;
    try {
      while (true) {
        boolean last = redirects >= settings.maxRedirects();
        int capture = last && settings.bodyPattern() != null ? settings.bodyCaptureBytes() : 0;
        response =
            client.exchange(url, method, settings.headers(), body, capture, deadline, timings);
        String location = response.header("Location").orElse(null);
        if (last || !isRedirect(response.status()) || location == null) {
          break;
        }
        url = RedirectTarget.resolve(url, location);
        redirects++;
        if (response.status() <= 303 && !method.equals("HEAD")) {
          method = "GET";
          body = null;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      metrics(metrics, timings, started, redirects);
      String reason = failure(e, timings, url);
      LOG.debug("HTTP check {} failed: {}", settings.url(), reason);
      return new CheckOutcome(CheckStatus.CRITICAL, reason, metrics);
    }
    metrics(metrics, timings, started, redirects);
    metrics.put("status_code", (double) response.status());
    metrics.put("body_bytes", (double) response.bodyBytes());
    return judge(response, metrics, timings, redirects);
  }

  private CheckOutcome judge(
      HttpResponse response, Map<String, Double> metrics, HopTimings timings, int redirects) {
    CheckStatus status = CheckStatus.OK;
    List<String> problems = new ArrayList<>();
    if (!settings.expectedStatuses().contains(response.status())) {
      status = CheckStatus.CRITICAL;
      problems.add("HTTP " + response.status() + " (expected " + settings.expectedStatuses() + ")");
    }
    Pattern pattern = settings.bodyPattern();
    if (pattern != null) {
      boolean found = pattern.matcher(bodyText(response)).find();
      if (found != settings.bodyMustMatch()) {
        status = CheckStatus.CRITICAL;
        problems.add(
            "body "
                + (found ? "matches" : "does not match")
                + " /"
                + pattern.pattern()
                + "/"
                + (response.bodyTruncated() && !found
                    ? " in its first " + settings.bodyCaptureBytes() + " bytes"
                    : ""));
      }
    }
    double totalMs = metrics.get("total_ms");
    if (settings.totalCrit() != null && totalMs >= settings.totalCrit().toMillis()) {
      status = status.worst(CheckStatus.CRITICAL);
      problems.add(
          "total time " + Math.round(totalMs) + " ms >= " + settings.totalCrit().toMillis());
    } else if (settings.totalWarn() != null && totalMs >= settings.totalWarn().toMillis()) {
      status = status.worst(CheckStatus.WARNING);
      problems.add(
          "total time " + Math.round(totalMs) + " ms >= " + settings.totalWarn().toMillis());
    }
    double days = timings.certDaysLeft;
    if (!Double.isNaN(days)) {
      if (settings.certCritDays() != null && days <= settings.certCritDays()) {
        status = status.worst(CheckStatus.CRITICAL);
        problems.add(certText(days) + " (critical at " + settings.certCritDays() + ")");
      } else if (settings.certWarnDays() != null && days <= settings.certWarnDays()) {
        status = status.worst(CheckStatus.WARNING);
        problems.add(certText(days) + " (warning at " + settings.certWarnDays() + ")");
      }
    }
    String summary =
        "HTTP "
            + response.status()
            + (response.reason().isEmpty() ? "" : " " + response.reason())
            + ", "
            + response.bodyBytes()
            + " bytes in "
            + Math.round(totalMs)
            + " ms"
            + (redirects > 0 ? " after " + redirects + " redirect(s)" : "");
    String message = problems.isEmpty() ? summary : String.join("; ", problems) + " - " + summary;
    return new CheckOutcome(status, message, metrics);
  }

  private static String certText(double days) {
    return days < 0
        ? "certificate expired " + (long) -days + " day(s) ago"
        : "certificate expires in " + (long) days + " day(s)";
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static void metrics(
      Map<String, Double> metrics, HopTimings timings, long started, int redirects) {
    metrics.put("dns_ms", HopTimings.millis(timings.dnsNanos));
    metrics.put("connect_ms", HopTimings.millis(timings.connectNanos));
    if (timings.tlsUsed) {
      metrics.put("tls_ms", HopTimings.millis(timings.tlsNanos));
    }
    metrics.put("first_byte_ms", HopTimings.millis(timings.firstByteNanos));
    metrics.put("total_ms", HopTimings.millis(System.nanoTime() - started));
    metrics.put("redirects", (double) redirects);
    if (!Double.isNaN(timings.certDaysLeft)) {
      metrics.put("cert_days_left", timings.certDaysLeft);
    }
  }

  private String failure(Exception e, HopTimings timings, URI url) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof IllegalArgumentException) {
      return "invalid redirect from " + url + ": " + detail;
    }
    if (e instanceof UnknownHostException) {
      return "DNS lookup failed for " + url.getHost() + ": " + detail;
    }
    if (e instanceof SocketTimeoutException) {
      return "timed out after " + settings.timeout().toMillis() + " ms during " + timings.phase;
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return timings.phase + " failed: " + detail;
    }
    if (e instanceof SSLHandshakeException || e instanceof SSLException) {
      Throwable cause = certificateCause(e);
      if (cause != null) {
        return "TLS certificate verification failed for "
            + url.getHost()
            + ": "
            + rootMessage(cause)
            + " (verifyTls=false accepts it)";
      }
      return "TLS handshake with " + url.getHost() + " failed: " + rootMessage(e);
    }
    if (e instanceof HttpProtocolException) {
      return "invalid HTTP response from " + url.getHost() + ": " + detail;
    }
    return timings.phase + " failed: " + e.getClass().getSimpleName() + ": " + detail;
  }

  private static Throwable certificateCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof java.security.cert.CertPathValidatorException
          || t.getClass().getName().endsWith("CertPathBuilderException")) {
        return t;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  private static String bodyText(HttpResponse response) {
    Charset charset = StandardCharsets.UTF_8;
    String type = response.header("Content-Type").orElse("");
    Matcher m = CHARSET.matcher(type);
    if (m.find()) {
      try {
        charset = Charset.forName(m.group(1).toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException unsupported) {
        // Unknown charset: fall back to UTF-8, malformed bytes become U+FFFD.
      }
    }
    return new String(response.bodyPrefix(), charset);
  }
}
