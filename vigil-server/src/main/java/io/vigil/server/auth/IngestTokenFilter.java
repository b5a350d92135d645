package io.vigil.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates writers on the write endpoints with an ingest token in the forms InfluxDB clients
 * send one besides a bearer token (which {@link BearerTokenFilter} reads everywhere): {@code
 * Authorization: Token …} (InfluxDB 2 clients, Telegraf's influxdb_v2 output), HTTP basic with the
 * token as password (InfluxDB 1 clients, Telegraf's influxdb output, Glances, which also puts
 * {@code user:token@} in its RESTful URL), and the v1 query parameters {@code u}/{@code p}. A token
 * that is not an active ingest token is refused at once (401), so a writer with a revoked token
 * learns why.
 */
class IngestTokenFilter extends OncePerRequestFilter {

  /** The endpoints ingest tokens open. */
  static final Set<String> PATHS = Set.of("/write", "/api/v2/write", "/query", "/api/v1/glances");

  private final IngestTokens tokens;
  private final JsonErrorWriter errors;

  IngestTokenFilter(IngestTokens tokens, JsonErrorWriter errors) {
    this.tokens = tokens;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !PATHS.contains(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = presented(request);
    if (token == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<IngestPrincipal> writer = tokens.authenticate(token);
    if (writer.isEmpty()) {
      errors.write(response, 401, "invalid_token", "The ingest token is unknown or revoked.");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            writer.get(),
            null,
            List.of(new SimpleGrantedAuthority("ROLE_" + IngestPrincipal.ROLE))));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /** The token the request carries, or null when it carries none. */
  static String presented(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null) {
      int space = header.indexOf(' ');
      String scheme = space < 0 ? header : header.substring(0, space);
      String value = space < 0 ? "" : header.substring(space + 1).trim();
      if (scheme.equalsIgnoreCase("Bearer")) {
        return null; // the bearer filter's (ingest tokens included), like every bearer token
      }
      if (scheme.equalsIgnoreCase("Token")) {
        return value;
      }
      if (scheme.equalsIgnoreCase("Basic")) {
        return basicSecret(value);
      }
      return value; // an unknown scheme: refused as an invalid token
    }
    // InfluxDB 1's query parameters; only the v1 endpoints take them.
    if (!request.getRequestURI().startsWith("/api/")) {
      String password = request.getParameter("p");
      if (password != null && !password.isBlank()) {
        return password;
      }
    }
    return null;
  }

  /** The password of HTTP basic credentials, or the user name when the password is empty. */
  private static String basicSecret(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return decoded;
    }
    String password = decoded.substring(colon + 1);
    return password.isEmpty() ? decoded.substring(0, colon) : password;
  }
}
