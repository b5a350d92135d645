package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB server for integration tests, started from Debian's binaries ({@code
 * /usr/bin/mariadb-install-db}, {@code /usr/sbin/mariadbd}, package {@code mariadb-server}): a
 * fresh data directory under /tmp, listening on a free loopback port only, user {@code vigil} with
 * a generated password owning database {@code vigil_test}. A root JVM runs the server as the {@code
 * mysql} system user. Closing stops it and deletes the directory.
 *
 * <p>Missing binaries fail loudly, naming the package: a skipped database test would pass while
 * proving nothing.
 *
 * <pre>{@code
 * MariaDbServer db = MariaDbServer.startOnce();     // shared, stopped at JVM exit
 * DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
 * }</pre>
 */
public final class MariaDbServer implements AutoCloseable {

  public static final String DATABASE = "vigil_test";
  public static final String USER = "vigil";

  static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
  static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  private static final String INSTALL_HINT = "install the Debian package mariadb-server";
  private static final long START_TIMEOUT_MILLIS = 60_000;

  private static MariaDbServer shared;

  private final Path dir;
  private final boolean asMysqlUser;
  private final String password;
  private Process process;
  private int port;

  private MariaDbServer(Path dir, boolean asMysqlUser, String password) {
    this.dir = dir;
    this.asMysqlUser = asMysqlUser;
    this.password = password;
  }

  /** One server for the whole test JVM, started on first use and stopped when the JVM exits. */
  public static synchronized MariaDbServer startOnce() {
    if (shared == null) {
      MariaDbServer server = start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(server::close, "mariadb-test-server-shutdown"));
      shared = server;
    }
    return shared;
  }

  /** A server of the caller's own, which it must close. */
  public static MariaDbServer start() {
    for (Path binary : List.of(INSTALL_DB, SERVER)) {
      if (!Files.isExecutable(binary)) {
        throw new IllegalStateException(binary + " is missing: " + INSTALL_HINT);
      }
    }
    boolean asMysql = runningAsRoot();
    MariaDbServer server;
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "vigil-mariadb-");
      server = new MariaDbServer(dir, asMysql, generatePassword());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for MariaDB", e);
    }
    try {
      server.install();
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          server.launch(freeLoopbackPort());
          return server;
        } catch (IllegalStateException e) {
          last = e; // most likely the port was taken meanwhile
          server.stopProcess();
        }
      }
      throw last;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw new IllegalStateException("could not start a private MariaDB: " + e.getMessage(), e);
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public String database() {
    return DATABASE;
  }

  public String username() {
    return USER;
  }

  public String password() {
    return password;
  }

  /** {@code jdbc:mariadb://127.0.0.1:PORT/vigil_test}. */
  public String jdbcUrl() {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
  }

  private Path data() {
    return dir.resolve("data");
  }

  private void install() throws IOException {
    Files.createDirectories(data());
    // Runs at every start, before the server accepts connections.
    String sql =
        String.join(
            "\n",
            "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";",
            "CREATE USER IF NOT EXISTS '"
                + USER
                + "'@'127.0.0.1' IDENTIFIED BY '"
                + password
                + "';",
            "CREATE USER IF NOT EXISTS '"
                + USER
                + "'@'localhost' IDENTIFIED BY '"
                + password
                + "';",
            "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'127.0.0.1';",
            "GRANT ALL ON " + DATABASE + ".* TO '" + USER + "'@'localhost';",
            "");
    Files.writeString(dir.resolve("init.sql"), sql, StandardCharsets.UTF_8);
    handOver(dir);
    handOver(data());
    handOver(dir.resolve("init.sql"));
    List<String> command = new ArrayList<>(List.of(INSTALL_DB.toString(), "--no-defaults"));
    if (asMysqlUser) {
      command.add("--user=mysql");
    }
    command.addAll(
        List.of(
            "--datadir=" + data(),
            "--auth-root-authentication-method=socket",
            "--skip-test-db",
            "--skip-name-resolve"));
    Process install = start(command, "install.log");
    try {
      if (!install.waitFor(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        install.destroyForcibly();
        throw new IllegalStateException("mariadb-install-db did not finish; " + logs());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      install.destroyForcibly();
      throw new IllegalStateException("interrupted", e);
    }
    if (install.exitValue() != 0) {
      throw new IllegalStateException(
          "mariadb-install-db exited with " + install.exitValue() + "; " + logs());
    }
  }

  private void launch(int candidatePort) throws IOException {
    port = candidatePort;
    List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults"));
    if (asMysqlUser) {
      command.add("--user=mysql");
    }
    command.addAll(
        List.of(
            "--datadir=" + data(),
            "--bind-address=127.0.0.1",
            "--port=" + port,
            "--socket=" + dir.resolve("mariadbd.sock"),
            "--pid-file=" + dir.resolve("mariadbd.pid"),
            "--log-error=" + dir.resolve("error.log"),
            "--init-file=" + dir.resolve("init.sql"),
            "--skip-name-resolve",
            "--innodb-buffer-pool-size=16M",
            "--max-connections=50"));
    process = start(command, "server.log");
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "mariadbd exited with " + process.exitValue() + "; " + logs());
      }
      if (ready()) {
        return;
      }
      try {
        process.waitFor(100, TimeUnit.MILLISECONDS); // polling a child's start, not a result
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("mariadbd did not get ready within 60 s; " + logs());
  }

  /** The server logged that it accepts connections and the port answers. */
  private boolean ready() {
    try {
      Path log = dir.resolve("error.log");
      if (!Files.exists(log)
          || !Files.readString(log, StandardCharsets.UTF_8).contains("ready for connections")) {
        return false;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }

  private Process start(List<String> command, String logName) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(logName).toFile()));
    builder.environment().put("LC_ALL", "C");
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + command.get(0) + " (" + INSTALL_HINT + "): " + e.getMessage(), e);
    }
  }

  private String logs() {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("install.log", "server.log", "error.log")) {
      Path log = dir.resolve(name);
      try {
        if (Files.exists(log)) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
          out.append(name)
              .append(":\n")
              .append(
                  String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
              .append('\n');
        }
      } catch (IOException e) {
        out.append(name).append(": unreadable (").append(e.getMessage()).append(")\n");
      }
    }
    return out.toString();
  }

  private void handOver(Path path) throws IOException {
    if (!asMysqlUser) {
      return;
    }
    UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    try {
      view.setOwner(users.lookupPrincipalByName("mysql"));
      view.setGroup(users.lookupPrincipalByGroupName("mysql"));
    } catch (IOException e) {
      throw new IllegalStateException(
          "running as root, MariaDB must run as the mysql user, which does not exist: "
              + INSTALL_HINT,
          e);
    }
  }

  private void stopProcess() {
    Process p = process;
    process = null;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy(); // SIGTERM: mariadbd shuts down cleanly
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  /** Stops the server and deletes its directory. */
  @Override
  public synchronized void close() {
    stopProcess();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Best effort: a leftover temp file must not fail the test run.
                }
              });
    } catch (IOException e) {
      // Ditto.
    }
  }

  @Override
  public String toString() {
    return "MariaDbServer[" + dir + ", port " + port + "]"; // not the password
  }

  private static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String generatePassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
