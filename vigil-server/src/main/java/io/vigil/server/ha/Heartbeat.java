package io.vigil.server.ha;

/**
 * What one server tells the other every heartbeat, and answers with its own.
 *
 * @param node the sender's node name
 * @param startedAt when the sender's process started (epoch ms); with {@code counter} it orders
 *     heartbeats, so a recorded one replayed later is refused
 * @param counter raised by one per heartbeat since the start
 * @param leader whether the sender leads now
 * @param version the sender's Vigil version
 * @param secretsKey a fingerprint of the sender's secrets key: both must decrypt the same stored
 *     secrets
 */
record Heartbeat(
    String node, long startedAt, long counter, boolean leader, String version, String secretsKey) {

  /** Whether this heartbeat comes after {@code previous} from the same node (or there is none). */
  boolean after(Heartbeat previous) {
    if (previous == null || !previous.node().equals(node)) {
      return true;
    }
    return startedAt > previous.startedAt()
        || (startedAt == previous.startedAt() && counter > previous.counter());
  }
}
