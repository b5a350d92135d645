package io.vigil.server.auth;

import io.vigil.model.Names;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's API tokens, for scripts. Each user manages only their own. */
@RestController
@RequestMapping("/api/v1/tokens")
class ApiTokenController {

  record CreateRequest(String name) {}

  record Created(long id, String name, String token) {}

  private final ApiTokenRepository tokens;

  ApiTokenController(ApiTokenRepository tokens) {
    this.tokens = tokens;
  }

  @GetMapping
  List<ApiTokenRepository.TokenInfo> list(@AuthenticationPrincipal VigilUser user) {
    return tokens.listForUser(user.id());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Created create(@AuthenticationPrincipal VigilUser user, @RequestBody CreateRequest request) {
    String name = Names.requireText("name", request == null ? null : request.name(), 100);
    String secret = SecretTokens.generate(SecretTokens.USER_PREFIX);
    long id = tokens.insert(user.id(), name, SecretTokens.sha256Hex(secret));
    return new Created(id, name, secret);
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal VigilUser user, @PathVariable long id) {
    return tokens.delete(user.id(), id)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }
}
