package io.vigil.server.alerting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code alert_rules} table; each rule is kept whole as its API JSON. */
@Repository
class RuleRepository {

  private static final String SELECT = "SELECT id, enabled, name, definition_json FROM alert_rules";

  private final JdbcClient jdbc;

  RuleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<AlertRule> findAll() {
    return jdbc.sql(SELECT + " ORDER BY id").query(RuleRepository::row).list();
  }

  Optional<AlertRule> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(RuleRepository::row).optional();
  }

  boolean nameExists(String name) {
    return jdbc.sql("SELECT COUNT(*) FROM alert_rules WHERE name = ?")
            .param(name)
            .query(Long.class)
            .single()
        > 0;
  }

  long insert(AlertRule rule) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO alert_rules (name, enabled, kind, scope_type, scope_value, measurement,"
                + " field, definition_json, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            rule.name(),
            rule.enabled(),
            rule.kind().wire(),
            rule.scope().type(),
            rule.scope().value(),
            rule.measurement(),
            rule.field(),
            json(rule),
            now,
            now)
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  void update(AlertRule rule) {
    jdbc.sql(
            "UPDATE alert_rules SET name = ?, enabled = ?, kind = ?, scope_type = ?,"
                + " scope_value = ?, measurement = ?, field = ?, definition_json = ?,"
                + " updated_at = ? WHERE id = ?")
        .params(
            rule.name(),
            rule.enabled(),
            rule.kind().wire(),
            rule.scope().type(),
            rule.scope().value(),
            rule.measurement(),
            rule.field(),
            json(rule),
            OffsetDateTime.now(ZoneOffset.UTC),
            rule.id())
        .update();
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM alert_rules WHERE id = ?").param(id).update();
  }

  private static String json(AlertRule rule) {
    return RuleJson.JSON.writeValueAsString(RuleJson.view(rule));
  }

  private static AlertRule row(ResultSet rs, int n) throws SQLException {
    AlertRule rule = RuleJson.parse(RuleJson.JSON.readTree(rs.getString("definition_json")));
    return rule.withId(rs.getLong("id"));
  }
}
