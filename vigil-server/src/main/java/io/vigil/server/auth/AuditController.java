package io.vigil.server.auth;

import io.vigil.server.web.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for admins and unscoped operators, newest first, paged by id. */
@RestController
class AuditController {

  static final int MAX_LIMIT = 1000;

  private final AuditLog audit;
  private final HostAccess hostAccess;

  AuditController(AuditLog audit, HostAccess hostAccess) {
    this.audit = audit;
    this.hostAccess = hostAccess;
  }

  @GetMapping("/api/v1/audit")
  List<AuditLog.Entry> list(
      @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Long before) {
    // The log covers every tenant: operators scoped to host groups may not read it.
    if (!hostAccess.current().all()) {
      throw ApiException.forbidden(
          "The audit log covers every host group; your access is scoped to some of them.");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    return audit.list(limit, before);
  }
}
