package io.vigil.server.ha;

/**
 * What a feature does when the pair's state moves. Called on the cluster's thread; must not block
 * for long. A single server never calls these.
 */
public interface ClusterListener {

  /** This server has just become the leader: take over what the previous one left. */
  default void leadershipGained() {}

  /** The peer changed configuration in the shared database: drop what is cached from it. */
  default void sharedConfigChanged() {}

  /** Every couple of seconds: re-read state the peer may have changed (e.g. acknowledgements). */
  default void refreshSharedState() {}
}
