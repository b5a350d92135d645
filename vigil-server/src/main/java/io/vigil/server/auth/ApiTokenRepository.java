package io.vigil.server.auth;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokenRepository {

  /** What a user sees of a token: never the secret. */
  record TokenInfo(long id, String name, long createdAt, Long lastUsedAt) {}

  private final JdbcClient jdbc;

  ApiTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(long userId, String name, String tokenHash) {
    org.springframework.jdbc.support.GeneratedKeyHolder keys =
        new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)")
        .params(userId, name, tokenHash, OffsetDateTime.now(ZoneOffset.UTC))
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  Optional<Long> userIdForHash(String tokenHash) {
    return jdbc.sql("SELECT user_id FROM api_tokens WHERE token_hash = ?")
        .param(tokenHash)
        .query(Long.class)
        .optional();
  }

  void touch(String tokenHash) {
    jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?")
        .params(OffsetDateTime.now(ZoneOffset.UTC), tokenHash)
        .update();
  }

  List<TokenInfo> listForUser(long userId) {
    return jdbc.sql(
            "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = ? ORDER BY id")
        .param(userId)
        .query(
            (rs, n) ->
                new TokenInfo(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant().toEpochMilli(),
                    Optional.ofNullable(rs.getObject("last_used_at", OffsetDateTime.class))
                        .map(time -> time.toInstant().toEpochMilli())
                        .orElse(null)))
        .list();
  }

  boolean delete(long userId, long tokenId) {
    return jdbc.sql("DELETE FROM api_tokens WHERE id = ? AND user_id = ?")
            .params(tokenId, userId)
            .update()
        == 1;
  }
}
