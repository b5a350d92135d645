package io.vigil.server.auth;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokenRepository {

  /** What a user sees of a token: never the secret. */
  record TokenInfo(long id, String name, long createdAt, Long lastUsedAt) {}

  private static final long TOUCH_INTERVAL_MILLIS = 60_000;

  private final JdbcClient jdbc;

  /** When each token's use was last written (only tokens that authenticated get here). */
  private final Map<String, Long> touchedAt = new ConcurrentHashMap<>();

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

  /**
   * Records a use, at most once a minute per token: a script polling through a token wrote a row
   * per request before (a write transaction in every dashboard query).
   */
  void touch(String tokenHash) {
    long now = System.currentTimeMillis();
    Long last = touchedAt.get(tokenHash);
    if (last != null && now - last < TOUCH_INTERVAL_MILLIS) {
      return;
    }
    touchedAt.put(tokenHash, now);
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
