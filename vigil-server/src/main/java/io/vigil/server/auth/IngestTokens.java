package io.vigil.server.auth;

import io.vigil.model.Names;
import io.vigil.server.ha.ClusterListener;
import io.vigil.server.web.ApiException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ingest tokens ({@code vgl_i_…}): an admin creates one per writer (or per fleet of writers), it is
 * shown once and stored as SHA-256, it opens the line-protocol and Glances write endpoints only,
 * and revoking it locks its writers out at once (on this server; the other server of a pair drops
 * its cache within a heartbeat). Lookups are served from memory on the write path; the last use is
 * written back at most once a minute per token.
 */
@Service
class IngestTokens implements ClusterListener {

  private static final Logger log = LoggerFactory.getLogger(IngestTokens.class);
  private static final long TOUCH_EVERY_MILLIS = 60_000;

  /** A created token: the secret is in this answer only. */
  record Created(long id, String name, Long groupId, String token) {}

  private final IngestTokenRepository tokens;
  private final AuditLog audit;
  private final Map<String, IngestPrincipal> byHash = new ConcurrentHashMap<>();
  private final Map<Long, Long> touchedAt = new ConcurrentHashMap<>();

  IngestTokens(IngestTokenRepository tokens, AuditLog audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  @Override
  public void sharedConfigChanged() {
    byHash.clear();
  }

  /** The writer a presented token belongs to, when it is an active ingest token. */
  Optional<IngestPrincipal> authenticate(String token) {
    if (token == null || !token.startsWith(SecretTokens.INGEST_PREFIX) || token.length() > 200) {
      return Optional.empty();
    }
    String hash = SecretTokens.sha256Hex(token);
    IngestPrincipal principal = byHash.get(hash);
    if (principal == null) {
      principal = tokens.findActive(hash).orElse(null);
      if (principal == null) {
        return Optional.empty();
      }
      byHash.put(hash, principal);
    }
    touch(principal.tokenId());
    return Optional.of(principal);
  }

  private void touch(long tokenId) {
    long now = System.currentTimeMillis();
    Long before = touchedAt.get(tokenId);
    if (before == null || now - before > TOUCH_EVERY_MILLIS) {
      touchedAt.put(tokenId, now);
      tokens.touch(tokenId, OffsetDateTime.now(ZoneOffset.UTC));
    }
  }

  List<IngestTokenRepository.TokenInfo> list() {
    return tokens.list();
  }

  @Transactional
  Created create(String name, Long groupId, String createdBy) {
    Names.requireText("name", name, 100);
    if (groupId != null && !tokens.groupExists(groupId)) {
      throw ApiException.badRequest("no host group " + groupId);
    }
    String secret = SecretTokens.generate(SecretTokens.INGEST_PREFIX);
    long id = tokens.insert(name.strip(), SecretTokens.sha256Hex(secret), groupId, createdBy);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("name", name.strip());
    after.put("groupId", groupId);
    audit.record("create", "ingest_token", Long.toString(id), null, after);
    log.info("Ingest token {} ({}) created by {}", id, name.strip(), createdBy);
    return new Created(id, name.strip(), groupId, secret);
  }

  @Transactional
  IngestTokenRepository.TokenInfo revoke(long id) {
    IngestTokenRepository.TokenInfo before =
        tokens.find(id).orElseThrow(() -> ApiException.notFound("no ingest token " + id));
    if (tokens.revoke(id)) {
      audit.record(
          "update",
          "ingest_token",
          Long.toString(id),
          Map.of("revoked", false),
          Map.of("revoked", true));
      log.info("Ingest token {} ({}) revoked", id, before.name());
    }
    byHash.values().removeIf(principal -> principal.tokenId() == id);
    return tokens.find(id).orElseThrow();
  }
}
