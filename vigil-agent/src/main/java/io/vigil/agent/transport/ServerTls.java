package io.vigil.agent.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How the agent verifies an {@code https} server: the JVM's default trust store and host-name
 * check, the certificates of a PEM file ({@code --server-ca}) with the host-name check, or exactly
 * one pinned certificate ({@code --server-fingerprint}) whatever its issuer or names.
 */
public final class ServerTls {

  private static final ServerTls DEFAULT = new ServerTls(null, null, "default trust store");
  private static final String PREFIX = "SHA256:";

  private final SSLSocketFactory socketFactory;
  private final HostnameVerifier hostnames;
  private final String description;

  private ServerTls(SSLSocketFactory socketFactory, HostnameVerifier hostnames, String what) {
    this.socketFactory = socketFactory;
    this.hostnames = hostnames;
    this.description = what;
  }

  /** The JVM's trust store and host-name verification. */
  public static ServerTls defaults() {
    return DEFAULT;
  }

  /** Trusts only the certificate(s) in a PEM file; host names are still verified. */
  public static ServerTls trusting(Path pemFile) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + pemFile);
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return new ServerTls(context(factory.getTrustManagers()), null, "certificates of " + pemFile);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot read the PEM certificate(s) in " + pemFile + ": " + e.getMessage(), e);
    }
  }

  /** Accepts exactly the server certificate with this SHA-256 ({@link #parseFingerprint}). */
  public static ServerTls pinned(byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 fingerprint has 32 bytes");
    }
    byte[] pin = sha256.clone();
    return new ServerTls(
        context(new TrustManager[] {new PinnedTrustManager(pin)}),
        (host, session) -> true,
        "pinned certificate " + PREFIX + HexFormat.of().formatHex(pin));
  }

  /**
   * Reads {@code SHA256:<hex>} (colons allowed, as keytool and openssl print it) or {@code
   * SHA256:<base64>} (as ssh prints it, padding optional); the prefix is optional.
   */
  public static byte[] parseFingerprint(String text) {
    String value = text.strip();
    if (value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      value = value.substring(PREFIX.length());
    }
    String hex = value.replace(":", "");
    if (hex.length() == 64 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }
    try {
      String b64 = value.replace('-', '+').replace('_', '/').replace("=", "");
      byte[] bytes = Base64.getDecoder().decode(b64 + "=".repeat((4 - b64.length() % 4) % 4));
      if (bytes.length == 32) {
        return bytes;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw new IllegalArgumentException(
        "--server-fingerprint must be SHA256: followed by 64 hex digits or 43 base64 characters");
  }

  /** Applies this policy to a connection (plain {@code http} connections are left alone). */
  void apply(java.net.HttpURLConnection connection) {
    if (connection instanceof HttpsURLConnection https) {
      if (socketFactory != null) {
        https.setSSLSocketFactory(socketFactory);
      }
      if (hostnames != null) {
        https.setHostnameVerifier(hostnames);
      }
    }
  }

  @Override
  public String toString() {
    return description;
  }

  private static SSLSocketFactory context(TrustManager[] trustManagers) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trustManagers, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS support in this JVM", e);
    }
  }

  private static final class PinnedTrustManager implements X509TrustManager {

    private final byte[] pin;

    PinnedTrustManager(byte[] pin) {
      this.pin = pin;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the server sent no certificate");
      }
      byte[] actual;
      try {
        actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
      } catch (GeneralSecurityException e) {
        throw new CertificateException("cannot hash the server certificate", e);
      }
      if (!MessageDigest.isEqual(actual, pin)) {
        throw new CertificateException(
            "server certificate "
                + PREFIX
                + HexFormat.of().formatHex(actual)
                + " does not match the pinned --server-fingerprint "
                + PREFIX
                + HexFormat.of().formatHex(pin));
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("the agent does not accept client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
