package io.vigil.server.auth;

import io.vigil.server.web.ApiException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account: language, time zone and password. */
@RestController
@RequestMapping("/api/v1/account")
class AccountController {

  record Preferences(String language, String timeZone) {}

  record PasswordChange(String currentPassword, String newPassword) {}

  private final UserRepository users;
  private final PasswordPolicy policy;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final AuthController auth;

  AccountController(
      UserRepository users,
      PasswordPolicy policy,
      PasswordEncoder encoder,
      AuditLog audit,
      AuthController auth) {
    this.users = users;
    this.policy = policy;
    this.encoder = encoder;
    this.audit = audit;
    this.auth = auth;
  }

  @PutMapping("/preferences")
  @Transactional
  AuthController.Me preferences(
      @RequestBody(required = false) Preferences body, Authentication authentication) {
    VigilUser user = (VigilUser) authentication.getPrincipal();
    if (body == null) {
      throw ApiException.badRequest("a JSON body is required");
    }
    UserRepository.UserRow before =
        users.row(user.id()).orElseThrow(() -> ApiException.notFound("no such user"));
    String language =
        UserService.language(body.language() == null ? before.language() : body.language());
    String zone = UserService.zone(body.timeZone() == null ? before.timeZone() : body.timeZone());
    users.setPreferences(user.id(), language, zone);
    audit.record(
        "update",
        "user",
        user.username(),
        Map.of("language", before.language(), "timeZone", before.timeZone()),
        Map.of("language", language, "timeZone", zone));
    return auth.me(authentication);
  }

  @PostMapping("/password")
  @Transactional
  ResponseEntity<Void> password(
      @RequestBody(required = false) PasswordChange body, @AuthenticationPrincipal VigilUser user) {
    if (body == null || body.currentPassword() == null || body.newPassword() == null) {
      throw ApiException.badRequest("currentPassword and newPassword are required");
    }
    String hash =
        users
            .findById(user.id())
            .orElseThrow(() -> ApiException.notFound("no such user"))
            .passwordHash();
    if (body.currentPassword().length() > PasswordPolicy.MAX_LENGTH
        || !encoder.matches(body.currentPassword(), hash)) {
      throw ApiException.forbidden("The current password is wrong.");
    }
    if (body.newPassword().equals(body.currentPassword())) {
      throw ApiException.badRequest("the new password must differ from the current one");
    }
    policy.check(user.username(), body.newPassword());
    users.setPassword(user.id(), encoder.encode(body.newPassword()));
    audit.record("update", "user", user.username(), null, Map.of("password", "changed"));
    return ResponseEntity.noContent().build();
  }
}
