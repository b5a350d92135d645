package io.vigil.server.alerting;

import io.vigil.model.CheckStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether a host is down. A host with an agent is down when the agent was silent for two of its
 * shortest enabled item interval; an agentless host (whose checks the server runs) when the latest
 * result of every one of its enabled checks that has reported is CRITICAL; an agentless host
 * without check results (its data pushed by Telegraf or Glances) by silence, as an agent.
 */
final class HostDownWatch {

  /** Silent for this many of the shortest interval means down. */
  static final int SILENT_INTERVALS = 2;

  private final Map<String, CheckStatus> latest = new HashMap<>();

  /** Notes the latest result of a check item of an agentless host. */
  void result(String item, CheckStatus status) {
    latest.put(item, status);
  }

  /**
   * @param lastSeen epoch millis of the agent's last batch, or null when it never reported
   * @param shortestIntervalSeconds the shortest enabled item interval, or 0 when it has none
   */
  static boolean agentSilent(Long lastSeen, long now, int shortestIntervalSeconds) {
    if (lastSeen == null || shortestIntervalSeconds <= 0) {
      return false;
    }
    return now - lastSeen > SILENT_INTERVALS * 1000L * shortestIntervalSeconds;
  }

  /** Every configured check that reported is CRITICAL (and at least one did). */
  boolean allChecksCritical(Set<String> configuredItems) {
    latest.keySet().retainAll(configuredItems);
    if (latest.isEmpty()) {
      return false;
    }
    for (CheckStatus status : latest.values()) {
      if (status != CheckStatus.CRITICAL) {
        return false;
      }
    }
    return true;
  }

  /** How many checks reported. */
  int reported() {
    return latest.size();
  }
}
