package io.vigil.server.auth;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Ingest tokens for line-protocol and Glances writers: admins only (docs/api.md). */
@RestController
@RequestMapping("/api/v1/ingest-tokens")
class IngestTokenController {

  /**
   * The body of a create.
   *
   * @param name what the token is for, e.g. "telegraf on the web farm"
   * @param groupId the host group new hosts it reports join, or null for {@code
   *     vigil.ilp.host-group}
   */
  record CreateRequest(String name, Long groupId) {}

  private final IngestTokens tokens;

  IngestTokenController(IngestTokens tokens) {
    this.tokens = tokens;
  }

  @GetMapping
  List<IngestTokenRepository.TokenInfo> list() {
    return tokens.list();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  IngestTokens.Created create(
      @RequestBody(required = false) CreateRequest request, Authentication caller) {
    return tokens.create(
        request == null ? null : request.name(),
        request == null ? null : request.groupId(),
        caller.getName());
  }

  /** Revokes the token (its row stays, so the list shows what was revoked and when it was used). */
  @DeleteMapping("/{id}")
  IngestTokenRepository.TokenInfo revoke(@PathVariable long id) {
    return tokens.revoke(id);
  }
}
