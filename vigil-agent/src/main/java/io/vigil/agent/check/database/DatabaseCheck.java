package io.vigil.agent.check.database;

import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.model.CheckStatus;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Connects to a database over JDBC and optionally runs a query whose first column of the first row
 * must match a regex.
 *
 * <p>Metrics: {@code connect_ms} (connect and log in), {@code query_ms}. Status: CRITICAL when the
 * connection, the login or the query fails (with the driver's message, never the password) or the
 * value does not match (the message says what came back); OK otherwise. The driver class is loaded
 * on the first run, so an agent without database items never loads a JDBC driver.
 */
final class DatabaseCheck implements RunnableCheck {

  static final int MAX_VALUE_SHOWN = 200;

  private final DatabaseTarget target;
  private Driver driver;

  DatabaseCheck(DatabaseTarget target) {
    this.target = target;
  }

  @Override
  public CheckReport run() throws ReflectiveOperationException {
    if (driver == null) {
      driver =
          (Driver)
              Class.forName(target.engine().driverClass, true, DatabaseCheck.class.getClassLoader())
                  .getDeclaredConstructor()
                  .newInstance();
    }
    Map<String, Double> metrics = new TreeMap<>();
    long started = System.nanoTime();
    Connection connection;
    try {
      connection = driver.connect(target.jdbcUrl(), target.properties());
    } catch (SQLException e) {
      return critical("cannot connect to " + target.describe() + ": " + describe(e), metrics);
    }
    if (connection == null) {
      return new CheckReport(
          CheckStatus.UNKNOWN,
          "the " + target.engine().label + " driver does not accept " + target.jdbcUrl(),
          metrics,
          List.of());
    }
    CheckReport report;
    try {
      double connectMs = millisSince(started);
      metrics.put("connect_ms", connectMs);
      String connected =
          "connected to " + target.describe() + " in " + Math.round(connectMs) + " ms";
      report =
          target.query() == null
              ? new CheckReport(CheckStatus.OK, connected, metrics, List.of())
              : query(connection, connected, metrics);
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // The outcome is decided; a failing close says nothing about the database.
      }
    }
    return report;
  }

  private CheckReport query(Connection connection, String connected, Map<String, Double> metrics) {
    long started = System.nanoTime();
    String value;
    boolean hasRow;
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(target.timeoutSeconds());
      statement.setMaxRows(1);
      try (ResultSet rows = statement.executeQuery(target.query())) {
        hasRow = rows.next();
        value = hasRow ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      return critical(connected + "; the query failed: " + describe(e), metrics);
    }
    double queryMs = millisSince(started);
    metrics.put("query_ms", queryMs);
    String shown = !hasRow ? "no rows" : value == null ? "NULL" : "'" + cut(value) + "'";
    String ran = connected + "; the query returned " + shown + " in " + Math.round(queryMs) + " ms";
    if (target.expect() != null && (value == null || !target.expect().matcher(value).find())) {
      return critical(ran + ", expected /" + target.expect().pattern() + "/", metrics);
    }
    return new CheckReport(CheckStatus.OK, ran, metrics, List.of());
  }

  private CheckReport critical(String message, Map<String, Double> metrics) {
    return new CheckReport(CheckStatus.CRITICAL, scrub(message), metrics, List.of());
  }

  /** The driver's message, with the SQL state; the password is blanked should a driver echo it. */
  private String describe(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String state = e.getSQLState();
    return scrub(message.strip()) + (state == null ? "" : " (SQL state " + state + ")");
  }

  private String scrub(String text) {
    String password = target.password();
    if (password == null || password.length() < 4) {
      return text;
    }
    return text.replace(password, "******");
  }

  private static String cut(String value) {
    String oneLine = value.replaceAll("[\\r\\n]+", " ");
    return oneLine.length() > MAX_VALUE_SHOWN
        ? oneLine.substring(0, MAX_VALUE_SHOWN) + "…"
        : oneLine;
  }

  private static double millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000.0;
  }
}
