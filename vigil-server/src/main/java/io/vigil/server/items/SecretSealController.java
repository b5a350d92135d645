package io.vigil.server.items;

import io.vigil.model.Names;
import io.vigil.server.auth.AuditLog;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seals a secret with this server's key for use in configuration ({@code
 * vigil.notify.smtp.password=enc:v1:…}, see {@link SealedPropertiesPostProcessor}). Admins only;
 * the value is neither stored nor logged, the audit log records only that a secret was sealed.
 */
@RestController
class SecretSealController {

  static final int MAX_SECRET = 1000;

  /** What to seal. */
  record SealRequest(String value) {}

  /** The sealed text. */
  record Sealed(String sealed) {}

  private final SecretBox box;
  private final AuditLog audit;

  SecretSealController(SecretBox box, AuditLog audit) {
    this.box = box;
    this.audit = audit;
  }

  @PostMapping("/api/v1/secrets/seal")
  Sealed seal(@RequestBody SealRequest request) {
    String value = request == null ? null : request.value();
    Names.requireText("value", value, MAX_SECRET);
    audit.record("create", "secret", "a sealed secret", null, null);
    return new Sealed(box.seal(value));
  }
}
