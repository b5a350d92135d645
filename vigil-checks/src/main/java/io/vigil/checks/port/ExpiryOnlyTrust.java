package io.vigil.checks.port;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that accepts every server certificate, used only to <em>read</em> it.
 *
 * <p>Why this is acceptable here and nowhere else: a port check reports how many days the
 * certificate a service presents has left; it does not authenticate the peer and sends nothing
 * secret over the connection (only the configured probe text, which is sent in clear on a non-TLS
 * port anyway). Validating the chain would make the check fail exactly for the certificates whose
 * expiry it should report: self-signed, internal-CA, already expired. Never reuse this for a
 * connection that carries credentials or data the agent relies on.
 */
final class ExpiryOnlyTrust extends X509ExtendedTrustManager {

  private static final X509Certificate[] NONE = new X509Certificate[0];

  private ExpiryOnlyTrust() {}

  static SSLSocketFactory socketFactory() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new ExpiryOnlyTrust()}, new SecureRandom());
    return context.getSocketFactory();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    // read, not validated: see the class comment
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    // read, not validated: see the class comment
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    // read, not validated: see the class comment
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    throw new UnsupportedOperationException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    throw new UnsupportedOperationException("client side only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NONE;
  }
}
