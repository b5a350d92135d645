package io.vigil.server.inventory;

import io.vigil.server.auth.AgentPrincipal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AgentRepository {

  private final JdbcClient jdbc;
  private final org.springframework.jdbc.core.JdbcTemplate batch;

  AgentRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** An active agent by its current token, or by its previous token while within its grace. */
  Optional<TokenMatch> findActiveByTokenHash(String tokenHash) {
    return jdbc
        .sql(
            "SELECT a.id, a.host_id, h.host_key, a.token_hash, a.previous_expires_at FROM agents a"
                + " JOIN hosts h ON h.id = a.host_id WHERE a.revoked = FALSE AND (a.token_hash = ?"
                + " OR (a.previous_token_hash = ? AND a.previous_expires_at > ?))")
        .params(tokenHash, tokenHash, HostRepository.now())
        .query(
            (rs, n) -> {
              AgentPrincipal agent =
                  new AgentPrincipal(
                      rs.getString("id"), rs.getLong("host_id"), rs.getString("host_key"));
              boolean current = tokenHash.equals(rs.getString("token_hash"));
              OffsetDateTime expires = rs.getObject("previous_expires_at", OffsetDateTime.class);
              return new TokenMatch(agent, current ? null : expires.toInstant());
            })
        // list(), not stream(): an unclosed query stream keeps its pooled connection.
        .list()
        .stream()
        .findFirst();
  }

  /** A token lookup: {@code expiresAt} is null for a current token, the grace end otherwise. */
  record TokenMatch(AgentPrincipal agent, Instant expiresAt) {}

  /** One enrolment of a host, as the API shows it (never the token). */
  record AgentRow(
      String agentId,
      Instant enrolledAt,
      boolean revoked,
      long lastAckSeq,
      boolean rotateRequested,
      Instant rotatedAt,
      String tokenHash,
      String previousTokenHash) {}

  List<AgentRow> ofHost(long hostId) {
    return jdbc.sql(
            "SELECT id, enrolled_at, revoked, last_ack_seq, rotate_requested, rotated_at,"
                + " token_hash, previous_token_hash FROM agents WHERE host_id = ?"
                + " ORDER BY enrolled_at, id")
        .param(hostId)
        .query(
            (rs, n) ->
                new AgentRow(
                    rs.getString("id"),
                    instant(rs.getObject("enrolled_at", OffsetDateTime.class)),
                    rs.getBoolean("revoked"),
                    rs.getLong("last_ack_seq"),
                    rs.getBoolean("rotate_requested"),
                    instant(rs.getObject("rotated_at", OffsetDateTime.class)),
                    rs.getString("token_hash"),
                    rs.getString("previous_token_hash")))
        .list();
  }

  Optional<AgentRow> ofHost(long hostId, String agentId) {
    return ofHost(hostId).stream().filter(a -> a.agentId().equals(agentId)).findFirst();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /** Revokes one agent; true when it was active. */
  boolean revoke(String agentId) {
    return jdbc.sql("UPDATE agents SET revoked = TRUE WHERE id = ? AND revoked = FALSE")
            .param(agentId)
            .update()
        > 0;
  }

  void requestRotation(String agentId) {
    jdbc.sql("UPDATE agents SET rotate_requested = TRUE WHERE id = ?").param(agentId).update();
  }

  boolean rotationRequested(String agentId) {
    return jdbc.sql("SELECT rotate_requested FROM agents WHERE id = ?")
        .param(agentId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /**
   * Makes {@code newHash} the agent's token; {@code keptHash} (the token the agent called with)
   * keeps working until {@code graceEnd}. Any other token stops working.
   */
  boolean rotate(String agentId, String keptHash, String newHash, Instant graceEnd) {
    return jdbc.sql(
                "UPDATE agents SET previous_token_hash = ?, previous_expires_at = ?,"
                    + " token_hash = ?, rotate_requested = FALSE, rotated_at = ?"
                    + " WHERE id = ? AND revoked = FALSE")
            .params(
                keptHash,
                OffsetDateTime.ofInstant(graceEnd, ZoneOffset.UTC),
                newHash,
                HostRepository.now(),
                agentId)
            .update()
        > 0;
  }

  /**
   * Revokes the host's agents enrolled through {@code node} (null: a single server), the tokens a
   * new enrolment through the same server replaces; returns their token hashes.
   */
  java.util.List<String> revokeAllOfHost(long hostId, String node) {
    java.util.List<String> hashes = new java.util.ArrayList<>();
    String sameNode = node == null ? " AND enrolled_node IS NULL" : " AND enrolled_node = ?";
    java.util.List<Object> params =
        node == null ? java.util.List.of(hostId) : java.util.List.of(hostId, node);
    jdbc.sql(
            "SELECT token_hash, previous_token_hash FROM agents WHERE host_id = ?"
                + sameNode
                + " AND revoked = FALSE")
        .params(params)
        .query(
            rs -> {
              hashes.add(rs.getString(1));
              if (rs.getString(2) != null) {
                hashes.add(rs.getString(2));
              }
            });
    jdbc.sql("UPDATE agents SET revoked = TRUE WHERE host_id = ?" + sameNode)
        .params(params)
        .update();
    return hashes;
  }

  void insert(String agentId, long hostId, String tokenHash, String node) {
    jdbc.sql(
            "INSERT INTO agents (id, host_id, token_hash, enrolled_at, revoked, last_ack_seq,"
                + " enrolled_node) VALUES (?, ?, ?, ?, FALSE, 0, ?)")
        .params(agentId, hostId, tokenHash, HostRepository.now(), node)
        .update();
  }

  long lastAck(String agentId) {
    return jdbc.sql("SELECT last_ack_seq FROM agents WHERE id = ?")
        .param(agentId)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  /** One JDBC batch, as for last-seen times. */
  void saveAcks(Map<String, Long> ackByAgent) {
    java.util.List<Object[]> rows = new java.util.ArrayList<>(ackByAgent.size());
    ackByAgent.forEach((agentId, seq) -> rows.add(new Object[] {seq, agentId, seq}));
    batch.batchUpdate("UPDATE agents SET last_ack_seq = ? WHERE id = ? AND last_ack_seq < ?", rows);
  }
}
