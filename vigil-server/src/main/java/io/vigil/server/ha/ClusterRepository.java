package io.vigil.server.ha;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one row of table {@code cluster}: the leader's lease and the configuration generation. */
@Repository
class ClusterRepository implements LeaderLease.Store {

  /** The lease as read: who holds it and how often it was renewed. */
  record Lease(String leader, long renewals, long leaderSince) {}

  private final JdbcClient jdbc;

  ClusterRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Lease lease() {
    return jdbc.sql("SELECT leader, renewals, leader_since FROM cluster WHERE id = 1")
        .query((rs, n) -> new Lease(rs.getString(1), rs.getLong(2), rs.getLong(3)))
        .single();
  }

  /** Renews the lease this node holds; false when it does not hold it (any more). */
  @Override
  public boolean renew(String node) {
    return jdbc.sql("UPDATE cluster SET renewals = renewals + 1 WHERE id = 1 AND leader = ?")
            .param(node)
            .update()
        == 1;
  }

  /**
   * Takes the lease over when it still stands where it was observed: compare-and-set on the renewal
   * count, so of two nodes trying at once one wins.
   */
  @Override
  public boolean takeOver(String node, long observedRenewals, long now) {
    return jdbc.sql(
                "UPDATE cluster SET leader = ?, renewals = renewals + 1, leader_since = ?"
                    + " WHERE id = 1 AND renewals = ?")
            .params(node, now, observedRenewals)
            .update()
        == 1;
  }

  /** Gives the lease up (a clean stop), so the peer takes over at its next heartbeat. */
  void release(String node) {
    jdbc.sql(
            "UPDATE cluster SET leader = NULL, renewals = renewals + 1 WHERE id = 1 AND leader = ?")
        .param(node)
        .update();
  }

  long configGeneration() {
    return jdbc.sql("SELECT config_generation FROM cluster WHERE id = 1")
        .query(Long.class)
        .single();
  }

  void raiseConfigGeneration() {
    jdbc.sql("UPDATE cluster SET config_generation = config_generation + 1 WHERE id = 1").update();
  }
}
