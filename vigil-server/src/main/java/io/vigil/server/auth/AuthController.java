package io.vigil.server.auth;

import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
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

  record LoginRequest(String username, String password) {}

  record Me(String username, List<String> roles) {}

  private final AuthenticationManager authenticationManager;
  private final SecurityContextRepository contextRepository;

  AuthController(
      AuthenticationManager authenticationManager, SecurityContextRepository contextRepository) {
    this.authenticationManager = authenticationManager;
    this.contextRepository = contextRepository;
  }

  @PostMapping("/login")
  Me login(
      @RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
    if (body == null
        || body.username() == null
        || body.password() == null
        || body.username().length() > 64
        || body.password().length() > 200) {
      throw ApiException.badRequest("username and password are required");
    }
    Authentication authentication;
    try {
      authentication =
          authenticationManager.authenticate(
              UsernamePasswordAuthenticationToken.unauthenticated(
                  body.username(), body.password()));
    } catch (AuthenticationException e) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, "bad_credentials", "Wrong username or password.");
    }
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
    return new Me(
        authentication.getName(),
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            // Spring Security also records how the user authenticated (e.g. FACTOR_PASSWORD).
            .filter(authority -> authority.startsWith("ROLE_"))
            .map(authority -> authority.substring("ROLE_".length()))
            .toList());
  }
}
