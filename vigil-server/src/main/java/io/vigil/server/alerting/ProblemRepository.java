package io.vigil.server.alerting;

import io.vigil.model.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code problems} and {@code problem_events} tables. */
@Repository
class ProblemRepository {

  /** One history entry of a problem as the API shows it. */
  record ProblemEvent(long at, String type, String user, String comment, String severity) {}

  private static final String SELECT =
      "SELECT id, rule_id, rule_name, host_key, series, severity, status, opened_at, updated_at,"
          + " acknowledged_at, acknowledged_by, ack_comment, resolved_at, closed_at, closed_by,"
          + " close_reason, text, value_num, suppressed FROM problems";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, String>> SERIES =
      new TypeReference<>() {};

  private final JdbcClient jdbc;

  ProblemRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts an open problem for {@code signal} and returns its id. */
  long insert(ProblemSignal signal, String suppressed, long at) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO problems (rule_id, rule_name, host_key, series, severity, status,"
                + " opened_at, updated_at, text, value_num, suppressed, active_key)"
                + " VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)")
        .params(
            signal.ruleId(),
            truncate(signal.ruleName(), 100),
            signal.hostKey(),
            seriesJson(signal.series()),
            ProblemQuery.name(signal.severity()),
            at,
            at,
            truncate(signal.text(), 1000),
            finite(signal.value()),
            suppressed,
            activeKey(signal.ruleId(), signal.hostKey(), signal.series()))
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  void changeSeverity(long id, ProblemSignal signal, String suppressed, long at) {
    jdbc.sql(
            "UPDATE problems SET severity = ?, text = ?, value_num = ?, suppressed = ?,"
                + " updated_at = ? WHERE id = ?")
        .params(
            ProblemQuery.name(signal.severity()),
            truncate(signal.text(), 1000),
            finite(signal.value()),
            suppressed,
            at,
            id)
        .update();
  }

  void resolve(long id, long at) {
    jdbc.sql(
            "UPDATE problems SET status = 'resolved', resolved_at = ?, updated_at = ?,"
                + " active_key = NULL WHERE id = ?")
        .params(at, at, id)
        .update();
  }

  void acknowledge(long id, String user, String comment, long at) {
    jdbc.sql(
            "UPDATE problems SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?,"
                + " ack_comment = ?, updated_at = ? WHERE id = ?")
        .params(at, user, comment, at, id)
        .update();
  }

  void close(long id, String user, String reason, long at) {
    jdbc.sql(
            "UPDATE problems SET status = 'closed', closed_at = ?, closed_by = ?, close_reason = ?,"
                + " updated_at = ?, active_key = NULL WHERE id = ?")
        .params(at, user, reason, at, id)
        .update();
  }

  void touch(long id, long at) {
    jdbc.sql("UPDATE problems SET updated_at = ? WHERE id = ?").params(at, id).update();
  }

  void event(long problemId, long at, String type, String user, String comment, Severity sev) {
    jdbc.sql(
            "INSERT INTO problem_events (problem_id, at, type, user_name, comment, severity)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
        .params(problemId, at, type, user, comment, ProblemQuery.name(sev))
        .update();
  }

  Optional<StoredProblem> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(ProblemRepository::row).optional();
  }

  List<ProblemEvent> events(long problemId) {
    return jdbc.sql(
            "SELECT at, type, user_name, comment, severity FROM problem_events"
                + " WHERE problem_id = ? ORDER BY id")
        .param(problemId)
        .query(
            (rs, n) ->
                new ProblemEvent(
                    rs.getLong("at"),
                    rs.getString("type"),
                    rs.getString("user_name"),
                    rs.getString("comment"),
                    rs.getString("severity")))
        .list();
  }

  /** Open and acknowledged problems, for the in-memory view at start-up. */
  List<StoredProblem> active() {
    return jdbc.sql(SELECT + " WHERE status IN ('open', 'acknowledged') ORDER BY id")
        .query(ProblemRepository::row)
        .list();
  }

