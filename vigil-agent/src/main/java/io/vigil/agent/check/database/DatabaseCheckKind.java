package io.vigil.agent.check.database;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKind;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.agent.check.database.DatabaseTarget.Engine;
import io.vigil.checks.CheckParams;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code database}: a {@link DatabaseCheck} against PostgreSQL or MariaDB/MySQL. */
public final class DatabaseCheckKind implements CheckKind {

  private static final Set<String> PARAMS =
      Set.of(
          "driver", "host", "port", "database", "user", "password", "query", "expect", "timeout");
  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,64}");

  @Override
  public String kind() {
    return "database";
  }

  @Override
  public Set<String> paramNames() {
    return PARAMS;
  }

  @Override
  public Set<String> secretParams() {
    return Set.of("password");
  }

  @Override
  public RunnableCheck create(String item, CheckParams p, CheckContext context) {
    Engine engine =
        switch (p.requiredString("driver").strip().toLowerCase(Locale.ROOT)) {
          case "postgresql", "postgres" -> Engine.POSTGRESQL;
          case "mariadb", "mysql" -> Engine.MARIADB;
          default -> throw p.invalid("driver", "must be postgresql, mariadb or mysql");
        };
    String database = p.has("database") ? p.string("database", null).strip() : null;
    if (database != null && !DATABASE_NAME.matcher(database).matches()) {
      throw p.invalid("database", "must be a plain database name (letters, digits, _ $ . -)");
    }
    DatabaseTarget target =
        new DatabaseTarget(
            engine,
            p.string("host", "127.0.0.1").strip(),
            p.integer("port", engine.defaultPort, 1, 65535),
            database,
            p.has("user") ? p.string("user", null).strip() : null,
            p.string("password", null),
            p.has("query") ? p.string("query", null).strip() : null,
            p.regex("expect"),
            p.duration("timeout", java.time.Duration.ofSeconds(10)));
    return new DatabaseCheck(target);
  }
}
