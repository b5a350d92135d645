package io.vigil.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for integration tests.
 *
 * <p>With {@code VIGIL_TEST_PG_URL} (a {@code jdbc:postgresql:} URL), {@code VIGIL_TEST_PG_USER}
 * and {@code VIGIL_TEST_PG_PASSWORD} set, that external server is used and left alone on close.
 * Otherwise a private server is started from Debian's binaries ({@code
 * /usr/lib/postgresql/<newest>/bin}): a fresh cluster in a temporary directory, listening on a free
 * loopback port only, superuser {@code vigil} with a generated password, fsync off, database
 * {@code vigil_test}; closing stops it and deletes the directory. PostgreSQL refuses to run as
 * root, so a root JVM runs it as the {@code postgres} system user (created by the Debian package).
 *
 * <p>Missing binaries fail loudly, naming the package: a skipped migration test would pass while
 * proving nothing.
 *
 * <pre>{@code
 * PostgresServer pg = PostgresServer.startOnce();    // shared, stopped at JVM exit
 * DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
 * String blank = pg.createDatabase();                // an empty database for a migration test
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

  static final String DATABASE = "vigil_test";
  static final String USER = "vigil";
  private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
  private static final String INSTALL_HINT =
      "install the server: apt-get install -y postgresql (or set VIGIL_TEST_PG_URL,"
          + " VIGIL_TEST_PG_USER and VIGIL_TEST_PG_PASSWORD to use a running server)";
  private static final long START_TIMEOUT_SECONDS = 60;

  private static PostgresServer shared;

  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final Local local; // null for an external server, which is not ours to stop

  /** The parts of a server this class started itself. */
  private record Local(Path dir, Path bin, boolean asPostgresUser, int port) {
    Path data() {
      return dir.resolve("data");
    }
  }

  private PostgresServer(String jdbcUrl, String username, String password, Local local) {
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
    this.local = local;
  }

  /** One server for the whole test JVM, started on first use and stopped when the JVM exits. */
  public static synchronized PostgresServer startOnce() {
    if (shared == null) {
      PostgresServer server = start();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(server::close, "postgres-test-server-shutdown"));
      shared = server;
    }
    return shared;
  }

  /** A server of the caller's own, which it must close. */
  public static PostgresServer start() {
    return start(System.getenv());
  }

  static PostgresServer start(Map<String, String> env) {
    String url = env.get("VIGIL_TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalStateException(
            "VIGIL_TEST_PG_URL must be a JDBC URL (jdbc:postgresql://host:port/db), not " + url);
      }
      return new PostgresServer(
          url,
          env.getOrDefault("VIGIL_TEST_PG_USER", USER),
          env.getOrDefault("VIGIL_TEST_PG_PASSWORD", ""),
          null);
    }
    return startLocal();
  }

  /** JDBC URL of database {@code vigil_test} (or of the external server's database). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  /** Whether this is a private server started from the local binaries. */
  public boolean isPrivate() {
    return local != null;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, username, password);
  }

  /**
   * Creates an empty database with a unique name and returns its JDBC URL, so that a migration
   * test starts from nothing regardless of what other tests left behind.
   */
  public String createDatabase() {
    String name = "vigil_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return withDatabase(jdbcUrl, name);
  }

  static String withDatabase(String jdbcUrl, String database) {
    int query = jdbcUrl.indexOf('?');
    String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    String params = query < 0 ? "" : jdbcUrl.substring(query);
    int slash = base.indexOf('/', "jdbc:postgresql://".length());
    return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + params;
  }

  /** Stops a private server and deletes its directory; leaves an external one alone. */
  @Override
  public synchronized void close() {
    if (local != null) {
      stopAndDelete(local);
    }
  }

  private static void stopAndDelete(Local local) {
    if (!Files.exists(local.dir())) {
      return;
    }
    try {
      if (Files.exists(local.data().resolve("postmaster.pid"))) {
        Process stop = run(local, stopCommand(local, "fast"));
        if (!stop.waitFor(40, TimeUnit.SECONDS) || stop.exitValue() != 0) {
          stop.destroyForcibly();
          run(local, stopCommand(local, "immediate")).waitFor(20, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deleteRecursively(local.dir());
    }
  }

  private static List<String> stopCommand(Local local, String mode) {
    return List.of(pgCtl(local), "stop", "-D", local.data().toString(), "-m", mode, "-w", "-t", "30");
  }

  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl + (local == null ? ", external]" : ", private]");
  }

  private static PostgresServer startLocal() {
    Path bin = newestBinaries(DEBIAN_VERSIONS);
    boolean asPostgres = runningAsRoot();
    Path dir = createWorkDir(asPostgres);
    Local local = null;
    try {
      String password = generatePassword();
      Path passwordFile = dir.resolve("pwfile");
      Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
      handOver(passwordFile, asPostgres);
      Local init = new Local(dir, bin, asPostgres, 0);
      awaitSuccess(
          init,
          List.of(
              bin.resolve("initdb").toString(),
              "-D", init.data().toString(),
              "-U", USER,
              "--pwfile=" + passwordFile,
              "--auth-host=scram-sha-256",
              "--auth-local=trust",
              "-E", "UTF8",
              "--no-locale",
              "--no-sync"),
          "initdb");
      Files.delete(passwordFile);

      // A port found free may be taken before postgres binds it; try again with another.
      IllegalStateException lastFailure = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        local = new Local(dir, bin, asPostgres, freeLoopbackPort());
        configure(local);
        try {
          awaitSuccess(
              local,
              List.of(pgCtl(local), "start", "-D", local.data().toString(), "-l",
                  dir.resolve("postgres.log").toString(), "-w", "-t",
                  Long.toString(START_TIMEOUT_SECONDS)),
              "pg_ctl start");
          lastFailure = null;
          break;
        } catch (IllegalStateException e) {
          lastFailure = e;
        }
      }
      if (lastFailure != null) {
        throw lastFailure;
      }
      String admin = "jdbc:postgresql://127.0.0.1:" + local.port() + "/postgres";
      try (Connection c = DriverManager.getConnection(admin, USER, password);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
      return new PostgresServer(withDatabase(admin, DATABASE), USER, password, local);
    } catch (IOException | SQLException | RuntimeException e) {
      stopAndDelete(local != null ? local : new Local(dir, bin, asPostgres, 0));
      throw new IllegalStateException("could not start a private PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** {@code <root>/<newest version>/bin}, as the Debian packages lay them out. */
  static Path newestBinaries(Path root) {
    List<Path> versions = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> list = Files.list(root)) {
        list.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
            .filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
            .filter(p -> Files.isExecutable(p.resolve("bin/pg_ctl")))
            .forEach(versions::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return versions.stream()
        .max(Comparator.comparingDouble(p -> Double.parseDouble(p.getFileName().toString())))
        .map(p -> p.resolve("bin"))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "PostgreSQL server binaries (initdb, pg_ctl) not found under "
                        + root
                        + "/<version>/bin: "
                        + INSTALL_HINT));
  }

  private static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /**
   * The temporary directory holding the cluster and its socket. Run as {@code postgres}, every
   * ancestor must be searchable by others, which a private {@code java.io.tmpdir} (say under
   * /root) is not; /tmp always is.
   */
  private static Path createWorkDir(boolean asPostgres) {
    try {
      Path base = Path.of(System.getProperty("java.io.tmpdir"));
      if (asPostgres && !searchableByOthers(base)) {
        base = Path.of("/tmp");
      }
      Path dir = Files.createTempDirectory(base, "vigil-pg-");
      handOver(dir, asPostgres);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for PostgreSQL", e);
    }
  }

  private static boolean searchableByOthers(Path dir) throws IOException {
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  private static void handOver(Path path, boolean asPostgres) throws IOException {
    if (!asPostgres) {
      return;
    }
    UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    try {
      view.setOwner(users.lookupPrincipalByName("postgres"));
      view.setGroup(users.lookupPrincipalByGroupName("postgres"));
    } catch (IOException e) {
      throw new IllegalStateException(
          "running as root, PostgreSQL must run as the postgres user, which does not exist: "
              + INSTALL_HINT,
          e);
    }
  }

  private static void configure(Local local) throws IOException {
    // Appended settings win over earlier ones; a retry with a new port simply appends again.
    String settings =
        String.join(
            "\n",
            "",
            "listen_addresses = '127.0.0.1'",
            "port = " + local.port(),
            "unix_socket_directories = '" + local.dir() + "'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "max_connections = 200",
            "shared_buffers = 64MB",
            "log_min_messages = warning",
            "");
    Files.writeString(
        local.data().resolve("postgresql.conf"),
        settings,
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static String pgCtl(Local local) {
    return local.bin().resolve("pg_ctl").toString();
  }

  /**
   * Starts a command, as the postgres user when the JVM is root. Output goes to a log file in the
   * work directory (not a pipe: the server pg_ctl starts would inherit and hold it open).
   */
  private static Process run(Local local, List<String> command) {
    List<String> full = new ArrayList<>();
    if (local.asPostgresUser()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(local.dir().toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.appendTo(local.dir().resolve("tools.log").toFile()));
    // The locale of the JVM's environment must not leak into initdb's choice of collation.
    builder.environment().put("LC_ALL", "C");
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + full.get(0) + " (" + String.join(" ", full) + "): " + e.getMessage(), e);
    }
  }

  private static void awaitSuccess(Local local, List<String> command, String what) {
    Process process = run(local, command);
    try {
      if (!process.waitFor(START_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish; " + logs(local));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(what + " interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(what + " exited with " + process.exitValue() + "; " + logs(local));
    }
  }

  private static String logs(Local local) {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("tools.log", "postgres.log")) {
      Path log = local.dir().resolve(name);
      try {
        if (Files.exists(log)) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
          out.append(name).append(":\n")
              .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
              .append('\n');
        }
      } catch (IOException e) {
        out.append(name).append(": unreadable (").append(e.getMessage()).append(")\n");
      }
    }
    return out.toString();
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

  private static void deleteRecursively(Path dir) {
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
}
