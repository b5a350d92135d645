package io.vigil.server.inventory;

import io.vigil.server.auth.AgentPrincipal;
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

  Optional<AgentPrincipal> findActiveByTokenHash(String tokenHash) {
    return jdbc.sql(
            "SELECT a.id, a.host_id, h.host_key FROM agents a JOIN hosts h ON h.id = a.host_id"
                + " WHERE a.token_hash = ? AND a.revoked = FALSE")
        .param(tokenHash)
        .query(
            (rs, n) ->
                new AgentPrincipal(
                    rs.getString("id"), rs.getLong("host_id"), rs.getString("host_key")))
        .optional();
  }

  /** Revokes every active agent of the host; returns the token hashes that stopped working. */
  java.util.List<String> revokeAllOfHost(long hostId) {
    java.util.List<String> hashes =
        jdbc.sql("SELECT token_hash FROM agents WHERE host_id = ? AND revoked = FALSE")
            .param(hostId)
            .query(String.class)
            .list();
    jdbc.sql("UPDATE agents SET revoked = TRUE WHERE host_id = ?").param(hostId).update();
    return hashes;
  }

  void insert(String agentId, long hostId, String tokenHash) {
    jdbc.sql(
            "INSERT INTO agents (id, host_id, token_hash, enrolled_at, revoked, last_ack_seq)"
                + " VALUES (?, ?, ?, ?, FALSE, 0)")
        .params(agentId, hostId, tokenHash, HostRepository.now())
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
