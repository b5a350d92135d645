package io.vigil.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who changed what and when, with the value before and after. Callers pass values with secrets
 * already masked; the actor is the authenticated user of the current request ({@code system} for
 * changes the server makes itself, such as seeding the shipped templates).
 */
@Service
public class AuditLog {

  /** The actions an entry may record. */
  public static final Set<String> ACTIONS =
      Set.of("create", "update", "delete", "attach", "detach");

  /** Above this size a value is recorded as a note instead of in full. */
  static final int MAX_JSON = 500_000;

  /** One audit entry as the API shows it. */
  public record Entry(
      long id,
      long at,
      String actor,
      String action,
      String targetType,
      String target,
      @JsonProperty("old") JsonNode oldValue,
      @JsonProperty("new") JsonNode newValue) {}

  private final JdbcClient jdbc;
  private final JsonMapper json = JsonMapper.builder().build();

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a change in the caller's transaction, if any, so that it is kept exactly when the
   * change is.
   */
  public void record(
      String action, String targetType, String target, Object oldValue, Object newValue) {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("unknown audit action " + action);
    }
    jdbc.sql(
            "INSERT INTO audit_log (at, actor, action, target_type, target, old_json, new_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            OffsetDateTime.now(ZoneOffset.UTC),
            actor(),
            action,
            targetType,
            truncate(target, 400),
            toJson(oldValue),
            toJson(newValue))
        .update();
  }

  /** Newest first, at most {@code limit}, only entries older than {@code before} when given. */
  public List<Entry> list(int limit, Long before) {
    String sql =
        "SELECT id, at, actor, action, target_type, target, old_json, new_json FROM audit_log"
            + (before == null ? "" : " WHERE id < ?")
            + " ORDER BY id DESC LIMIT "
            + limit;
    JdbcClient.StatementSpec spec = jdbc.sql(sql);
    if (before != null) {
      spec = spec.param(before);
    }
    return spec.query(this::entry).list();
  }

  static String actor() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
      return "system";
    }
    if (auth.getPrincipal() instanceof VigilUser user) {
      return truncate(user.username(), 64);
    }
    return truncate(auth.getName(), 64);
  }

  private String toJson(Object value) {
    if (value == null) {
      return null;
    }
    String text = json.writeValueAsString(value);
    if (text.length() > MAX_JSON) {
      return "{\"truncated\":true,\"length\":" + text.length() + "}";
    }
    return text;
  }

  private Entry entry(ResultSet rs, int n) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getObject("at", OffsetDateTime.class).toInstant().toEpochMilli(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("target_type"),
        rs.getString("target"),
        tree(rs.getString("old_json")),
        tree(rs.getString("new_json")));
  }

  private JsonNode tree(String text) {
    return text == null ? null : json.readTree(text);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
