package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    boolean asMysql = PeerProcesses.runningAsRoot();
    MariaDbServer server;
    try {
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "vigil-mariadb-");
      server = new MariaDbServer(dir, asMysql, PeerProcesses.generatePassword());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for MariaDB", e);
    }
    try {
      server.install();
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          server.launch(PeerProcesses.freeLoopbackPort());
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
    PeerProcesses.awaitSuccess(
        start(command, "install.log"),
        START_TIMEOUT_MILLIS / 1000,
        "mariadb-install-db",
        this::logs);
  }

  private void launch(int candidatePort) {
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
    PeerProcesses.awaitReady(process, START_TIMEOUT_MILLIS, "mariadbd", this::ready, this::logs);
  }

  /** The server logged that it accepts connections and the port answers. */
  private boolean ready() {
    try {
      Path log = dir.resolve("error.log");
      if (!Files.exists(log)
          || !Files.readString(log, StandardCharsets.UTF_8).contains("ready for connections")) {
        return false;
      }
      return PeerProcesses.listening(port);
    } catch (IOException e) {
      return false;
    }
  }

  private Process start(List<String> command, String logName) {
    return PeerProcesses.start(command, null, dir, dir.resolve(logName), INSTALL_HINT);
  }

  private String logs() {
    return PeerProcesses.tails(dir, List.of("install.log", "server.log", "error.log"));
  }

  private void handOver(Path path) throws IOException {
    if (asMysqlUser) {
      PeerProcesses.handOver(path, "mysql", INSTALL_HINT);
    }
  }

  private void stopProcess() {
    Process p = process;
    process = null;
    PeerProcesses.stop(p, 30); // SIGTERM: mariadbd shuts down cleanly
  }

  /** Stops the server and deletes its directory. */
  @Override
  public synchronized void close() {
    stopProcess();
    PeerProcesses.deleteRecursively(dir);
  }

  @Override
  public String toString() {
    return "MariaDbServer[" + dir + ", port " + port + "]"; // not the password
  }
}
