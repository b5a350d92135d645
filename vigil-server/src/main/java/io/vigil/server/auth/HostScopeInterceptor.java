package io.vigil.server.auth;

import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Host-group scoping that follows from the URL alone, in one place so that every endpoint under a
 * host (present and future) is covered:
 *
 * <ul>
 *   <li>{@code /api/v1/hosts/{key}} and everything below it: 403 unless the host is in scope;
 *   <li>creating hosts and changing tenant-wide configuration (templates, host groups, alert rules,
 *       recipients, routes, silences, maintenance): 403 for scoped users;
 *   <li>recipients, recipient groups and routes (names, e-mail addresses, phone numbers): not even
 *       readable by scoped users;
 *   <li>the live stream of one host ({@code /api/v1/stream?host=}): 403 outside the scope;
 *   <li>a user disabled, deleted or given another role since logging in loses the session at once
 *       (401).
 * </ul>
 *
 * Lists and streams filter by {@link HostAccess#current()} in their own controllers.
 */
@Configuration
class HostScopeInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
  private static final PathPattern HOST = PARSER.parse("/api/v1/hosts/{key}/**");
  private static final PathPattern HOSTS = PARSER.parse("/api/v1/hosts");
  private static final PathPattern STREAM = PARSER.parse("/api/v1/stream");

  /** Configuration shared by every tenant: only unscoped users may change it. */
  private static final List<PathPattern> TENANT_WIDE =
      List.of(
              "/api/v1/templates/**",
              "/api/v1/host-groups/**",
              "/api/v1/alert-rules/**",
              "/api/v1/recipients/**",
              "/api/v1/recipient-groups/**",
              "/api/v1/routes/**",
              "/api/v1/silences/**",
              "/api/v1/maintenance/**")
          .stream()
          .map(PARSER::parse)
          .toList();

  /** Who is notified, with their contact details: not for users scoped to some tenants. */
  private static final List<PathPattern> CONTACTS =
      List.of("/api/v1/recipients/**", "/api/v1/recipient-groups/**", "/api/v1/routes/**").stream()
          .map(PARSER::parse)
          .toList();

  private final HostAccess hostAccess;
  private final UserRepository users;
  private final JsonErrorWriter errors;

  HostScopeInterceptor(HostAccess hostAccess, UserRepository users, JsonErrorWriter errors) {
    this.hostAccess = hostAccess;
    this.users = users;
    this.errors = errors;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  /**
   * Refusals are written here as JSON whatever the request accepts: an {@code EventSource} asks for
   * {@code text/event-stream}, which the JSON error handler could not answer.
   */
  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    try {
      check(request);
      return true;
    } catch (ApiException e) {
      errors.write(response, e.status().value(), e.code(), e.getMessage());
      return false;
    }
  }

  private void check(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof VigilUser user)) {
      return;
    }
    // A session keeps the user as of its login: end it when the account was disabled, deleted or
    // given another role since, so a demotion applies at once.
    boolean current =
        users
            .findById(user.id())
            .filter(stored -> stored.enabled() && stored.role() == user.role())
            .isPresent();
    if (!current) {
      var session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      throw new ApiException(
          HttpStatus.UNAUTHORIZED,
          "unauthenticated",
          "Your account was disabled, deleted or changed; log in again.");
    }
    PathContainer path = PathContainer.parsePath(request.getRequestURI());
    boolean reads =
        HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
    PathPattern.PathMatchInfo host = HOST.matchAndExtract(path);
    if (host != null) {
      Map<String, String> variables = host.getUriVariables();
      hostAccess.requireHost(variables.get("key"));
    } else if (!reads && HOSTS.matches(path)) {
      hostAccess.requireUnscoped();
    }
    if (!reads && TENANT_WIDE.stream().anyMatch(pattern -> pattern.matches(path))) {
      hostAccess.requireUnscoped();
    }
    if (reads && CONTACTS.stream().anyMatch(pattern -> pattern.matches(path))) {
      if (!hostAccess.current().all()) {
        throw ApiException.forbidden(
            "Recipients and routes cover every host group; your access is scoped to some of them.");
      }
    }
    String streamHost = request.getParameter("host");
    if (streamHost != null && STREAM.matches(path)) {
      hostAccess.requireHost(streamHost);
    }
  }
}
