package io.vigil.model;

/**
 * The server's answer to a batch.
 *
 * @param ackSequence the highest sequence durably stored for this agent; the agent may delete every
 *     spooled batch up to it
 * @param configVersion the agent's current configuration version; when it differs from the one the
 *     agent holds, the agent fetches {@link AgentConfig}
 * @param rotateToken optional, {@code true} when an admin asked this agent to rotate its token
 *     ({@code POST /api/v1/agent/rotate-token}); absent (null) otherwise, so older agents and
 *     servers interoperate
 */
public record IngestAck(long ackSequence, long configVersion, Boolean rotateToken) {

  /** An ack without a rotation request. */
  public IngestAck(long ackSequence, long configVersion) {
    this(ackSequence, configVersion, null);
  }

  /** Whether the server asks the agent to rotate its token now. */
  public boolean rotateTokenRequested() {
    return Boolean.TRUE.equals(rotateToken);
  }
}
