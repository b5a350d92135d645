package io.vigil.server.inventory;

import io.vigil.server.auth.AgentPrincipal;
import io.vigil.server.auth.Role;
import io.vigil.server.auth.SecretTokens;
import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The agents (enrolments) of a host and their tokens: list, revoke, rotate (docs/api.md). */
@RestController
class AgentTokenController {

  /** The answer to the agent's rotation call; the token is shown this once. */
  record Rotated(String agentId, String agentToken, long graceSeconds) {}

  private final AgentTokens tokens;
  private final HostRepository hosts;

  AgentTokenController(AgentTokens tokens, HostRepository hosts) {
    this.tokens = tokens;
    this.hosts = hosts;
  }

  @GetMapping("/api/v1/hosts/{key}/agents")
  List<AgentTokens.AgentView> list(@PathVariable String key) {
    requireRole(Role.ADMIN, Role.OPERATOR);
    return tokens.list(host(key).id());
  }

  @PostMapping("/api/v1/hosts/{key}/agents/{agentId}/revoke")
  AgentTokens.AgentView revoke(@PathVariable String key, @PathVariable String agentId) {
    requireRole(Role.ADMIN);
    return tokens.revoke(host(key).id(), key, agentId);
  }

  @PostMapping("/api/v1/hosts/{key}/agents/{agentId}/rotate")
  AgentTokens.AgentView requestRotation(@PathVariable String key, @PathVariable String agentId) {
    requireRole(Role.ADMIN);
    return tokens.requestRotation(host(key).id(), key, agentId);
  }

  @PostMapping("/api/v1/agent/rotate-token")
  Rotated rotate(@AuthenticationPrincipal AgentPrincipal agent, HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    String presented = header.substring(7).trim(); // the filter authenticated this very header
    String token = tokens.rotate(agent, SecretTokens.sha256Hex(presented));
    return new Rotated(agent.agentId(), token, tokens.graceSeconds());
  }

  private HostRepository.HostRow host(String key) {
    return hosts.findByKey(key).orElseThrow(() -> ApiException.notFound("no host " + key));
  }

  private static void requireRole(Role... allowed) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    Set<String> held =
        authentication == null
            ? Set.of()
            : authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(java.util.stream.Collectors.toSet());
    for (Role role : allowed) {
      if (held.contains(role.authority())) {
        return;
      }
    }
    throw ApiException.forbidden("this needs the role " + allowed[0].name());
  }
}
