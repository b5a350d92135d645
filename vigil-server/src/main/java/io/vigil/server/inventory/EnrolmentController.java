package io.vigil.server.inventory;

import io.vigil.model.Enrolment;
import io.vigil.model.Names;
import io.vigil.server.auth.SecretTokens;
import io.vigil.server.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Agent enrolment, and the enrolment tokens admins hand out. */
@RestController
class EnrolmentController {

  record CreateRequest(String name, Integer expiresInDays) {}

  record Created(long id, String name, String token) {}

  private final AgentRegistry agents;
  private final EnrolmentTokenRepository tokens;

  EnrolmentController(AgentRegistry agents, EnrolmentTokenRepository tokens) {
    this.agents = agents;
    this.tokens = tokens;
  }

  @PostMapping("/api/v1/agent/enrol")
  Enrolment.Response enrol(@RequestBody Enrolment.Request request) {
    if (request == null) {
      throw ApiException.badRequest("a body with enrolmentToken, hostname and machineId is needed");
    }
    return agents.enrol(request);
  }

  @GetMapping("/api/v1/enrolment-tokens")
  List<EnrolmentTokenRepository.EnrolmentTokenInfo> list() {
    return tokens.list();
  }

  @PostMapping("/api/v1/enrolment-tokens")
  @ResponseStatus(HttpStatus.CREATED)
  Created create(@RequestBody CreateRequest request) {
    String name = Names.requireText("name", request == null ? null : request.name(), 100);
    Integer days = request.expiresInDays();
    if (days != null && (days < 1 || days > 3650)) {
      throw ApiException.badRequest("expiresInDays must be between 1 and 3650");
    }
    String secret = SecretTokens.generate(SecretTokens.ENROLMENT_PREFIX);
    Instant expires = days == null ? null : Instant.now().plus(Duration.ofDays(days));
    long id = tokens.insert(name, SecretTokens.sha256Hex(secret), expires);
    return new Created(id, name, secret);
  }

  @DeleteMapping("/api/v1/enrolment-tokens/{id}")
  ResponseEntity<Void> revoke(@PathVariable long id) {
    return tokens.revoke(id)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }
}
