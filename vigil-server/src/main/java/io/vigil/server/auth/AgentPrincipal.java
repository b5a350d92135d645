package io.vigil.server.auth;

/**
 * An authenticated agent: which enrolment it is and which host its data belongs to.
 *
 * @param agentId the agent row's id
 * @param hostId the host's database id
 * @param hostKey the host's key, the {@code host} tag of its data
 */
public record AgentPrincipal(String agentId, long hostId, String hostKey) {}
