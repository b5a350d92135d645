package io.vigil.server.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Remembers which shipped things (rules, templates) were created once, each kind in its own {@code
 * seeded_*} table, so one the operator edited or deleted is never created again.
 */
@Component
public class SeedLedger {

  /** A kind of shipped thing and the table that remembers it. */
  public enum Kind {
    RULE("seeded_rules"),
    TEMPLATE("seeded_templates"),
    DASHBOARD("seeded_dashboards");

    private final String table;

    Kind(String table) {
      this.table = table;
    }
  }

  private final JdbcClient jdbc;

  public SeedLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Marks the shipped {@code name} as seeded; false when it was seeded before. */
  public boolean markSeeded(Kind kind, String name) {
    boolean before =
        jdbc.sql("SELECT COUNT(*) FROM " + kind.table + " WHERE name = ?")
                .param(name)
                .query(Long.class)
                .single()
            > 0;
    if (before) {
      return false;
    }
    jdbc.sql("INSERT INTO " + kind.table + " (name, seeded_at) VALUES (?, ?)")
        .params(name, OffsetDateTime.now(ZoneOffset.UTC))
        .update();
    return true;
  }
}
