package io.vigil.server.items;

import io.vigil.model.AgentConfig;
import io.vigil.server.auth.AgentPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Agents fetch their item configuration here when the version in an ack changes. */
@RestController
class AgentConfigController {

  private final AgentConfigService configs;

  AgentConfigController(AgentConfigService configs) {
    this.configs = configs;
  }

  @GetMapping("/api/v1/agent/config")
  AgentConfig config(@AuthenticationPrincipal AgentPrincipal agent) {
    return configs.configFor(agent.hostId());
  }
}
