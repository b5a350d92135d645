package io.vigil.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL server for integration tests.
 *
 * <p>With {@code VIGIL_TEST_PG_URL} (a {@code jdbc:postgresql:} URL), {@code VIGIL_TEST_PG_USER}
 * and {@code VIGIL_TEST_PG_PASSWORD} set, that external server is used and left alone on close.
 * Otherwise a private server is started from Debian's binaries (see {@link PostgresServerCluster}):
 * loopback only, superuser {@code vigil} with a generated password, fsync off, database {@code
 * vigil_test}; closing stops it and deletes its directory. A root JVM runs it as the {@code
 * postgres} system user, since PostgreSQL refuses to run as root.
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

  private static PostgresServer shared;

  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final PostgresServerCluster local; // null for an external server: not ours to stop

  private PostgresServer(
      String jdbcUrl, String username, String password, PostgresServerCluster local) {
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
    PostgresServerCluster cluster = PostgresServerCluster.start(USER, DATABASE);
    return new PostgresServer(cluster.jdbcUrl(DATABASE), USER, cluster.password(), cluster);
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
   * Creates an empty database with a unique name and returns its JDBC URL, so that a migration test
   * starts from nothing regardless of what other tests left behind.
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
      local.close();
    }
  }

  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl + (local == null ? ", external]" : ", private]");
  }
}
