package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The private PostgreSQL of {@link PostgresServer}: a fresh cluster from Debian's binaries ({@code
 * /usr/lib/postgresql/<newest>/bin}) in a temporary directory, listening on a free loopback port
 * only, with a superuser protected by a generated password and fsync off. PostgreSQL refuses to run
 * as root, so a root JVM runs it as the {@code postgres} system user (created by the Debian
 * package). Closing stops it and deletes the directory.
 *
 * @param dir the temporary directory: cluster in {@code data/}, socket, logs
 * @param bin the PostgreSQL binaries
 * @param asPostgresUser whether commands run through {@code runuser -u postgres}
 * @param port the TCP port on 127.0.0.1
 * @param password the superuser's password
 */
record PostgresServerCluster(Path dir, Path bin, boolean asPostgresUser, int port, String password)
    implements AutoCloseable {

  private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
  private static final String INSTALL_HINT =
      "install the server: apt-get install -y postgresql (or set VIGIL_TEST_PG_URL,"
          + " VIGIL_TEST_PG_USER and VIGIL_TEST_PG_PASSWORD to use a running server)";
  private static final long START_TIMEOUT_SECONDS = 60;

  Path data() {
    return dir.resolve("data");
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() {
    stopAndDelete(this);
  }

  @Override
  public String toString() {
    return "PostgresServerCluster[" + dir + ", port " + port + "]"; // not the password
  }

  /** Starts a cluster whose superuser is {@code user}, with an empty {@code database}. */
  static PostgresServerCluster start(String user, String database) {
    Path bin = newestBinaries(DEBIAN_VERSIONS);
    boolean asPostgres = PeerProcesses.runningAsRoot();
    Path dir = createWorkDir(asPostgres);
    String password = PeerProcesses.generatePassword();
    PostgresServerCluster cluster = new PostgresServerCluster(dir, bin, asPostgres, 0, password);
    try {
      Path passwordFile = dir.resolve("pwfile");
      Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
      handOver(passwordFile, asPostgres);
      awaitSuccess(
          cluster,
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              cluster.data().toString(),
              "-U",
              user,
              "--pwfile=" + passwordFile,
              "--auth-host=scram-sha-256",
              "--auth-local=trust",
              "-E",
              "UTF8",
              "--no-locale",
              "--no-sync"),
          "initdb");
      Files.delete(passwordFile);

      // A port found free may be taken before postgres binds it; try again with another.
      IllegalStateException lastFailure = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        cluster =
            new PostgresServerCluster(
                dir, bin, asPostgres, PeerProcesses.freeLoopbackPort(), password);
        configure(cluster);
        try {
          awaitSuccess(
              cluster,
              List.of(
                  pgCtl(cluster),
                  "start",
                  "-D",
                  cluster.data().toString(),
                  "-l",
                  dir.resolve("postgres.log").toString(),
                  "-w",
                  "-t",
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
      try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"), user, password);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      }
      return cluster;
    } catch (IOException | SQLException | RuntimeException e) {
      stopAndDelete(cluster);
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

  /**
   * The temporary directory holding the cluster and its socket. Run as {@code postgres}, every
   * ancestor must be searchable by others, which a private {@code java.io.tmpdir} (say under /root)
   * is not; /tmp always is.
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
    if (asPostgres) {
      PeerProcesses.handOver(path, "postgres", INSTALL_HINT);
    }
  }

  private static void configure(PostgresServerCluster local) throws IOException {
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
        StandardOpenOption.APPEND);
  }

  private static String pgCtl(PostgresServerCluster local) {
    return local.bin().resolve("pg_ctl").toString();
  }

  /**
   * Starts a command, as the postgres user when the JVM is root. Output goes to a log file in the
   * work directory (not a pipe: the server pg_ctl starts would inherit and hold it open).
   */
  private static Process run(PostgresServerCluster local, List<String> command) {
    return PeerProcesses.start(
        command,
        local.asPostgresUser() ? "postgres" : null,
        local.dir(),
        local.dir().resolve("tools.log"),
        INSTALL_HINT);
  }

  private static void awaitSuccess(PostgresServerCluster local, List<String> command, String what) {
    PeerProcesses.awaitSuccess(
        run(local, command),
        START_TIMEOUT_SECONDS + 10,
        what,
        () -> PeerProcesses.tails(local.dir(), List.of("tools.log", "postgres.log")));
  }

  private static void stopAndDelete(PostgresServerCluster local) {
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
      PeerProcesses.deleteRecursively(local.dir());
    }
  }

  private static List<String> stopCommand(PostgresServerCluster local, String mode) {
    return List.of(
        pgCtl(local), "stop", "-D", local.data().toString(), "-m", mode, "-w", "-t", "30");
  }
}
