package io.vigil.server.alerting;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** What the evaluator needs to know of hosts; cheap enough to ask per sample. */
interface HostLookup {

  /**
   * A host.
   *
   * @param groups the names of its host groups
   * @param cpus its logical CPUs (1 when unknown), for per-CPU thresholds
   */
  record Host(long id, String key, boolean agentless, Set<String> groups, int cpus) {}

  /** The host with this key, or null when unknown (yet). */
  Host host(String key);

  /** Every known host. */
  Collection<Host> hosts();

  /** The host's enabled items and their intervals in seconds (item key → interval). */
  Map<String, Integer> enabledIntervals(long hostId);

  /** Epoch millis of the host's last batch, or null. */
  Long lastSeen(String hostKey);
}
