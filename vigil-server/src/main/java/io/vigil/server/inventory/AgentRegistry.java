package io.vigil.server.inventory;

import io.vigil.model.Enrolment;
import io.vigil.server.auth.AgentAuthenticator;
import io.vigil.server.auth.AgentPrincipal;
import io.vigil.server.auth.SecretTokens;
import io.vigil.server.ha.ClusterListener;
import io.vigil.server.ha.ClusterNode;
import io.vigil.server.web.ApiException;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agents: enrolment, token authentication and the highest acknowledged batch sequence of each.
 * Token lookups and acknowledgements are served from memory on the ingest path; acknowledgements
 * reach the database every few seconds (a re-sent batch is harmless: the store deduplicates).
 */
@Service
public class AgentRegistry implements AgentAuthenticator, ClusterListener {

  private static final Logger log = LoggerFactory.getLogger(AgentRegistry.class);

  private final AgentRepository agents;
  private final HostRepository hosts;
  private final EnrolmentTokenRepository enrolmentTokens;
  private final HostGroupRepository groups;
  private final TransactionTemplate transactions;
  private final ClusterNode node;
  private final Map<String, AgentRepository.TokenMatch> byTokenHash = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, Boolean> rotationRequested = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong evictions =
      new java.util.concurrent.atomic.AtomicLong();
  private final Map<String, Long> lastAck = new ConcurrentHashMap<>();
  private final Map<String, Long> unsavedAcks = new ConcurrentHashMap<>();

  AgentRegistry(
      AgentRepository agents,
      HostRepository hosts,
      EnrolmentTokenRepository enrolmentTokens,
      HostGroupRepository groups,
      TransactionTemplate transactions,
      ClusterNode node) {
    this.agents = agents;
    this.hosts = hosts;
    this.enrolmentTokens = enrolmentTokens;
    this.groups = groups;
    this.transactions = transactions;
    this.node = node;
  }

  /** The peer may have revoked, rotated or asked for a rotation: tokens are looked up again. */
  @Override
  public void sharedConfigChanged() {
    byTokenHash.clear();
    rotationRequested.clear();
  }

  @Override
  public Optional<AgentPrincipal> authenticate(String tokenHash) {
    AgentRepository.TokenMatch match = byTokenHash.get(tokenHash);
    if (match == null) {
      long generation = evictions.get();
      match = agents.findActiveByTokenHash(tokenHash).orElse(null);
      if (match == null) {
        return Optional.empty();
      }
      byTokenHash.put(tokenHash, match);
      if (evictions.get() != generation) {
        byTokenHash.remove(tokenHash, match); // revoked or rotated meanwhile: do not keep it
      }
    }
    if (match.expiresAt() != null && !Instant.now().isBefore(match.expiresAt())) {
      byTokenHash.remove(tokenHash, match); // a previous token past its grace period
      return Optional.empty();
    }
    lastSeen.put(match.agent().agentId(), Instant.now());
    return Optional.of(match.agent());
  }

  /** Whether the agent's next ack should ask it to rotate its token; read on every ingest. */
  public boolean rotationRequested(String agentId) {
    return rotationRequested.computeIfAbsent(agentId, agents::rotationRequested);
  }

  void rotationRequested(String agentId, boolean requested) {
    rotationRequested.put(agentId, requested);
  }

  /** When the agent last authenticated since this server started, or null. */
  Instant lastSeen(String agentId) {
    return lastSeen.get(agentId);
  }

  /** Forgets cached lookups of the given token hashes, so the next request reads the database. */
  void evict(String... tokenHashes) {
    evictions.incrementAndGet();
    for (String hash : tokenHashes) {
      if (hash != null) {
        byTokenHash.remove(hash);
      }
    }
  }

  /**
   * Trades a valid enrolment token for a new per-agent token, creating the host if needed. A new
   * host joins the group "Linux servers" (when it still exists), so the shipped Linux server
   * template applies to it.
   */
  public Enrolment.Response enrol(Enrolment.Request request) {
    if (!enrolmentTokens.isValid(SecretTokens.sha256Hex(request.enrolmentToken()), Instant.now())) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED,
          "invalid_enrolment_token",
          "The enrolment token is unknown, expired or revoked.");
    }
    String agentToken = SecretTokens.generate(SecretTokens.AGENT_PREFIX);
    String agentId = UUID.randomUUID().toString();
    String hostKey;
    try {
      hostKey = enrolInTransaction(request, agentId, agentToken);
    } catch (DuplicateKeyException e) {
      // The other server of a pair created the host at the same moment (the agent enrols with
      // both at once): it exists now.
      hostKey = enrolInTransaction(request, agentId, agentToken);
    }
    log.info("Agent {} enrolled for host {}", agentId, hostKey);
    return new Enrolment.Response(agentId, hostKey, agentToken);
  }

  private String enrolInTransaction(Enrolment.Request request, String agentId, String agentToken) {
    return transactions.execute(
        status -> {
          HostRepository.HostRow host =
              hosts
                  .findByMachineId(request.machineId())
                  .orElseGet(() -> createHost(request.hostname(), request.machineId()));
          agents.revokeAllOfHost(host.id(), node.name()).forEach(hash -> evict(hash));
          agents.insert(agentId, host.id(), SecretTokens.sha256Hex(agentToken), node.name());
          return host.key();
        });
  }

  private HostRepository.HostRow createHost(String hostname, String machineId) {
    String base = hostname.toLowerCase(java.util.Locale.ROOT);
    String key = base;
    for (int n = 2; hosts.keyExists(key); n++) {
      key = base + "-" + n;
    }
    long hostId = hosts.insert(key, hostname, machineId);
    groups
        .idByName(HostGroupRepository.ALL_HOSTS_GROUP)
        .ifPresent(group -> groups.addMember(group, hostId));
    return hosts.findByMachineId(machineId).orElseThrow();
  }

  /** The highest sequence durably stored for this agent (0 before its first batch). */
  public long lastAck(String agentId) {
    return lastAck.computeIfAbsent(agentId, agents::lastAck);
  }

  public void acknowledge(String agentId, long sequence) {
    lastAck.merge(agentId, sequence, Math::max);
    unsavedAcks.merge(agentId, sequence, Math::max);
  }

  @Scheduled(fixedDelayString = "5s")
  @PreDestroy
  void saveAcknowledgements() {
    if (unsavedAcks.isEmpty()) {
      return;
    }
    Map<String, Long> batch = new HashMap<>();
    for (String agentId : unsavedAcks.keySet()) {
      Long seq = unsavedAcks.remove(agentId);
      if (seq != null) {
        batch.put(agentId, seq);
      }
    }
    agents.saveAcks(batch);
  }
}
