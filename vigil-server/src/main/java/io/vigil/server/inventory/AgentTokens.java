package io.vigil.server.inventory;

import io.vigil.server.auth.AgentPrincipal;
import io.vigil.server.auth.AuditLog;
import io.vigil.server.auth.SecretTokens;
import io.vigil.server.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-agent tokens after enrolment: listing, revocation and rotation. Rotation is started by an
 * admin (the next ingest ack asks the agent to rotate) and done by the agent itself, which trades
 * its current token for a new one; the token it called with keeps working for a grace period, so an
 * agent that crashes before saving the new token is not locked out.
 */
@Service
public class AgentTokens {

  private static final Logger log = LoggerFactory.getLogger(AgentTokens.class);

  /** One enrolment as the API shows it: never the token or its hash. */
  public record AgentView(
      String agentId,
      long enrolledAt,
      boolean revoked,
      Long lastSeenAt,
      long lastAckSeq,
      boolean rotateRequested,
      Long rotatedAt) {}

  private final AgentRepository agents;
  private final AgentRegistry registry;
  private final AuditLog audit;
  private final Duration grace;

  AgentTokens(
      AgentRepository agents,
      AgentRegistry registry,
      AuditLog audit,
      @Value("${vigil.agents.rotation-grace:10m}") Duration grace) {
    this.agents = agents;
    this.registry = registry;
    this.audit = audit;
    this.grace = grace;
  }

  long graceSeconds() {
    return grace.toSeconds();
  }

  List<AgentView> list(long hostId) {
    return agents.ofHost(hostId).stream().map(this::view).toList();
  }

  private AgentView view(AgentRepository.AgentRow row) {
    Instant seen = registry.lastSeen(row.agentId());
    return new AgentView(
        row.agentId(),
        row.enrolledAt().toEpochMilli(),
        row.revoked(),
        seen == null ? null : seen.toEpochMilli(),
        Math.max(row.lastAckSeq(), row.revoked() ? 0 : registry.lastAck(row.agentId())),
        row.rotateRequested(),
        row.rotatedAt() == null ? null : row.rotatedAt().toEpochMilli());
  }

  /** Revokes one agent's token (and any previous token in its grace period) at once. */
  @Transactional
  AgentView revoke(long hostId, String hostKey, String agentId) {
    AgentRepository.AgentRow row = find(hostId, hostKey, agentId);
    if (agents.revoke(agentId)) {
      audit.record("update", "agent", hostKey + "/" + agentId, state(row, false), state(row, true));
      log.info("Agent {} of host {} revoked", agentId, hostKey);
    }
    registry.evict(row.tokenHash(), row.previousTokenHash());
    registry.rotationRequested(agentId, false);
    return view(agents.ofHost(hostId, agentId).orElseThrow());
  }

  /** Asks the agent to rotate its token; its next ingest ack carries {@code rotateToken}. */
  @Transactional
  AgentView requestRotation(long hostId, String hostKey, String agentId) {
    AgentRepository.AgentRow row = find(hostId, hostKey, agentId);
    if (row.revoked()) {
      throw new ApiException(HttpStatus.CONFLICT, "revoked", "agent " + agentId + " is revoked");
    }
    agents.requestRotation(agentId);
    registry.rotationRequested(agentId, true);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("rotateRequested", true);
    audit.record(
        "update", "agent", hostKey + "/" + agentId, Map.of("rotateRequested", false), after);
    return view(agents.ofHost(hostId, agentId).orElseThrow());
  }

  /**
   * Called by the agent with its current token (hash {@code presentedHash}): returns a new token;
   * the presented one keeps working for the grace period.
   */
  @Transactional
  String rotate(AgentPrincipal agent, String presentedHash) {
    String agentId = agent.agentId();
    String hostKey = agent.hostKey();
    String token = SecretTokens.generate(SecretTokens.AGENT_PREFIX);
    Instant graceEnd = Instant.now().plus(grace);
    AgentRepository.AgentRow before =
        agents.ofHost(agent.hostId(), agentId).orElseThrow(AgentTokens::unauthorized);
    if (!agents.rotate(agentId, presentedHash, SecretTokens.sha256Hex(token), graceEnd)) {
      throw unauthorized();
    }
    registry.evict(before.tokenHash(), before.previousTokenHash(), presentedHash);
    registry.rotationRequested(agentId, false);
    audit.record(
        "update",
        "agent",
        hostKey + "/" + agentId,
        Map.of("rotatedAt", before.rotatedAt() == null ? 0 : before.rotatedAt().toEpochMilli()),
        Map.of("rotatedAt", Instant.now().toEpochMilli(), "graceSeconds", grace.toSeconds()));
    log.info("Agent {} of host {} rotated its token", agentId, hostKey);
    return token;
  }

  private static ApiException unauthorized() {
    return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "the agent is revoked");
  }

  private AgentRepository.AgentRow find(long hostId, String hostKey, String agentId) {
    return agents
        .ofHost(hostId, agentId)
        .orElseThrow(() -> ApiException.notFound("host " + hostKey + " has no agent " + agentId));
  }

  private static Map<String, Object> state(AgentRepository.AgentRow row, boolean revoked) {
    return Map.of("agentId", row.agentId(), "revoked", revoked);
  }
}
