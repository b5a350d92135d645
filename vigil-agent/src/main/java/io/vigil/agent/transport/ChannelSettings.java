package io.vigil.agent.transport;

import io.vigil.agent.spool.Spool;
import java.time.Duration;

/**
 * Tuning of one server channel.
 *
 * @param spoolMaxBytes disk budget of the spool; the oldest batches go first when it is exceeded
 * @param spoolMaxAge batches older than this are dropped (oldest first) and counted
 * @param maxRejected how many refused batches are kept in {@code spool/rejected/} for diagnosis
 * @param backoffBase first retry delay after a failure
 * @param backoffCap longest retry delay
 * @param connectTimeout TCP connect timeout
 * @param readTimeout how long to wait for an answer (the server acks only once data is durable)
 * @param heartbeatInterval after this long without sending, an empty re-send of the last sequence
 *     asks the server for the config version (the agent's push interval)
 */
public record ChannelSettings(
    long spoolMaxBytes,
    Duration spoolMaxAge,
    int maxRejected,
    Duration backoffBase,
    Duration backoffCap,
    Duration connectTimeout,
    Duration readTimeout,
    Duration heartbeatInterval) {

  public static ChannelSettings defaults(long spoolMaxBytes, Duration heartbeatInterval) {
    return defaults(spoolMaxBytes, Spool.DEFAULT_MAX_AGE, heartbeatInterval);
  }

  public static ChannelSettings defaults(
      long spoolMaxBytes, Duration spoolMaxAge, Duration heartbeatInterval) {
    return new ChannelSettings(
        spoolMaxBytes,
        spoolMaxAge,
        100,
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        heartbeatInterval);
  }
}
