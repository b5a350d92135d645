package io.vigil.server.checks;

import io.vigil.server.inventory.HostDirectory;
import io.vigil.server.web.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The checks table of a host: the latest result of each configured check item. */
@RestController
class ChecksController {

  private final HostDirectory hosts;
  private final HostChecks checks;

  ChecksController(HostDirectory hosts, HostChecks checks) {
    this.hosts = hosts;
    this.checks = checks;
  }

  @GetMapping("/api/v1/hosts/{key}/checks")
  List<HostChecks.CheckView> checks(@PathVariable String key) {
    HostDirectory.HostRef host =
        hosts.find(key).orElseThrow(() -> ApiException.notFound("no host " + key));
    return checks.of(host);
  }
}
