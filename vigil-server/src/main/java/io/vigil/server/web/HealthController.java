package io.vigil.server.web;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness for load balancers and the launcher; public, reveals nothing. */
@RestController
class HealthController {
  @GetMapping("/api/v1/health")
  Map<String, String> health() {
    return Map.of("status", "UP");
  }
}
