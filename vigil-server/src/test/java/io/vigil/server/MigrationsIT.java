package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration schema migrates on H2 (demo) and on a real PostgreSQL server (production). */
class MigrationsIT {

  static final List<String> TABLES =
      List.of(
          "users",
          "api_tokens",
          "enrolment_tokens",
          "hosts",
          "agents",
          "weblog_samples",
          "ingest_tokens");

  @Test
  void migrationsRunOnH2(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("config") + ";DB_CLOSE_ON_EXIT=FALSE";
    assertMigrates(url, "vigil", "");
  }

  @Test
  void migrationsRunOnPostgreSql() throws Exception {
    PostgresServer postgres = PostgresServer.startOnce();
    String database = postgres.createDatabase();
    assertMigrates(database, postgres.username(), postgres.password());
  }

  @Test
  void theServerRunsOnPostgreSqlEndToEnd(@TempDir Path dataDir) {
    PostgresServer postgres = PostgresServer.startOnce();
    String database = postgres.createDatabase();
    try (VigilServer server =
        VigilServer.builder()
            .dataDir(dataDir)
            .configDatabase(database, postgres.username(), postgres.password())
            .start()) {
      ProtocolAgent agent =
          ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "pg-host");
      assertThat(
              agent
                  .send(1, ProtocolAgent.cpuPoints(System.currentTimeMillis() - 10_000, 5))
                  .status())
          .isEqualTo(200);

      ApiClient admin = new ApiClient(server.baseUri());
      assertThat(admin.login("admin", server.generatedAdminPassword().orElseThrow()).status())
          .isEqualTo(200);
      assertThat(admin.get("/api/v1/hosts").json().get(0).get("key").asText()).isEqualTo("pg-host");
    }
  }

  private static void assertMigrates(String url, String user, String password) throws Exception {
    Flyway flyway =
        Flyway.configure()
            .dataSource(url, user, password)
            .locations("classpath:db/migration")
            .load();
    MigrateResult first = flyway.migrate();
    assertThat(first.success).isTrue();
    assertThat(first.migrationsExecuted).isPositive();
    assertThat(flyway.migrate().migrationsExecuted).as("a second run has nothing to do").isZero();
    assertThat(tables(url, user, password)).containsAll(TABLES);
  }

  private static List<String> tables(String url, String user, String password) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url, user, password);
        ResultSet rs =
            connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
      }
    }
    return names;
  }
}
