package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.AgentProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil.tls.mode=self-signed}: the server makes a certificate on first start, serves the UI,
 * API and agent endpoints over HTTPS only, marks the session cookie Secure, sends HSTS, reuses the
 * certificate after a restart, and a real agent pinned to the fingerprint reports over it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsIT {

  @TempDir static Path dataDir;
  @TempDir static Path agentDir;

  private static VigilServer server;
  private static String startLog;

  @BeforeAll
  static void start() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
    try {
      server = startServer();
    } finally {
      System.setOut(original);
    }
    startLog = captured.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void theCertificateIsMadeOnceAndItsFingerprintPrintedAndServed() throws Exception {
    Path tls = dataDir.resolve("tls");
    String fingerprint = Files.readString(tls.resolve("fingerprint")).strip();
    assertThat(fingerprint).matches("SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(servedFingerprint()).isEqualTo(fingerprint);
    assertThat(startLog)
        .as("the fingerprint is printed on the start that made the certificate")
        .contains("Its fingerprint: " + fingerprint);
    for (String file : List.of("keystore.p12", "keystore.password", "fingerprint")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(file))))
          .as(file)
          .isEqualTo("rw-------");
    }
    X509Certificate pem = pemCertificate();
    assertThat(pem.getSubjectAlternativeNames().stream().map(n -> n.get(1).toString()).toList())
        .contains("localhost", "127.0.0.1");
  }

  @Test
  @Order(2)
  void healthAnswersOverHttpsWithHsts() throws Exception {
    HttpResponse<String> health =
        https().send(request("/api/v1/health").GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    assertThat(health.headers().firstValue("Strict-Transport-Security"))
        .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age="));
  }

  @Test
  @Order(3)
  void plainHttpIsNotServed() throws Exception {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/health"))
            .timeout(Duration.ofSeconds(10))
            .build();
    int status;
    String body;
    try {
      HttpResponse<String> response = plain.send(request, HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      body = response.body();
    } catch (IOException refused) {
      status = -1;
      body = refused.toString();
    }
    assertThat(status).as("plain HTTP answer: %s", body).isNotEqualTo(200);
    assertThat(body).doesNotContain("UP");
  }

  @Test
  @Order(4)
  void theSessionCookieIsSecure() throws Exception {
    String password = server.generatedAdminPassword().orElseThrow();
    HttpResponse<String> login =
        https()
            .send(
                request("/api/v1/auth/login")
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    List<String> session =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("VIGIL_SESSION="))
            .toList();
    assertThat(session).hasSize(1);
    assertThat(session.getFirst())
        .containsIgnoringCase("; Secure")
        .containsIgnoringCase("HttpOnly");
  }

  @Test
  @Order(5)
  void anAgentPinnedToTheFingerprintReportsOverHttps() {
    String fingerprint = readFingerprint();
    try (AgentProcess agent =
        AgentProcess.start(
            URI.create("https://127.0.0.1:" + server.port()),
            server.enrolmentToken(),
            agentDir.resolve("state"),
            List.of("--server-fingerprint", fingerprint, "--push-interval-seconds", "1"))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          server
                              .bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                              .sql("SELECT count(*) FROM hosts")
                              .query(Long.class)
                              .single())
                      .as("agent log: %s", agent.log())
                      .isEqualTo(1L));
    }
  }

  @Test
  @Order(6)
  void aRestartReusesTheSameCertificate() throws Exception {
    String before = readFingerprint();
    server.close();
    server = startServer();

    assertThat(servedFingerprint()).isEqualTo(before);
    assertThat(readFingerprint()).isEqualTo(before);
    assertThat(
            https()
                .send(request("/api/v1/health").GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
  }

  private static VigilServer startServer() {
    return VigilServer.builder().dataDir(dataDir).property("vigil.tls.mode", "self-signed").start();
  }

  private static String readFingerprint() {
    try {
      return Files.readString(dataDir.resolve("tls/fingerprint")).strip();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static X509Certificate pemCertificate() throws Exception {
    try (InputStream in = Files.newInputStream(dataDir.resolve("tls/certificate.pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** A client trusting only the PEM the server wrote, with host-name verification on. */
  private static HttpClient https() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("vigil", pemCertificate());
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10));
  }

  /** The SHA-256 of the certificate the server actually presents, accepted unverified. */
  private static String servedFingerprint() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new AcceptAll()}, null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
      socket.startHandshake();
      Certificate served = socket.getSession().getPeerCertificates()[0];
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(served.getEncoded());
      return "SHA256:" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
  }

  private static final class AcceptAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    Tee(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
