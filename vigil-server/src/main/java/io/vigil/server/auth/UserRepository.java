package io.vigil.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

  /** A stored user, as authentication needs it. */
  record StoredUser(long id, String username, String passwordHash, Role role, boolean enabled) {}

  /** Everything about a user but the password hash. */
  record UserRow(
      long id,
      String username,
      Role role,
      boolean enabled,
      boolean allHosts,
      List<Long> groupIds,
      String language,
      String timeZone,
      Long lockedUntil,
      int failedLogins,
      Long lastLoginAt,
      long createdAt) {}

  /** The settable fields of a user. */
  record UserFields(
      String username,
      Role role,
      boolean enabled,
      boolean allHosts,
      String language,
      String timeZone) {}

  private static final String SELECT =
      "SELECT id, username, role, enabled, all_hosts, language, time_zone, locked_until,"
          + " failed_logins, last_login_at, created_at FROM users";

  private final JdbcClient jdbc;

  UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
  }

  Optional<StoredUser> findByUsername(String username) {
    return jdbc.sql(
            "SELECT id, username, password_hash, role, enabled FROM users WHERE username = ?")
        .param(username)
        .query(UserRepository::storedUser)
        .optional();
  }

  Optional<StoredUser> findById(long id) {
    return jdbc.sql("SELECT id, username, password_hash, role, enabled FROM users WHERE id = ?")
        .param(id)
        .query(UserRepository::storedUser)
        .optional();
  }

  private static StoredUser storedUser(ResultSet rs, int row) throws SQLException {
    return new StoredUser(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("password_hash"),
        Role.valueOf(rs.getString("role")),
        rs.getBoolean("enabled"));
  }

  List<UserRow> list() {
    List<UserRow> rows = jdbc.sql(SELECT + " ORDER BY username").query(this::mapRow).list();
    return rows;
  }

  Optional<UserRow> row(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::mapRow).optional();
  }

  Optional<UserRow> rowByUsername(String username) {
    return jdbc.sql(SELECT + " WHERE username = ?").param(username).query(this::mapRow).optional();
  }

  private UserRow mapRow(ResultSet rs, int n) throws SQLException {
    long id = rs.getLong("id");
    return new UserRow(
        id,
        rs.getString("username"),
        Role.valueOf(rs.getString("role")),
        rs.getBoolean("enabled"),
        rs.getBoolean("all_hosts"),
        groupIds(id),
        rs.getString("language"),
        rs.getString("time_zone"),
        millis(rs, "locked_until"),
        rs.getInt("failed_logins"),
        millis(rs, "last_login_at"),
        millis(rs, "created_at"));
  }

  private static Long millis(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant().toEpochMilli();
  }

  List<Long> groupIds(long userId) {
    return jdbc.sql("SELECT group_id FROM user_host_groups WHERE user_id = ? ORDER BY group_id")
        .param(userId)
        .query(Long.class)
        .list();
  }

  /** Which of {@code ids} are existing host groups. */
  List<Long> existingGroups(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT id FROM host_groups WHERE id IN (:ids)")
        .param("ids", ids)
        .query(Long.class)
        .list();
  }

  void insert(String username, String passwordHash, Role role) {
    jdbc.sql(
            "INSERT INTO users (username, password_hash, role, enabled, created_at,"
                + " password_changed_at) VALUES (?, ?, ?, TRUE, ?, ?)")
        .params(username, passwordHash, role.name(), now(), now())
        .update();
  }

  long insert(UserFields user, String passwordHash) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO users (username, password_hash, role, enabled, all_hosts, language,"
                + " time_zone, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            user.username(),
            passwordHash,
            user.role().name(),
            user.enabled(),
            user.allHosts(),
            user.language(),
            user.timeZone(),
            now(),
            now())
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  void update(long id, UserFields user) {
    jdbc.sql(
            "UPDATE users SET username = ?, role = ?, enabled = ?, all_hosts = ?, language = ?,"
                + " time_zone = ? WHERE id = ?")
        .params(
            user.username(),
            user.role().name(),
            user.enabled(),
            user.allHosts(),
            user.language(),
            user.timeZone(),
            id)
        .update();
  }

  void setGroups(long userId, Collection<Long> groupIds) {
    jdbc.sql("DELETE FROM user_host_groups WHERE user_id = ?").param(userId).update();
    for (long group : groupIds) {
      jdbc.sql("INSERT INTO user_host_groups (user_id, group_id) VALUES (?, ?)")
          .params(userId, group)
          .update();
    }
  }

  void setPassword(long id, String passwordHash) {
    jdbc.sql("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?")
        .params(passwordHash, now(), id)
        .update();
  }

  void setPreferences(long id, String language, String timeZone) {
    jdbc.sql("UPDATE users SET language = ?, time_zone = ? WHERE id = ?")
        .params(language, timeZone, id)
        .update();
  }

  boolean delete(long id) {
    return jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update() == 1;
  }

  long enabledAdmins() {
    return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = 'ADMIN' AND enabled = TRUE")
        .query(Long.class)
        .single();
  }

  /** Counts a failed login; returns the new count. */
  int recordFailure(long id) {
    jdbc.sql("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?").param(id).update();
    return jdbc.sql("SELECT failed_logins FROM users WHERE id = ?")
        .param(id)
        .query(Integer.class)
        .single();
  }

  void lock(long id, Instant until) {
    jdbc.sql("UPDATE users SET locked_until = ?, failed_logins = 0 WHERE id = ?")
        .params(OffsetDateTime.ofInstant(until, ZoneOffset.UTC), id)
        .update();
  }

  void unlock(long id) {
    jdbc.sql("UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE id = ?")
        .param(id)
        .update();
  }

  void recordLogin(long id) {
    jdbc.sql(
            "UPDATE users SET locked_until = NULL, failed_logins = 0, last_login_at = ?"
                + " WHERE id = ?")
        .params(now(), id)
        .update();
  }

  Optional<Instant> lockedUntil(long id) {
    return jdbc.sql("SELECT locked_until FROM users WHERE id = ?")
        .param(id)
        .query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
        .optional()
        .flatMap(time -> time)
        .map(OffsetDateTime::toInstant);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
