package io.vigil.server.auth;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class IngestTokenRepository {

  /** What an admin sees of an ingest token: never the secret or its hash. */
  record TokenInfo(
      long id,
      String name,
      Long groupId,
      String groupName,
      String createdBy,
      long createdAt,
      Long lastUsedAt,
      boolean revoked) {}

  private static final String SELECT =
      "SELECT t.id, t.name, t.group_id, g.name AS group_name, t.created_by, t.created_at,"
          + " t.last_used_at, t.revoked FROM ingest_tokens t"
          + " LEFT JOIN host_groups g ON g.id = t.group_id";

  private final JdbcClient jdbc;

  IngestTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String name, String tokenHash, Long groupId, String createdBy) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO ingest_tokens (name, token_hash, group_id, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(name, tokenHash, groupId, createdBy, OffsetDateTime.now(ZoneOffset.UTC))
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  boolean groupExists(long groupId) {
    return jdbc.sql("SELECT COUNT(*) FROM host_groups WHERE id = ?")
            .param(groupId)
            .query(Long.class)
            .single()
        > 0;
  }

  Optional<IngestPrincipal> findActive(String tokenHash) {
    return jdbc.sql(
            "SELECT id, name, group_id FROM ingest_tokens WHERE token_hash = ? AND NOT revoked")
        .param(tokenHash)
        .query(
            (rs, n) ->
                new IngestPrincipal(
                    rs.getLong("id"), rs.getString("name"), rs.getObject("group_id", Long.class)))
        .optional();
  }

  List<TokenInfo> list() {
    return jdbc.sql(SELECT + " ORDER BY t.id").query(this::row).list();
  }

  Optional<TokenInfo> find(long id) {
    return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(this::row).optional();
  }

  boolean revoke(long id) {
    return jdbc.sql("UPDATE ingest_tokens SET revoked = TRUE WHERE id = ? AND NOT revoked")
            .param(id)
            .update()
        == 1;
  }

  void touch(long id, OffsetDateTime at) {
    jdbc.sql("UPDATE ingest_tokens SET last_used_at = ? WHERE id = ?").params(at, id).update();
  }

  private TokenInfo row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    OffsetDateTime used = rs.getObject("last_used_at", OffsetDateTime.class);
    return new TokenInfo(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getObject("group_id", Long.class),
        rs.getString("group_name"),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant().toEpochMilli(),
        used == null ? null : used.toInstant().toEpochMilli(),
        rs.getBoolean("revoked"));
  }
}
