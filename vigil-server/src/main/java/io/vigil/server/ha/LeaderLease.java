package io.vigil.server.ha;

/**
 * Decides, once per heartbeat, whether this node leads. The leader renews the lease in the shared
 * database; the other node watches the renewal count and takes the lease over when it has stood
 * still for the lease time by the watcher's own clock (so clock skew does not matter). The leader
 * counts itself leader only while its last renewal is younger than the lease time minus one
 * heartbeat, so it steps down before the other can take over, also when the database is unreachable
 * from it alone. Not thread-safe: the cluster's thread owns it.
 */
final class LeaderLease {

  /** What the lease needs from the database. */
  interface Store {
    ClusterRepository.Lease lease();

    boolean renew(String node);

    boolean takeOver(String node, long observedRenewals, long nowMillis);
  }

  private final Store store;
  private final String node;
  private final long leaseNanos;
  private final long marginNanos;
  private long observedRenewals = Long.MIN_VALUE;
  private long observedAtNanos;
  private volatile long renewedAtNanos;
  private volatile boolean holding;
  private volatile String leader;

  LeaderLease(Store store, String node, long leaseNanos, long heartbeatNanos) {
    this.store = store;
    this.node = node;
    this.leaseNanos = leaseNanos;
    this.marginNanos = heartbeatNanos;
  }

  /**
   * One turn: renew or watch (and maybe take over).
   *
   * @return true when this turn made this node the leader (it was not before)
   */
  boolean tick(long nowNanos, long nowMillis) {
    boolean before = isLeader(nowNanos);
    ClusterRepository.Lease lease = store.lease();
    leader = lease.leader();
    if (node.equals(lease.leader())) {
      if (store.renew(node)) {
        renewed(nowNanos);
      } else {
        holding = false;
      }
    } else {
      holding = false;
      if (lease.renewals() != observedRenewals) {
        observedRenewals = lease.renewals();
        observedAtNanos = nowNanos;
      }
      boolean vacant = lease.leader() == null;
      if ((vacant || nowNanos - observedAtNanos >= leaseNanos)
          && store.takeOver(node, observedRenewals, nowMillis)) {
        leader = node;
        renewed(nowNanos);
      }
    }
    return !before && isLeader(nowNanos);
  }

  private void renewed(long nowNanos) {
    renewedAtNanos = nowNanos;
    holding = true;
  }

  /** Whether this node may act as leader now. */
  boolean isLeader(long nowNanos) {
    return holding && nowNanos - renewedAtNanos < leaseNanos - marginNanos;
  }

  /** The leader as last read from the database (null when nobody holds the lease). */
  String leader() {
    return leader;
  }
}
