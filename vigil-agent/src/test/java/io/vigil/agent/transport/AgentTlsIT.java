package io.vigil.agent.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vigil.agent.cli.AgentOptionsParser;
import io.vigil.agent.cli.OptionsException;
import io.vigil.agent.wire.AgentWire;
import io.vigil.model.AgentConfig;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's transport against a local HTTPS stand-in (the JDK's {@link HttpsServer}) whose
 * certificate is self-signed by keytool for {@code localhost} only: pinning, a trusted PEM file,
 * and the default trust store that must refuse it.
 */
class AgentTlsIT {

  private static final String PASSWORD = "changeit-test";

  @TempDir static Path dir;

  private static HttpsServer https;
  private static Certificate certificate;
  private static Path pem;
  private static int port;

  @BeforeAll
  static void startHttpsServer() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "30",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost",
                "-keystore",
                keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-noprompt")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    certificate = store.getCertificate("server");
    pem = dir.resolve("server.pem");
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);

    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(context));
    byte[] config = AgentWire.config(new AgentConfig(7, Map.of()));
    https.createContext(
        "/api/v1/agent/config",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, config.length);
          exchange.getResponseBody().write(config);
          exchange.close();
        });
    https.start();
    port = https.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    if (https != null) {
      https.stop(0);
    }
  }

  @Test
  void thePinnedFingerprintConnectsWhateverTheHostName() throws Exception {
    ServerTls tls = ServerTls.pinned(sha256());

    assertThat(client("127.0.0.1", tls).fetchConfig("t").version())
        .as("127.0.0.1 is not in the certificate, but the pin accepts exactly this certificate")
        .isEqualTo(7);
  }

  @Test
  void aWrongFingerprintIsRefusedWithAClearReason() {
    byte[] wrong = sha256();
    wrong[0] ^= 1;
    ServerTls tls = ServerTls.pinned(wrong);

    assertThatThrownBy(() -> client("localhost", tls).fetchConfig("t"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("does not match the pinned --server-fingerprint")
        .hasMessageContaining(HexFormat.of().formatHex(sha256()));
    IngestResult ingest = client("localhost", tls).ingest("t", new byte[] {1});
    assertThat(ingest).isInstanceOf(IngestResult.RetryLater.class);
    assertThat(((IngestResult.RetryLater) ingest).reason())
        .as("what the agent logs for a failed send")
        .contains("does not match the pinned --server-fingerprint");
  }

  @Test
  void aTrustedPemFileConnectsAndStillChecksTheHostName() throws Exception {
    ServerTls tls = ServerTls.trusting(pem);

    assertThat(client("localhost", tls).fetchConfig("t").version()).isEqualTo(7);
    assertThatThrownBy(() -> client("127.0.0.1", tls).fetchConfig("t"))
        .as("the certificate names localhost only")
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("127.0.0.1");
  }

  @Test
  void withoutAnOptionTheDefaultTrustStoreRefusesASelfSignedCertificate() {
    assertThatThrownBy(() -> client("localhost", ServerTls.defaults()).fetchConfig("t"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("PKIX");
  }

  @Test
  void fingerprintsAreReadAsHexWithOrWithoutColonsOrAsBase64() {
    byte[] digest = sha256();
    String hex = HexFormat.of().formatHex(digest);
    String colons = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    String base64 = Base64.getEncoder().withoutPadding().encodeToString(digest);

    for (String text : List.of("SHA256:" + hex, "SHA256:" + colons, "sha256:" + base64, hex)) {
      assertThat(ServerTls.parseFingerprint(text)).as(text).isEqualTo(digest);
    }
    assertThatThrownBy(() -> ServerTls.parseFingerprint("SHA256:abcd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--server-fingerprint");
  }

  @Test
  void theCommandLineTakesOneOfTheTwoOptions() {
    List<String> base =
        List.of("--server", "https://localhost:" + port, "--state-dir", dir.toString());
    assertThat(AgentOptionsParser.parse(args(base, "--server-ca", pem.toString())).tls().toString())
        .contains(pem.toString());
    assertThat(
            AgentOptionsParser.parse(
                    args(
                        base,
                        "--server-fingerprint",
                        "SHA256:" + HexFormat.of().formatHex(sha256())))
                .tls()
                .toString())
        .contains(HexFormat.of().formatHex(sha256()));
    assertThatThrownBy(
            () ->
                AgentOptionsParser.parse(
                    args(base, "--server-ca", pem.toString(), "--server-fingerprint", "x")))
        .isInstanceOf(OptionsException.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                AgentOptionsParser.parse(
                    args(base, "--server-ca", dir.resolve("missing.pem").toString())))
        .isInstanceOf(OptionsException.class)
        .hasMessageContaining("missing.pem");
  }

  private static String[] args(List<String> base, String... more) {
    return java.util.stream.Stream.concat(base.stream(), java.util.Arrays.stream(more))
        .toArray(String[]::new);
  }

  private static ServerClient client(String host, ServerTls tls) {
    return new ServerClient(
        URI.create("https://" + host + ":" + port),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        tls);
  }

  private static byte[] sha256() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
