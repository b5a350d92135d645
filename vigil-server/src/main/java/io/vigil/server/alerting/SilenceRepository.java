package io.vigil.server.alerting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code silences} table. */
@Repository
class SilenceRepository {

  private static final String SELECT =
      "SELECT id, host_key, rule_name, severity_at_most, starts_at, ends_at, comment, created_by,"
          + " created_at FROM silences";

  private final JdbcClient jdbc;

  SilenceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(Silence silence) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO silences (host_key, rule_name, severity_at_most, starts_at, ends_at,"
                + " comment, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            silence.host(),
            silence.rule(),
            ProblemQuery.name(silence.severityAtMost()),
            silence.startsAt(),
            silence.endsAt(),
            silence.comment(),
            silence.createdBy(),
            silence.createdAt())
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  /** Newest first; expired ones too when {@code activeOnly} is false. */
  List<Silence> findAll(boolean activeOnly, long now) {
    if (activeOnly) {
      return active(now);
    }
    return jdbc.sql(SELECT + " ORDER BY id DESC").query(SilenceRepository::row).list();
  }

  /** The silences in force at {@code now}. */
  List<Silence> active(long now) {
    return jdbc.sql(SELECT + " WHERE starts_at <= ? AND ends_at > ? ORDER BY id DESC")
        .params(now, now)
        .query(SilenceRepository::row)
        .list();
  }

  Optional<Silence> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(SilenceRepository::row).optional();
  }

  /** Ends the silence at {@code now} (if it had not ended already). */
  void expire(long id, long now) {
    jdbc.sql(
            "UPDATE silences SET ends_at = ?, starts_at = CASE WHEN starts_at > ? THEN ? ELSE"
                + " starts_at END WHERE id = ? AND ends_at > ?")
        .params(now, now, now, id, now)
        .update();
  }

  private static Silence row(ResultSet rs, int n) throws SQLException {
    return new Silence(
        rs.getLong("id"),
        rs.getString("host_key"),
        rs.getString("rule_name"),
        ProblemQuery.severity("severity_at_most", rs.getString("severity_at_most")),
        rs.getLong("starts_at"),
        rs.getLong("ends_at"),
        rs.getString("comment"),
        rs.getString("created_by"),
        rs.getLong("created_at"));
  }
}
