package io.vigil.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} requests: per-agent tokens ({@code vgl_a_}), user API
 * tokens ({@code vgl_u_}) and ingest tokens ({@code vgl_i_}, which only the write endpoints
 * accept). An unknown token is refused at once rather than treated as anonymous, so a script with a
 * revoked token gets a clear 401.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private final AgentAuthenticator agents;
  private final ApiTokenRepository apiTokens;
  private final VigilUserDetailsService users;
  private final JsonErrorWriter errors;
  private final IngestTokens ingestTokens;

  BearerTokenFilter(
      AgentAuthenticator agents,
      ApiTokenRepository apiTokens,
      VigilUserDetailsService users,
      JsonErrorWriter errors,
      IngestTokens ingestTokens) {
    this.ingestTokens = ingestTokens;
    this.agents = agents;
    this.apiTokens = apiTokens;
    this.users = users;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    String token = header.substring(7).trim();
    Optional<UsernamePasswordAuthenticationToken> authentication = authenticate(token);
    if (authentication.isEmpty()) {
      errors.write(response, 401, "invalid_token", "The bearer token is unknown or revoked.");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(authentication.get());
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private Optional<UsernamePasswordAuthenticationToken> authenticate(String token) {
    if (token.length() > 200) {
      return Optional.empty();
    }
    String hash = SecretTokens.sha256Hex(token);
    if (token.startsWith(SecretTokens.AGENT_PREFIX)) {
      return agents
          .authenticate(hash)
          .map(
              agent ->
                  UsernamePasswordAuthenticationToken.authenticated(
                      agent, null, List.of(new SimpleGrantedAuthority("ROLE_AGENT"))));
    }
    if (token.startsWith(SecretTokens.INGEST_PREFIX)) {
      return ingestTokens
          .authenticate(token)
          .map(
              writer ->
                  UsernamePasswordAuthenticationToken.authenticated(
                      writer,
                      null,
                      List.of(new SimpleGrantedAuthority("ROLE_" + IngestPrincipal.ROLE))));
    }
    if (token.startsWith(SecretTokens.USER_PREFIX)) {
      return apiTokens
          .userIdForHash(hash)
          .map(users::loadById)
          .filter(VigilUser::enabled)
          .map(
              user -> {
                apiTokens.touch(hash);
                return UsernamePasswordAuthenticationToken.authenticated(
                    user, null, user.getAuthorities());
              });
    }
    return Optional.empty();
  }
}
