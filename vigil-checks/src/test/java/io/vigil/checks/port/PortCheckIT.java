package io.vigil.checks.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PortCheck} against real servers on 127.0.0.1. */
class PortCheckIT {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir Path dir;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  /** Accepts connections on a daemon thread; each gets {@code banner}, then is held open. */
  private int server(ServerSocket server, String banner) {
    open.add(server);
    Thread acceptor =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!server.isClosed()) {
                    try {
                      Socket s = server.accept();
                      synchronized (open) {
                        open.add(s);
                      }
                      if (s instanceof SSLSocket ssl) {
                        ssl.startHandshake();
                      }
                      if (banner != null) {
                        OutputStream out = s.getOutputStream();
                        out.write(banner.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                      }
                    } catch (IOException e) {
                      // closed at the end of the test, or a client gave up
                    }
                  }
                });
    open.add(acceptor::interrupt);
    return server.getLocalPort();
  }

  private static PortCheckSettings.Builder on(int port) {
    return PortCheckSettings.builder("127.0.0.1", port).timeout(Duration.ofSeconds(2));
  }

  @Test
  void anOpenPortWithAMatchingBannerIsOk() throws IOException {
    int port = server(new ServerSocket(0, 50, LOOPBACK), "SSH-2.0-OpenSSH_9.6\r\n");

    CheckOutcome outcome = new PortCheck(on(port).expect("^SSH-2\\.0-").build()).run();

    assertThat(outcome.status()).isEqualTo(CheckStatus.OK);
    assertThat(outcome.message())
        .startsWith("127.0.0.1:" + port + " open, connected in ")
        .endsWith("; response matches /^SSH-2\\.0-/");
    assertThat(outcome.metrics()).containsKey("connect_ms").doesNotContainKey("cert_days_left");
  }

  @Test
  void aBannerThatDoesNotMatchIsCriticalAndShowsWhatCame() throws IOException {
    int port = server(new ServerSocket(0, 50, LOOPBACK), "220 smtp ready\r\n\u001b[2J");
    PortCheckSettings settings =
        on(port).send("EHLO vigil\r\n").expect("^SSH-").timeout(Duration.ofMillis(1500)).build();

    CheckOutcome outcome = new PortCheck(settings).run();

    // the server keeps the connection open: the check gives up at the timeout
    assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(outcome.message())
        .contains("timed out after 1500 ms waiting for a response matching /^SSH-/")
        .endsWith("received '220 smtp ready\\r\\n\\u001b[2J'");
  }

  @Test
  void aBannerFollowedByCloseIsAMismatchWithoutWaitingForTheTimeout() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
    open.add(server);
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (Socket s = server.accept()) {
                s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes());
              } catch (IOException e) {
                // test over
              }
            });
    long start = System.nanoTime();
    CheckOutcome outcome =
        new PortCheck(
                on(server.getLocalPort()).expect("^\\+OK").timeout(Duration.ofSeconds(5)).build())
            .run();

    assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(outcome.message())
        .endsWith(
            "response does not match /^\\+OK/: received 'HTTP/1.0 400 Bad Request\\r\\n\\r\\n'");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void aClosedPortIsRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      port = s.getLocalPort();
    }

    CheckOutcome outcome = new PortCheck(on(port).build()).run();

    assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(outcome.message()).isEqualTo("connection refused by 127.0.0.1:" + port);
    assertThat(outcome.metrics()).isEmpty();
  }

  @Test
  void aServerThatAcceptsButNeverAnswersTimesOut() throws IOException {
    int port = server(new ServerSocket(0, 50, LOOPBACK), null);

    long start = System.nanoTime();
    CheckOutcome outcome =
        new PortCheck(on(port).expect("220").timeout(Duration.ofSeconds(1)).build()).run();

    assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(outcome.message())
        .endsWith("timed out after 1 s waiting for a response matching /220/: nothing received");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofMillis(900), Duration.ofMillis(1900));
  }

  /**
   * A listener whose accept queue is full: Linux drops further SYNs (it does not refuse them), so a
   * connect hangs until the timeout. The queue holds backlog + 1 connections; it is filled with a
   * bounded number of connects until one hangs.
   */
  @Test
  void aConnectToAFullAcceptQueueTimesOut() throws IOException {
    ServerSocket server = new ServerSocket(0, 1, LOOPBACK); // never accepts
    open.add(server);
    boolean full = false;
    for (int i = 0; i < 16 && !full; i++) {
      Socket filler = new Socket();
      open.add(filler);
      try {
        filler.connect(new InetSocketAddress(LOOPBACK, server.getLocalPort()), 300);
      } catch (SocketTimeoutException e) {
        full = true;
      }
    }
    assumeTrue(full, "this kernel did not drop SYNs on a full accept queue");

    CheckOutcome outcome =
        new PortCheck(on(server.getLocalPort()).timeout(Duration.ofMillis(700)).build()).run();

    assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(outcome.message())
        .isEqualTo("timed out after 700 ms connecting to 127.0.0.1:" + server.getLocalPort());
  }

  @Test
  void connectTimeThresholdsApplyToTheRealConnect() throws IOException {
    int port = server(new ServerSocket(0, 50, LOOPBACK), null);
    // every connect takes at least 0 ms: a 0 ms warning threshold always fires
    CheckOutcome outcome =
        new PortCheck(on(port).connectTime(Duration.ZERO, Duration.ofMinutes(1)).build()).run();
    assertThat(outcome.status()).isEqualTo(CheckStatus.WARNING);
    assertThat(outcome.message()).contains("(warning at 0 s)");
  }

  @Test
  void tlsReportsTheHandshakeAndTheDaysLeftOfATestTimeCertificate() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-validity",
                "10",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("keytool.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket tlsServer =
        (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, LOOPBACK);
    int port = server(tlsServer, "+OK POP3 ready\r\n");

    CheckOutcome outcome =
        new PortCheck(on(port).tls(true).certDaysLeft(30, 5).expect("^\\+OK").build()).run();

    assertThat(outcome.metrics()).containsKeys("connect_ms", "tls_handshake_ms");
    assertThat(outcome.metrics().get("cert_days_left")).isBetween(9.0, 10.0);
    assertThat(outcome.status()).isEqualTo(CheckStatus.WARNING); // < 30 days, >= 5
    assertThat(outcome.message())
        .containsPattern("certificate CN=localhost expires in (9\\.\\d|10\\.0) days") // 9.99..
        .contains("(warning below 30)")
        .endsWith("response matches /^\\+OK/");
  }

  @Test
  void tlsAgainstAPlainServerFailsTheHandshake() throws IOException {
    int port = server(new ServerSocket(0, 50, LOOPBACK), "220 plain text, no TLS\r\n");
    CheckOutcome outcome = new PortCheck(on(port).tls(true).build()).run();
    assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(outcome.message()).contains("TLS handshake failed");
    assertThat(outcome.metrics()).containsKey("connect_ms").doesNotContainKey("cert_days_left");
  }
}
