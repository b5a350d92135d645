package io.vigil.server.ha;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Two servers watching together ({@code vigil.cluster.*}); unknown keys fail the start. Both
 * servers use one PostgreSQL config database and each its own metrics store.
 *
 * @param enabled false (the default): a single server, leader of itself
 * @param nodeName this server's name in the pair, e.g. {@code vigil-a}; shown in the UI and in the
 *     "monitoring server down" notification the other sends
 * @param peerUrl the other server's base URL, as this server reaches it
 * @param secret shared by both servers (at least 32 characters): signs heartbeats
 * @param heartbeat how often each server tells the other it is alive (at most 2 s)
 * @param peerTimeout silence after which the peer counts as down
 * @param leaseTime renewals of the leader's lease standing still this long hand it over
 * @param startupGrace how long a starting server waits for a peer it has never heard from before
 *     calling it down
 */
@ConfigurationProperties(prefix = "vigil.cluster", ignoreUnknownFields = false)
public record ClusterProperties(
    @DefaultValue("false") boolean enabled,
    String nodeName,
    URI peerUrl,
    String secret,
    @DefaultValue("1s") Duration heartbeat,
    @DefaultValue("5s") Duration peerTimeout,
    @DefaultValue("5s") Duration leaseTime,
    @DefaultValue("60s") Duration startupGrace) {

  static final int MIN_SECRET = 32;
  private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,62}");

  public ClusterProperties {
    if (enabled) {
      validate(nodeName, peerUrl, secret, heartbeat, peerTimeout, leaseTime, startupGrace);
    }
  }

  private static void validate(
      String nodeName,
      URI peerUrl,
      String secret,
      Duration heartbeat,
      Duration peerTimeout,
      Duration leaseTime,
      Duration startupGrace) {
    if (nodeName == null || !NODE_NAME.matcher(nodeName).matches()) {
      throw new IllegalArgumentException(
          "vigil.cluster.node-name must be 1..63 of a-z, 0-9, '.', '-' (starting with a letter or"
              + " digit)");
    }
    if (peerUrl == null
        || peerUrl.getHost() == null
        || !("http".equals(peerUrl.getScheme()) || "https".equals(peerUrl.getScheme()))) {
      throw new IllegalArgumentException(
          "vigil.cluster.peer-url must be the other server's http(s):// base URL");
    }
    if (secret == null || secret.strip().length() < MIN_SECRET) {
      throw new IllegalArgumentException(
          "vigil.cluster.secret must be at least "
              + MIN_SECRET
              + " characters, the same on both servers (e.g. openssl rand -base64 33)");
    }
    if (heartbeat.toMillis() < 100 || heartbeat.toMillis() > 2_000) {
      throw new IllegalArgumentException("vigil.cluster.heartbeat must be 100ms..2s");
    }
    if (peerTimeout.compareTo(heartbeat.multipliedBy(2)) < 0 || peerTimeout.toSeconds() > 60) {
      throw new IllegalArgumentException(
          "vigil.cluster.peer-timeout must be at least two heartbeats and at most 60s");
    }
    if (leaseTime.compareTo(heartbeat.multipliedBy(2)) < 0 || leaseTime.toSeconds() > 60) {
      throw new IllegalArgumentException(
          "vigil.cluster.lease-time must be at least two heartbeats and at most 60s");
    }
    if (startupGrace.compareTo(peerTimeout) < 0 || startupGrace.toMinutes() > 30) {
      throw new IllegalArgumentException(
          "vigil.cluster.startup-grace must be at least the peer timeout and at most 30m");
    }
  }
}
