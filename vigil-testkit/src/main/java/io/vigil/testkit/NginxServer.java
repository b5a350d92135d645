package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real nginx for integration tests, started from Debian's binary ({@code /usr/sbin/nginx},
 * package {@code nginx}) in the foreground with a configuration of its own in a directory the
 * caller gives (say a JUnit {@code @TempDir}): static pages under {@code www/}, plain HTTP on a
 * free 127.0.0.1 port and, when asked, HTTPS on another with a self-signed certificate for {@code
 * localhost} made by openssl (package {@code openssl}). Closing stops it.
 *
 * <p>Missing binaries fail loudly, naming the package: a skipped check test would pass while
 * proving nothing.
 *
 * <pre>{@code
 * NginxServer nginx = NginxServer.in(dir).page("index.html", "<p>ok</p>").tls(10).start();
 * URI page = URI.create(nginx.httpUrl("/index.html"));
 * }</pre>
 */
public final class NginxServer implements AutoCloseable {

  static final Path NGINX = Path.of("/usr/sbin/nginx");
  static final Path OPENSSL = Path.of("/usr/bin/openssl");
  private static final long START_TIMEOUT_MILLIS = 20_000;
  private static final long STOP_TIMEOUT_MILLIS = 10_000;

  private final Path dir;
  private final Process process;
  private final int httpPort;
  private final int httpsPort; // 0 without TLS

  private NginxServer(Path dir, Process process, int httpPort, int httpsPort) {
    this.dir = dir;
    this.process = process;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
  }

  /** A server to be configured, whose files go to {@code dir} (which must exist). */
  public static Builder in(Path dir) {
    return new Builder(dir);
  }

  /** The plain HTTP port on 127.0.0.1. */
  public int httpPort() {
    return httpPort;
  }

