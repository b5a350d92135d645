package io.vigil.server.ha;

import io.vigil.model.Severity;
import io.vigil.server.alerting.ProblemSignal;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the peer's silence into a problem "Monitoring server down", which the leader writes and
 * notifies like any other (routes by severity, SMS and e-mail), and resolves when the peer is heard
 * again (the recovery notification). The problem's host is the peer's address as configured, so the
 * same problem resolves whatever the peer calls itself. Signals only changes; after this server
 * becomes leader the first judgement signals either way, so a problem the previous leader left is
 * confirmed or resolved.
 */
final class PeerDownJudge {

  /** Problems of the pair carry this rule id (no alert rule has one below 1). */
  static final long RULE_ID = -1;

  static final String RULE_NAME = "Monitoring server down";

  private final String peerKey;
  private final String self;
  private final long timeoutMillis;
  private final long startupGraceMillis;
  private Boolean signalledDown;

  PeerDownJudge(String peerKey, String self, long timeoutMillis, long startupGraceMillis) {
    this.peerKey = peerKey;
    this.self = self;
    this.timeoutMillis = timeoutMillis;
    this.startupGraceMillis = startupGraceMillis;
  }

  /** Forget what was signalled: the next judgement as leader signals the state it finds. */
  void reset() {
    signalledDown = null;
  }

  /**
   * @param silentMillis since the peer was last heard, or since this server started when it never
   *     was
   * @param everHeard whether the peer was heard since this server started
   * @param peerName what the peer calls itself, when known
   */
  Optional<ProblemSignal> judge(
      boolean leader, long silentMillis, boolean everHeard, String peerName, long nowMillis) {
    if (!leader) {
      signalledDown = null;
      return Optional.empty();
    }
    boolean down = silentMillis > (everHeard ? timeoutMillis : startupGraceMillis);
    if (signalledDown != null && signalledDown == down) {
      return Optional.empty();
    }
    signalledDown = down;
    String name = peerName == null ? peerKey : peerName + " (" + peerKey + ")";
    String text =
        down
            ? "Monitoring server "
                + name
                + (everHeard
                    ? " has not answered for " + silentMillis / 1000 + " s"
                    : " has not been heard from since " + self + " started")
                + "; "
                + self
                + " carries on alone"
            : "Monitoring server " + name + " answers again";
    return Optional.of(
        new ProblemSignal(
            RULE_ID,
            RULE_NAME,
            peerKey,
            Map.of(),
            down ? Severity.CRITICAL : null,
            silentMillis / 1000.0,
            text,
            nowMillis));
  }
}
