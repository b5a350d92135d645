package io.vigil.checks.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One HTTP/1.1 request and response over a fresh {@link Socket} or {@link SSLSocket}, timing each
 * phase into {@link HopTimings}. The JDK HttpClient does not expose DNS, connect, TLS and
 * first-byte times, hence the hand-made exchange. Every read honours the overall deadline; DNS
 * cannot be interrupted (the JDK resolver has no timeout) and writes are not timed out.
 */
final class HttpHopClient {

  private static final int MAX_ADDRESSES_TRIED = 4;

  private final boolean verifyTls;
  private SSLSocketFactory tlsFactory;

  HttpHopClient(boolean verifyTls) {
    this.verifyTls = verifyTls;
  }

  /**
   * Made on the first https request only: the default factory loads and parses the JDK's CA store
   * (about 300 classes and 5 MB of the agent's resident memory, measured), which plain-http checks
   * never need.
   */
  private synchronized SSLSocketFactory tlsFactory() {
    if (tlsFactory == null) {
      tlsFactory = verifyTls ? (SSLSocketFactory) SSLSocketFactory.getDefault() : trustAll();
    }
    return tlsFactory;
  }

  /** Sends one request to {@code url} and reads the response; the socket is closed afterwards. */
  HttpResponse exchange(
      URI url,
      String method,
      Map<String, String> headers,
      byte[] body,
      int captureLimit,
      long deadlineNanos,
      HopTimings timings)
      throws IOException {
    boolean https = url.getScheme().equalsIgnoreCase("https");
    String host = bareHost(url.getHost());
    int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;

    timings.phase = "DNS lookup of " + host;
    long start = System.nanoTime();
    InetAddress[] addresses = InetAddress.getAllByName(host);
    timings.dnsNanos += System.nanoTime() - start;

    timings.phase = "connect to " + host + ":" + port;
    start = System.nanoTime();
    Socket socket = connect(addresses, port, deadlineNanos);
    timings.connectNanos += System.nanoTime() - start;
    try (Socket open = socket) {
      Socket stream = open;
      if (https) {
        timings.phase = "TLS handshake with " + host + ":" + port;
        timings.tlsUsed = true;
        start = System.nanoTime();
        SSLSocket tls = (SSLSocket) tlsFactory().createSocket(open, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        if (!isIpLiteral(host)) {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        if (verifyTls) {
          parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(parameters);
        open.setSoTimeout(remainingMillis(deadlineNanos));
        tls.startHandshake();
        timings.tlsNanos += System.nanoTime() - start;
        Certificate[] chain = tls.getSession().getPeerCertificates();
        if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
          long millisLeft = leaf.getNotAfter().getTime() - System.currentTimeMillis();
          timings.certDaysLeft(Math.floor(millisLeft / 86_400_000.0));
        }
        stream = tls;
      }

      timings.phase = "request to " + host + ":" + port;
      OutputStream out = new BufferedOutputStream(stream.getOutputStream());
      out.write(requestHead(url, method, headers, body).getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();

      timings.phase = "response from " + host + ":" + port;
      long sent = System.nanoTime();
      FirstByteStream in =
          new FirstByteStream(
              new BufferedInputStream(stream.getInputStream()), stream, deadlineNanos);
      HttpResponse response =
          HttpResponseParser.parse(in, method.equals("HEAD"), Math.max(0, captureLimit));
      timings.firstByteNanos += in.firstByteAt - sent;
      return response;
    }
  }

  static String requestHead(URI url, String method, Map<String, String> headers, byte[] body) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    boolean https = url.getScheme().equalsIgnoreCase("https");
    int port = url.getPort();
    boolean defaultPort = port < 0 || port == (https ? 443 : 80);
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    boolean hostGiven = headers.keySet().stream().anyMatch(n -> n.equalsIgnoreCase("host"));
    if (!hostGiven) {
      head.append("Host: ").append(url.getHost()).append(defaultPort ? "" : ":" + port);
      head.append("\r\n");
    }
    if (headers.keySet().stream().noneMatch(n -> n.equalsIgnoreCase("user-agent"))) {
      head.append("User-Agent: vigil-agent\r\n");
    }
    if (headers.keySet().stream().noneMatch(n -> n.equalsIgnoreCase("accept"))) {
      head.append("Accept: */*\r\n");
    }
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString();
  }

  private static Socket connect(InetAddress[] addresses, int port, long deadlineNanos)
      throws IOException {
    IOException last = null;
    for (int i = 0; i < Math.min(addresses.length, MAX_ADDRESSES_TRIED); i++) {
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(addresses[i], port), remainingMillis(deadlineNanos));
        return socket;
      } catch (IOException e) {
        socket.close();
        last = e;
        if (e instanceof SocketTimeoutException) {
          break;
        }
      }
    }
    throw last != null ? last : new IOException("no address to connect to");
  }

  static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (left < 1) {
      throw new SocketTimeoutException("deadline reached");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  private static String bareHost(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  private static SSLSocketFactory trustAll() {
    TrustManager acceptAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Client certificates are not used.
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // verifyTls=false: any server certificate is accepted on purpose.
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {acceptAll}, new SecureRandom());
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS implementation in this JDK", e);
    }
  }

  /** Notes when the first byte arrives and bounds every read by the deadline. */
  private static final class FirstByteStream extends FilterInputStream {
    private final Socket socket;
    private final long deadlineNanos;
    long firstByteAt;

    FirstByteStream(InputStream in, Socket socket, long deadlineNanos) {
      super(in);
      this.socket = socket;
      this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
      socket.setSoTimeout(remainingMillis(deadlineNanos));
      int b = super.read();
      noteRead(b >= 0 ? 1 : 0);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      socket.setSoTimeout(remainingMillis(deadlineNanos));
      int n = super.read(buffer, offset, length);
      noteRead(n);
      return n;
    }

    private void noteRead(int n) {
      if (n > 0 && firstByteAt == 0) {
        firstByteAt = System.nanoTime();
      }
    }
  }
}
