package io.vigil.server.auth;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

  /** A stored user. */
  record StoredUser(long id, String username, String passwordHash, Role role, boolean enabled) {}

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

  private static StoredUser storedUser(java.sql.ResultSet rs, int row)
      throws java.sql.SQLException {
    return new StoredUser(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("password_hash"),
        Role.valueOf(rs.getString("role")),
        rs.getBoolean("enabled"));
  }

  void insert(String username, String passwordHash, Role role) {
    jdbc.sql(
            "INSERT INTO users (username, password_hash, role, enabled, created_at)"
                + " VALUES (?, ?, ?, TRUE, ?)")
        .params(username, passwordHash, role.name(), OffsetDateTime.now())
        .update();
  }
}
