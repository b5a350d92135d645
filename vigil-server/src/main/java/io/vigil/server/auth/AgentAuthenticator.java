package io.vigil.server.auth;

import java.util.Optional;

/** Resolves a per-agent token (its SHA-256) to the agent; implemented by the inventory. */
public interface AgentAuthenticator {
  Optional<AgentPrincipal> authenticate(String tokenHash);
}
