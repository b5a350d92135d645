package io.vigil.checks.port;

import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TCP port check: connect within the timeout, optionally a TLS handshake, optionally send a text
 * and look for a regex in what comes back. Stateless and thread-safe.
 *
 * <p>Metrics: {@code connect_ms}; with TLS {@code tls_handshake_ms} and {@code cert_days_left}
 * (fractional days until the leaf certificate's notAfter, negative once expired).
 *
 * <p>Status: CRITICAL when the connection is refused or times out, the handshake fails, the
 * response does not match (the message shows what was received, escaped and cut) or the certificate
 * has expired; WARNING/CRITICAL from the connect-time and days-left thresholds; UNKNOWN when the
 * host name does not resolve (the check could not say anything about the port). The certificate is
 * read, not validated: see {@link ExpiryOnlyTrust}.
 */
public final class PortCheck {

  /** Bytes of the response read while looking for the expected text, at most. */
  public static final int MAX_RESPONSE_BYTES = 4096;

  private static final double MILLIS_PER_DAY = 86_400_000.0;

  private final PortCheckSettings settings;
  private final Clock clock;

  public PortCheck(PortCheckSettings settings) {
    this(settings, Clock.systemUTC());
  }

  PortCheck(PortCheckSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public PortCheckSettings settings() {
    return settings;
  }

  public CheckOutcome run() {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    InetAddress address;
    try {
      address = InetAddress.getByName(settings.host());
    } catch (UnknownHostException e) {
      return CheckOutcome.of(CheckStatus.UNKNOWN, "cannot resolve host " + settings.host());
    }
    Run run = new Run();
    Socket socket = new Socket();
    Socket channel = socket;
    try {
      if (!connect(socket, address, deadline, run)) {
        return run.outcome();
      }
      if (settings.tls()) {
        SSLSocket ssl = handshake(socket, deadline, run);
        if (ssl == null) {
          return run.outcome();
        }
        channel = ssl;
      }
      if (settings.send() != null || settings.expect() != null) {
        converse(channel, deadline, run);
      }
      return run.outcome();
    } finally {
      closeQuietly(channel);
      closeQuietly(socket);
    }
  }

  /** The status, message parts and metrics of one run. */
  private static final class Run {
    CheckStatus status = CheckStatus.OK;
    final List<String> parts = new ArrayList<>();
    final Map<String, Double> metrics = new LinkedHashMap<>();

    void add(CheckStatus partStatus, String part) {
      status = status.worst(partStatus);
      parts.add(part);
    }

    CheckOutcome outcome() {
      return new CheckOutcome(status, String.join("; ", parts), metrics);
    }
  }

  private boolean connect(Socket socket, InetAddress address, long deadline, Run run) {
    long start = System.nanoTime();
    try {
      socket.connect(new InetSocketAddress(address, settings.port()), remainingMillis(deadline));
    } catch (SocketTimeoutException e) {
      run.add(CheckStatus.CRITICAL, timedOut() + " connecting to " + target());
      return false;
    } catch (NoRouteToHostException e) {
      run.add(CheckStatus.CRITICAL, "no route to " + target());
      return false;
    } catch (ConnectException e) {
      String why = String.valueOf(e.getMessage());
      run.add(
          CheckStatus.CRITICAL,
          why.toLowerCase(Locale.ROOT).contains("refused")
              ? "connection refused by " + target()
              : "cannot connect to " + target() + ": " + why);
      return false;
    } catch (IOException e) {
      run.add(CheckStatus.CRITICAL, "cannot connect to " + target() + ": " + e.getMessage());
      return false;
    }
    double connectMs = (System.nanoTime() - start) / 1e6;
    run.metrics.put("connect_ms", connectMs);
    run.add(connectStatus(connectMs, settings), connectText(connectMs, settings));
    return true;
  }

  private SSLSocket handshake(Socket socket, long deadline, Run run) {
    long start = System.nanoTime();
    try {
      SSLSocketFactory factory = ExpiryOnlyTrust.socketFactory();
      SSLSocket ssl =
          (SSLSocket) factory.createSocket(socket, settings.host(), settings.port(), true);
      ssl.setSoTimeout(remainingMillis(deadline));
      ssl.startHandshake();
      run.metrics.put("tls_handshake_ms", (System.nanoTime() - start) / 1e6);
      Certificate[] chain = ssl.getSession().getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
        run.add(CheckStatus.CRITICAL, "TLS: the server sent no X.509 certificate");
        return ssl;
      }
      double daysLeft = (leaf.getNotAfter().getTime() - clock.millis()) / MILLIS_PER_DAY;
      run.metrics.put("cert_days_left", daysLeft);
      run.add(certStatus(daysLeft, settings), certText(daysLeft, leaf));
      return ssl;
    } catch (SocketTimeoutException e) {
      run.add(CheckStatus.CRITICAL, timedOut() + " during the TLS handshake");
    } catch (SSLException e) {
      run.add(CheckStatus.CRITICAL, "TLS handshake failed: " + e.getMessage());
    } catch (IOException e) {
      run.add(CheckStatus.CRITICAL, "TLS handshake failed: " + e);
    } catch (GeneralSecurityException e) {
      run.add(CheckStatus.UNKNOWN, "TLS is not available in this JVM: " + e.getMessage());
    }
    return null;
  }

  private void converse(Socket channel, long deadline, Run run) {
    byte[] response = new byte[MAX_RESPONSE_BYTES];
    int received = 0;
    try {
      if (settings.send() != null) {
        channel.setSoTimeout(remainingMillis(deadline));
        OutputStream out = channel.getOutputStream();
        out.write(settings.send().getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      if (settings.expect() == null) {
        return;
      }
      InputStream in = channel.getInputStream();
      while (received < response.length) {
        if (System.nanoTime() - deadline >= 0) {
          throw new SocketTimeoutException();
        }
        channel.setSoTimeout(remainingMillis(deadline));
        int n = in.read(response, received, response.length - received);
        if (n < 0) {
          break;
        }
        received += n;
        if (settings.expect().matcher(ReceivedText.decode(response, received)).find()) {
          run.add(CheckStatus.OK, "response matches /" + settings.expect() + "/");
          return;
        }
      }
      run.add(
          CheckStatus.CRITICAL,
          "response does not match /"
              + settings.expect()
              + "/: "
              + receivedText(response, received)
              + (received == response.length ? " (first " + received + " bytes)" : ""));
    } catch (SocketTimeoutException e) {
      run.add(
          CheckStatus.CRITICAL,
          timedOut()
              + " waiting for a response matching /"
              + settings.expect()
              + "/: "
              + receivedText(response, received));
    } catch (IOException e) {
      run.add(
          CheckStatus.CRITICAL,
          "connection failed after " + receivedText(response, received) + ": " + e.getMessage());
    }
  }

  private static String receivedText(byte[] response, int received) {
    return received == 0
        ? "nothing received"
        : "received " + ReceivedText.shown(ReceivedText.decode(response, received));
  }

  static CheckStatus connectStatus(double connectMs, PortCheckSettings s) {
    if (s.connectCrit() != null && connectMs >= s.connectCrit().toNanos() / 1e6) {
      return CheckStatus.CRITICAL;
    }
    if (s.connectWarn() != null && connectMs >= s.connectWarn().toNanos() / 1e6) {
      return CheckStatus.WARNING;
    }
    return CheckStatus.OK;
  }

  private String connectText(double connectMs, PortCheckSettings s) {
    String text = String.format(Locale.ROOT, "%s open, connected in %.1f ms", target(), connectMs);
    return switch (connectStatus(connectMs, s)) {
      case CRITICAL -> text + " (critical at " + human(s.connectCrit()) + ")";
      case WARNING -> text + " (warning at " + human(s.connectWarn()) + ")";
      default -> text;
    };
  }

  /** An expired certificate is CRITICAL whatever the thresholds. */
  static CheckStatus certStatus(double daysLeft, PortCheckSettings s) {
    if (daysLeft < 0 || (s.certCritDays() != null && daysLeft < s.certCritDays())) {
      return CheckStatus.CRITICAL;
    }
    if (s.certWarnDays() != null && daysLeft < s.certWarnDays()) {
      return CheckStatus.WARNING;
    }
    return CheckStatus.OK;
  }

  private String certText(double daysLeft, X509Certificate leaf) {
    String who = leaf.getSubjectX500Principal().getName();
    String text =
        daysLeft < 0
            ? String.format(Locale.ROOT, "certificate %s expired %.1f days ago", who, -daysLeft)
            : String.format(Locale.ROOT, "certificate %s expires in %.1f days", who, daysLeft);
    return switch (certStatus(daysLeft, settings)) {
      case CRITICAL ->
          daysLeft < 0 ? text : text + " (critical below " + settings.certCritDays() + ")";
      case WARNING -> text + " (warning below " + settings.certWarnDays() + ")";
      default -> text;
    };
  }

  private String timedOut() {
    return "timed out after " + human(settings.timeout());
  }

  private String target() {
    String host = settings.host();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + settings.port();
  }

  /** "2 s" for whole seconds, "1500 ms" otherwise. */
  static String human(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  /** At least 1: 0 means "no timeout" to connect and setSoTimeout. */
  private static int remainingMillis(long deadline) {
    long nanos = deadline - System.nanoTime();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do: the run is over
    }
  }
}
