package io.vigil.server.auth;

import io.vigil.model.ApiError;
import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Session login for the web UI. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

  private static final Logger log = LoggerFactory.getLogger(AuthController.class);

  record LoginRequest(String username, String password) {}

  /**
   * The caller and their settings; {@code allHosts} is the effective scope (always true for
   * admins).
   */
  record Me(
      String username,
      List<String> roles,
      String language,
      String timeZone,
      boolean allHosts,
      List<Long> groupIds) {}

  private final AuthenticationManager authenticationManager;
  private final SecurityContextRepository contextRepository;
  private final UserRepository users;
  private final AuthProperties properties;
  private final HostAccess hostAccess;
  private final LoginRateLimiter rateLimiter;

  AuthController(
      AuthenticationManager authenticationManager,
      SecurityContextRepository contextRepository,
      UserRepository users,
      AuthProperties properties,
      HostAccess hostAccess,
      LoginRateLimiter rateLimiter) {
    this.authenticationManager = authenticationManager;
    this.contextRepository = contextRepository;
    this.users = users;
    this.properties = properties;
    this.hostAccess = hostAccess;
    this.rateLimiter = rateLimiter;
  }

  /**
   * Logs in; {@code 429 rate_limited} with {@code Retry-After} when the client address made too
   * many attempts lately (before the body is even looked at).
   */
  @PostMapping("/login")
  ResponseEntity<?> login(
      @RequestBody(required = false) LoginRequest body,
      HttpServletRequest request,
      HttpServletResponse response) {
    OptionalLong wait = rateLimiter.tryAcquire(request.getRemoteAddr());
    if (wait.isPresent()) {
      long seconds = LoginRateLimiter.retryAfterSeconds(wait.getAsLong());
      log.warn("Login attempts from {} rate limited for {} s", request.getRemoteAddr(), seconds);
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
          .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
          .body(
              new ApiError(
                  "rate_limited",
                  "Too many login attempts from your address; retry after " + seconds + " s."));
    }
    return ResponseEntity.ok(authenticate(body, request, response));
  }

  private Me authenticate(
      LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
    if (body == null
        || body.username() == null
        || body.password() == null
        || body.username().length() > 64
        || body.password().length() > 200) {
      throw ApiException.badRequest("username and password are required");
    }
    Optional<UserRepository.StoredUser> known = users.findByUsername(body.username());
    known.ifPresent(user -> refuseWhileLocked(user.id()));
    Authentication authentication;
    try {
      authentication =
          authenticationManager.authenticate(
              UsernamePasswordAuthenticationToken.unauthenticated(
                  body.username(), body.password()));
    } catch (AuthenticationException e) {
      known.ifPresent(user -> recordFailure(user.id()));
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, "bad_credentials", "Wrong username or password.");
    }
    known.ifPresent(user -> users.recordLogin(user.id()));
    HttpSession existing = request.getSession(false);
    if (existing != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    contextRepository.saveContext(context, request, response);
    return me(authentication);
  }

  @PostMapping("/logout")
  ResponseEntity<Void> logout(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/me")
  Me me(Authentication authentication) {
    List<String> roles =
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            // Spring Security also records how the user authenticated (e.g. FACTOR_PASSWORD).
            .filter(authority -> authority.startsWith("ROLE_"))
            .map(authority -> authority.substring("ROLE_".length()))
            .toList();
    if (!(authentication.getPrincipal() instanceof VigilUser user)) {
      return new Me(authentication.getName(), roles, "en", "UTC", true, List.of());
    }
    HostScope scope = hostAccess.of(user);
    return users
        .row(user.id())
        .map(
            row ->
                new Me(
                    row.username(),
                    roles,
                    row.language(),
                    row.timeZone(),
                    scope.all(),
                    scope.all() ? List.of() : row.groupIds()))
        .orElseThrow(
            () -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthenticated", "Log in again."));
  }

  /** 401 account_locked, even for the right password, until the lock-out ends. */
  private void refuseWhileLocked(long userId) {
    Optional<Instant> until = users.lockedUntil(userId);
    if (until.isPresent() && until.get().isAfter(Instant.now())) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED,
          "account_locked",
          "Too many failed logins: the account is locked until "
              + until.get().truncatedTo(ChronoUnit.SECONDS)
              + " (UTC). An admin can unlock it sooner.");
    }
  }

  private void recordFailure(long userId) {
    AuthProperties.Lockout lockout = properties.lockout();
    if (users.recordFailure(userId) >= lockout.maxFailures()) {
      Instant until = Instant.now().plus(lockout.duration());
      users.lock(userId, until);
      log.warn(
          "User id {} locked until {} after {} failed logins",
          userId,
          until,
          lockout.maxFailures());
    }
  }
}