  /** Problems matching {@code query}, newest first. */
  List<StoredProblem> search(ProblemQuery query) {
    StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if ("active".equals(query.status())) {
      sql.append(" AND status IN ('open', 'acknowledged')");
    } else if (query.status() != null) {
      sql.append(" AND status = ?");
      params.add(query.status());
    }
    if (query.host() != null) {
      sql.append(" AND host_key = ?");
      params.add(query.host());
    }
    if (query.group() != null) {
      sql.append(
          " AND host_key IN (SELECT h.host_key FROM hosts h JOIN host_group_members m"
              + " ON m.host_id = h.id JOIN host_groups g ON g.id = m.group_id WHERE g.name = ?)");
      params.add(query.group());
    }
    if (query.severity() != null) {
      List<String> names = new ArrayList<>();
      for (Severity s : Severity.values()) {
        if (s.atLeast(query.severity())) {
          names.add("'" + ProblemQuery.name(s) + "'");
        }
      }
      sql.append(" AND severity IN (").append(String.join(", ", names)).append(')');
    }
    if (query.q() != null && !query.q().isBlank()) {
      String like = "%" + escapeLike(query.q().strip().toLowerCase(Locale.ROOT)) + "%";
      sql.append(
          " AND (LOWER(text) LIKE ? ESCAPE '!' OR LOWER(rule_name) LIKE ? ESCAPE '!'"
              + " OR LOWER(host_key) LIKE ? ESCAPE '!')");
      params.add(like);
      params.add(like);
      params.add(like);
    }
    if (query.from() != null) {
      sql.append(
          " AND (COALESCE(resolved_at, closed_at) IS NULL OR COALESCE(resolved_at, closed_at) >= ?)");
      params.add(query.from());
    }
    if (query.to() != null) {
      sql.append(" AND opened_at <= ?");
      params.add(query.to());
    }
    if (query.before() != null) {
      sql.append(" AND id < ?");
      params.add(query.before());
    }
    sql.append(" ORDER BY id DESC LIMIT ").append(query.limit());
    return jdbc.sql(sql.toString()).params(params).query(ProblemRepository::row).list();
  }

  /** Host key → names of the groups it belongs to. */
  Map<String, List<String>> groupsByHost() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT h.host_key, g.name FROM hosts h JOIN host_group_members m ON m.host_id = h.id"
                + " JOIN host_groups g ON g.id = m.group_id ORDER BY g.name")
        .query(
            (ResultSet rs) -> {
              groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            });
    return groups;
  }

  /** Names of the groups {@code hostKey} belongs to. */
  List<String> groupsOf(String hostKey) {
    return jdbc.sql(
            "SELECT g.name FROM hosts h JOIN host_group_members m ON m.host_id = h.id"
                + " JOIN host_groups g ON g.id = m.group_id WHERE h.host_key = ?")
        .param(hostKey)
        .query(String.class)
        .list();
  }

  static String seriesJson(Map<String, String> series) {
    return JSON.writeValueAsString(new TreeMap<>(series));
  }

  /** SHA-256 of (rule, host, series): unique among active problems. */
  static String activeKey(long ruleId, String hostKey, Map<String, String> series) {
    String key = ruleId + "\u0000" + hostKey + "\u0000" + seriesJson(series);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static StoredProblem row(ResultSet rs, int n) throws SQLException {
    double value = rs.getDouble("value_num");
    if (rs.wasNull()) {
      value = Double.NaN;
    }
    Problem problem =
        new Problem(
            rs.getLong("id"),
            rs.getLong("rule_id"),
            rs.getString("rule_name"),
            rs.getString("host_key"),
            JSON.readValue(rs.getString("series"), SERIES),
            Severity.valueOf(rs.getString("severity").toUpperCase(Locale.ROOT)),
            Problem.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
            rs.getLong("opened_at"),
            rs.getObject("resolved_at", Long.class),
            rs.getString("text"),
            value,
            rs.getString("suppressed"),
            rs.getString("acknowledged_by"),
            rs.getString("ack_comment"));
    return new StoredProblem(
        problem,
        rs.getLong("updated_at"),
        rs.getObject("acknowledged_at", Long.class),
        rs.getObject("closed_at", Long.class),
        rs.getString("closed_by"),
        rs.getString("close_reason"));
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