  /** The HTTPS port on 127.0.0.1; only with {@link Builder#tls(int)}. */
  public int httpsPort() {
    if (httpsPort == 0) {
      throw new IllegalStateException("this nginx was started without TLS");
    }
    return httpsPort;
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
  public String httpUrl(String path) {
    return "http://127.0.0.1:" + httpPort + path;
  }

  /** {@code https://localhost:PORT} followed by {@code path}: the certificate's name. */
  public String httpsUrl(String path) {
    return "https://localhost:" + httpsPort() + path;
  }

  /** Stops nginx and returns once its ports refuse connections; stopping twice is harmless. */
  public void stop() {
    if (!process.isAlive()) {
      return;
    }
    PeerProcesses.stop(process, 10);
    long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MILLIS;
    while (listening()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("nginx stopped but its ports still accept connections");
      }
      try {
        Thread.sleep(50); // polling a peer's sockets, not waiting for a result
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "NginxServer[" + dir + ", port " + httpPort + "]";
  }

  private boolean listening() {
    return PeerProcesses.listening(httpPort)
        || (httpsPort != 0 && PeerProcesses.listening(httpsPort));
  }

  /** What the server serves; {@link #start()} starts it. */
  public static final class Builder {

    private final Path dir;
    private final Map<String, String> pages = new LinkedHashMap<>();
    private final List<String> directives = new ArrayList<>();
    private int certificateDays;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** A static file under the document root, e.g. {@code page("index.html", "<p>ok</p>")}. */
    public Builder page(String name, String content) {
      pages.put(name, content);
      return this;
    }

    /** Serves HTTPS too, with a self-signed certificate for localhost valid {@code days}. */
    public Builder tls(int days) {
      this.certificateDays = days;
      return this;
    }

    /** A line added to the {@code server} block, e.g. {@code location = /down { return 503; }}. */
    public Builder directive(String line) {
      directives.add(line);
      return this;
    }

    /**
     * Starts nginx and waits until its ports accept connections.
     *
     * @throws IllegalStateException if nginx or openssl are missing or nginx does not start
     */
    public NginxServer start() {
      if (!Files.isExecutable(NGINX)) {
        throw new IllegalStateException(
            NGINX + " is missing: install the Debian package nginx (apt-get install -y nginx)");
      }
      try {
        prepare();
        // A port found free may be taken before nginx binds it; try again with others.
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
          int http = PeerProcesses.freeLoopbackPort();
          int https = certificateDays > 0 ? PeerProcesses.freeLoopbackPort() : 0;
          Path conf = dir.resolve("nginx.conf");
          Files.writeString(conf, config(http, https), StandardCharsets.UTF_8);
          Process process =
              PeerProcesses.start(
                  List.of(NGINX.toString(), "-c", conf.toString(), "-p", dir + "/"),
                  null,
                  dir,
                  dir.resolve("nginx.out"),
                  "apt-get install -y nginx");
          NginxServer server = new NginxServer(dir, process, http, https);
          try {
            PeerProcesses.awaitReady(
                process,
                START_TIMEOUT_MILLIS,
                "nginx",
                () ->
                    PeerProcesses.listening(http) && (https == 0 || PeerProcesses.listening(https)),
                this::logs);
            return server;
          } catch (IllegalStateException e) {
            last = e;
            PeerProcesses.stop(process, 10);
          }
        }
        throw last;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare nginx in " + dir, e);
      }
    }

    private void prepare() throws IOException {
      Files.createDirectories(dir.resolve("www"));
      Files.createDirectories(dir.resolve("tmp"));
      for (Map.Entry<String, String> page : pages.entrySet()) {
        Files.writeString(
            dir.resolve("www").resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
      }
      // Workers may run as another user; they must reach the files.
      dir.toFile().setReadable(true, false);
      dir.toFile().setExecutable(true, false);
      if (certificateDays > 0) {
        makeCertificate();
      }
    }

    private void makeCertificate() {
      if (!Files.isExecutable(OPENSSL)) {
        throw new IllegalStateException(
            OPENSSL
                + " is missing: install the Debian package openssl (apt-get install -y openssl)");
      }
      PeerProcesses.awaitSuccess(
          PeerProcesses.start(
              List.of(
                  OPENSSL.toString(),
                  "req",
                  "-x509",
                  "-newkey",
                  "rsa:2048",
                  "-nodes",
                  "-days",
                  Integer.toString(certificateDays),
                  "-subj",
                  "/CN=localhost",
                  "-keyout",
                  dir.resolve("key.pem").toString(),
                  "-out",
                  dir.resolve("cert.pem").toString()),
              null,
              dir,
              dir.resolve("openssl.log"),
              "apt-get install -y openssl"),
          60,
          "openssl",
          this::logs);
    }

    private String config(int http, int https) {
      String d = dir.toString();
      StringBuilder conf = new StringBuilder();
      if (PeerProcesses.runningAsRoot()) {
        conf.append("user root;\n");
      }
      conf.append("daemon off;\nworker_processes 1;\n")
          .append("pid ")
          .append(d)
          .append("/nginx.pid;\n")
          .append("error_log ")
          .append(d)
          .append("/error.log warn;\n")
          .append("events { worker_connections 64; }\n")
          .append("http {\n  access_log off;\n");
      for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
        conf.append("  ")
            .append(temp)
            .append("_temp_path ")
            .append(d)
            .append("/tmp/")
            .append(temp.equals("client_body") ? "body" : temp)
            .append(";\n");
      }
      conf.append("  types { text/html html; }\n  server {\n")
          .append("    listen 127.0.0.1:")
          .append(http)
          .append(";\n");
      if (https != 0) {
        conf.append("    listen 127.0.0.1:")
            .append(https)
            .append(" ssl;\n    ssl_certificate ")
            .append(d)
            .append("/cert.pem;\n    ssl_certificate_key ")
            .append(d)
            .append("/key.pem;\n");
      }
      conf.append("    server_name localhost;\n    root ").append(d).append("/www;\n");
      for (String line : directives) {
        conf.append("    ").append(line).append('\n');
      }
      return conf.append("  }\n}\n").toString();
    }

    private String logs() {
      return PeerProcesses.tails(dir, List.of("openssl.log", "nginx.out", "error.log"));
    }
  }
}
