package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerIT {

  @Test
  void theSharedServerAnswersSelectVersionInDatabaseVigilTest() throws SQLException {
    PostgresServer pg = PostgresServer.startOnce();

    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
        Statement s = c.createStatement()) {
      assertThat(query(s, "select version()")).startsWith("PostgreSQL ");
      if (pg.isPrivate()) {
        assertThat(pg.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/vigil_test");
        assertThat(query(s, "select current_database()")).isEqualTo("vigil_test");
        assertThat(query(s, "select current_user")).isEqualTo("vigil");
        assertThat(query(s, "show fsync")).isEqualTo("off");
        assertThat(query(s, "show listen_addresses")).isEqualTo("127.0.0.1");
      }
    }
    assertThat(PostgresServer.startOnce()).isSameAs(pg);
  }

  @Test
  void theGeneratedPasswordIsRequired() {
    PostgresServer pg = PostgresServer.startOnce();

    assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl(), pg.username(), "wrong"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("password authentication failed");
  }

  @Test
  void aCreatedDatabaseIsEmptyAndSeparate() throws SQLException {
    PostgresServer pg = PostgresServer.startOnce();
    try (Connection c = pg.connect();
        Statement s = c.createStatement()) {
      s.execute("create table if not exists marker (id int)");
    }

    String blank = pg.createDatabase();

    try (Connection c = DriverManager.getConnection(blank, pg.username(), pg.password());
        Statement s = c.createStatement()) {
      assertThat(
              query(
                  s,
                  "select count(*) from information_schema.tables where table_schema = 'public'"))
          .isEqualTo("0");
    }
  }

  @Test
  void aPrivateServerIsGoneAfterClose() throws SQLException {
    String url;
    String user;
    String password;
    try (PostgresServer pg = PostgresServer.start()) {
      url = pg.jdbcUrl();
      user = pg.username();
      password = pg.password();
      try (Connection c = pg.connect();
          Statement s = c.createStatement()) {
        assertThat(query(s, "select 1")).isEqualTo("1");
      }
      if (!pg.isPrivate()) {
        return; // an external server is not ours to stop
      }
    }

    assertThatThrownBy(() -> DriverManager.getConnection(url, user, password))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Connection")
        .hasMessageContaining("refused");
  }

  @Test
  void anExternalServerIsTakenFromTheEnvironmentAndLeftAlone() {
    PostgresServer external =
        PostgresServer.start(
            Map.of(
                "VIGIL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:1/elsewhere",
                "VIGIL_TEST_PG_USER", "alice",
                "VIGIL_TEST_PG_PASSWORD", "secret"));

    assertThat(external.isPrivate()).isFalse();
    assertThat(external.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:1/elsewhere");
    assertThat(external.username()).isEqualTo("alice");
    assertThat(external.password()).isEqualTo("secret");
    external.close(); // nothing to stop, nothing thrown
    assertThat(PostgresServer.withDatabase("jdbc:postgresql://h:5/a?ssl=true", "b"))
        .isEqualTo("jdbc:postgresql://h:5/b?ssl=true");
    assertThatThrownBy(() -> PostgresServer.start(Map.of("VIGIL_TEST_PG_URL", "postgres://h/db")))
        .hasMessageContaining("must be a JDBC URL");
  }

  @Test
  void missingBinariesFailNamingThePackageToInstall(@TempDir Path empty) throws IOException {
    assertThatThrownBy(() -> PostgresServerCluster.newestBinaries(empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("initdb, pg_ctl")
        .hasMessageContaining("apt-get install -y postgresql");

    for (String version : new String[] {"9.6", "15", "13"}) {
      Path bin = Files.createDirectories(empty.resolve(version).resolve("bin"));
      for (String tool : new String[] {"initdb", "pg_ctl"}) {
        Files.createFile(
            bin.resolve(tool),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      }
    }
    assertThat(PostgresServerCluster.newestBinaries(empty)).isEqualTo(empty.resolve("15/bin"));
  }

  private static String query(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
