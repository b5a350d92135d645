package io.vigil.server.inventory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class EnrolmentTokenRepository {

  /** What an admin sees of an enrolment token: never the secret. */
  record EnrolmentTokenInfo(
      long id, String name, long createdAt, Long expiresAt, boolean revoked) {}

  private final JdbcClient jdbc;

  EnrolmentTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long count() {
    return jdbc.sql("SELECT COUNT(*) FROM enrolment_tokens").query(Long.class).single();
  }

  long insert(String name, String tokenHash, Instant expiresAt) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO enrolment_tokens (name, token_hash, created_at, expires_at, revoked)"
                + " VALUES (?, ?, ?, ?, FALSE)")
        .params(
            name,
            tokenHash,
            HostRepository.now(),
            expiresAt == null
                ? null
                : OffsetDateTime.ofInstant(expiresAt, java.time.ZoneOffset.UTC))
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  boolean isValid(String tokenHash, Instant now) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM enrolment_tokens WHERE token_hash = ? AND revoked = FALSE"
                    + " AND (expires_at IS NULL OR expires_at > ?)")
            .params(tokenHash, OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
            .query(Long.class)
            .single()
        > 0;
  }

  List<EnrolmentTokenInfo> list() {
    return jdbc.sql(
            "SELECT id, name, created_at, expires_at, revoked FROM enrolment_tokens ORDER BY id")
        .query(
            (rs, n) -> {
              OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
              return new EnrolmentTokenInfo(
                  rs.getLong("id"),
                  rs.getString("name"),
                  rs.getObject("created_at", OffsetDateTime.class).toInstant().toEpochMilli(),
                  expires == null ? null : expires.toInstant().toEpochMilli(),
                  rs.getBoolean("revoked"));
            })
        .list();
  }

  boolean revoke(long id) {
    return jdbc.sql("UPDATE enrolment_tokens SET revoked = TRUE WHERE id = ?").param(id).update()
        == 1;
  }
}
