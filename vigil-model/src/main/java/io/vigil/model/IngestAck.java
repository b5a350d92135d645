package io.vigil.model;

/**
 * The server's answer to a batch.
 *
 * @param ackSequence the highest sequence durably stored for this agent; the agent may delete every
 *     spooled batch up to it
 * @param configVersion the agent's current configuration version; when it differs from the one the
 *     agent holds, the agent fetches {@link AgentConfig}
 */
public record IngestAck(long ackSequence, long configVersion) {}
