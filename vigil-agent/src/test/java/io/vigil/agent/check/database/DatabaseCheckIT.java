package io.vigil.agent.check.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKindFixture;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.model.CheckStatus;
import io.vigil.testkit.MariaDbServer;
import io.vigil.testkit.PostgresServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code database} check kind against a real PostgreSQL and a real MariaDB, both started from
 * Debian's binaries by the test kit.
 */
class DatabaseCheckIT {

  @TempDir Path state;

  /** Where a server listens and who may log in. */
  private record Server(
      String driver, String host, int port, String database, String user, String password) {
    Map<String, String> params() {
      Map<String, String> p = new HashMap<>();
      p.put("driver", driver);
      p.put("host", host);
      p.put("port", Integer.toString(port));
      p.put("database", database);
      p.put("user", user);
      p.put("password", password);
      p.put("timeout", "10s");
      return p;
    }
  }

  private static Server postgres() {
    PostgresServer pg = PostgresServer.startOnce();
    URI uri = URI.create(pg.jdbcUrl().substring("jdbc:".length()));
    return new Server(
        "postgresql",
        uri.getHost(),
        uri.getPort() < 0 ? 5432 : uri.getPort(),
        uri.getPath().substring(1),
        pg.username(),
        pg.password());
  }

  private static Server mariadb() {
    MariaDbServer db = MariaDbServer.startOnce();
    return new Server("mariadb", db.host(), db.port(), db.database(), db.username(), db.password());
  }

  private CheckReport run(Map<String, String> params) throws Exception {
    CheckContext context = CheckKindFixture.context(state, List.of());
    try (RunnableCheck check = CheckKindFixture.create("database", "db", params, context)) {
      return check.run();
    }
  }

  @Test
  void postgresqlAnswersTheQueryAsExpected() throws Exception {
    assertAnswers(postgres(), "SELECT 'vigil-' || (40 + 2)");
  }

  @Test
  void mariadbAnswersTheQueryAsExpected() throws Exception {
    assertAnswers(mariadb(), "SELECT CONCAT('vigil-', 40 + 2)");
  }

  @Test
  void postgresqlWithAWrongPasswordIsCriticalWithoutShowingIt() throws Exception {
    assertWrongPasswordIsCritical(postgres(), "password authentication failed");
  }

  @Test
  void mariadbWithAWrongPasswordIsCriticalWithoutShowingIt() throws Exception {
    assertWrongPasswordIsCritical(mariadb(), "Access denied");
  }

  @Test
  void mysqlIsServedByTheMariadbDriverAndAClosedPortIsCritical() throws Exception {
    Server db = mariadb();
    Map<String, String> params = db.params();
    params.put("driver", "mysql");
    params.put("query", "SELECT 1");
    params.put("expect", "^1$");
    CheckReport ok = run(params);
    assertThat(ok.status()).as(ok.message()).isEqualTo(CheckStatus.OK);

    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    params.put("port", Integer.toString(closed));
    params.put("timeout", "2s");
    CheckReport report = run(params);
    assertThat(report.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(report.message())
        .startsWith("cannot connect to mariadb://vigil@127.0.0.1:" + closed + "/vigil_test: ");
    assertThat(report.metrics()).doesNotContainKey("connect_ms");
  }

  private void assertAnswers(Server db, String query) throws Exception {
    Map<String, String> params = db.params();
    params.put("query", query);
    params.put("expect", "^vigil-\\d+$");

    CheckReport ok = run(params);

    assertThat(ok.status()).as(ok.message()).isEqualTo(CheckStatus.OK);
    assertThat(ok.message())
        .startsWith("connected to " + db.driver() + "://" + db.user() + "@")
        .contains("the query returned 'vigil-42' in ");
    assertThat(ok.metrics()).containsKeys("connect_ms", "query_ms");
    assertThat(ok.metrics().get("connect_ms")).isPositive();

    params.put("expect", "^vigil-43$");
    CheckReport wrong = run(params);
    assertThat(wrong.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(wrong.message())
        .contains("the query returned 'vigil-42'")
        .endsWith(", expected /^vigil-43$/");

    params.put("query", "SELECT broken FROM nowhere");
    CheckReport failed = run(params);
    assertThat(failed.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(failed.message()).contains("; the query failed: ").containsIgnoringCase("nowhere");

    params.remove("query");
    params.remove("expect");
    CheckReport connectOnly = run(params);
    assertThat(connectOnly.status()).isEqualTo(CheckStatus.OK);
    assertThat(connectOnly.metrics()).containsKey("connect_ms").doesNotContainKey("query_ms");
  }

  private void assertWrongPasswordIsCritical(Server db, String driverSays) throws Exception {
    Map<String, String> params = db.params();
    String wrong = "wrong-" + db.password();
    params.put("password", wrong);
    params.put("query", "SELECT 1");

    CheckReport report = run(params);

    assertThat(report.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(report.message())
        .startsWith("cannot connect to " + db.driver() + "://" + db.user() + "@")
        .contains(driverSays)
        .doesNotContain(wrong)
        .doesNotContain(db.password());
  }
}
