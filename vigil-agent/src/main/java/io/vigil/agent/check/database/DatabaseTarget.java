package io.vigil.agent.check.database;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What a {@link DatabaseCheck} connects to and asks.
 *
 * @param engine the JDBC driver family
 * @param host a name or address literal
 * @param port 1..65535
 * @param database the database to connect to, or null for the driver's default
 * @param user the user, or null for the driver's default
 * @param password the password, or null; never shown anywhere
 * @param query a query whose first column of the first row is checked, or null to only connect
 * @param expect searched in that value ({@link java.util.regex.Matcher#find()}); null accepts any
 * @param timeout connect, login, socket reads and the query must each end within it
 */
record DatabaseTarget(
    Engine engine,
    String host,
    int port,
    String database,
    String user,
    String password,
    String query,
    Pattern expect,
    Duration timeout) {

  /** The JDBC drivers the agent ships, loaded only when a database item runs. */
  enum Engine {
    POSTGRESQL("postgresql", "org.postgresql.Driver", 5432),
    MARIADB("mariadb", "org.mariadb.jdbc.Driver", 3306);

    final String label;
    final String driverClass;
    final int defaultPort;

    Engine(String label, String driverClass, int defaultPort) {
      this.label = label;
      this.driverClass = driverClass;
      this.defaultPort = defaultPort;
    }
  }

  DatabaseTarget {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
  }

  String jdbcUrl() {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    String db = database == null ? "" : database;
    return switch (engine) {
      case POSTGRESQL -> "jdbc:postgresql://" + h + ":" + port + "/" + db;
      case MARIADB -> "jdbc:mariadb://" + h + ":" + port + "/" + db;
    };
  }

  /** Where, for messages: never the password. */
  String describe() {
    return engine.label
        + "://"
        + (user == null ? "" : user + "@")
        + host
        + ":"
        + port
        + (database == null ? "" : "/" + database);
  }

  /** Driver properties: credentials and every timeout the driver has. */
  Properties properties() {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    long millis = Math.max(1, timeout.toMillis());
    String seconds = Long.toString(Math.max(1, (millis + 999) / 1000));
    switch (engine) {
      case POSTGRESQL -> {
        p.setProperty("connectTimeout", seconds);
        p.setProperty("loginTimeout", seconds);
        p.setProperty("socketTimeout", seconds);
        p.setProperty("ApplicationName", "vigil-agent");
        p.setProperty("tcpKeepAlive", "false");
      }
      case MARIADB -> {
        p.setProperty("connectTimeout", Long.toString(millis));
        p.setProperty("socketTimeout", Long.toString(millis));
      }
    }
    return p;
  }

  int timeoutSeconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
  }

  @Override
  public String toString() {
    return describe(); // not the password
  }
}
