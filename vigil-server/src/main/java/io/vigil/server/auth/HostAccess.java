package io.vigil.server.auth;

import io.vigil.server.web.ApiException;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Answers "which hosts may the caller see?" for every feature that lists or acts on hosts. Admins,
 * agents and the server itself see everything; other users see what {@code users.all_hosts} or
 * their granted host groups allow. Reading a host outside the scope is a 403, never a silent empty
 * answer, so a script learns it lacks the grant.
 */
@Service
public class HostAccess {

  private static final String SCOPE_ATTRIBUTE = HostAccess.class.getName() + ".scope";

  private final JdbcClient jdbc;

  HostAccess(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The scope of the authenticated caller of the current request (ALL outside a request), read from
   * the database once per request: the interceptor and the controller both ask.
   */
  public HostScope current() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request == null) {
      return of(SecurityContextHolder.getContext().getAuthentication());
    }
    Object cached = request.getAttribute(SCOPE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (cached instanceof HostScope scope) {
      return scope;
    }
    HostScope scope = of(SecurityContextHolder.getContext().getAuthentication());
    request.setAttribute(SCOPE_ATTRIBUTE, scope, RequestAttributes.SCOPE_REQUEST);
    return scope;
  }

  public HostScope of(Authentication authentication) {
    if (authentication == null || !(authentication.getPrincipal() instanceof VigilUser user)) {
      return HostScope.ALL;
    }
    return of(user);
  }

  public HostScope of(VigilUser user) {
    if (user.role() == Role.ADMIN) {
      return HostScope.ALL;
    }
    boolean all =
        jdbc.sql("SELECT all_hosts FROM users WHERE id = ?")
            .param(user.id())
            .query(Boolean.class)
            .optional()
            .orElse(false);
    if (all) {
      return HostScope.ALL;
    }
    Set<Long> groups =
        new HashSet<>(
            jdbc.sql("SELECT group_id FROM user_host_groups WHERE user_id = ?")
                .param(user.id())
                .query(Long.class)
                .list());
    Set<String> hosts =
        new HashSet<>(
            jdbc.sql(
                    "SELECT DISTINCT h.host_key FROM hosts h"
                        + " JOIN host_group_members m ON m.host_id = h.id"
                        + " JOIN user_host_groups g ON g.group_id = m.group_id"
                        + " WHERE g.user_id = ?")
                .param(user.id())
                .query(String.class)
                .list());
    return new HostScope(false, groups, hosts);
  }

  /** 403 unless the caller may see {@code hostKey}. */
  public void requireHost(String hostKey) {
    if (!current().allows(hostKey)) {
      throw ApiException.forbidden("You have no access to host " + hostKey + ".");
    }
  }

  /**
   * 403 for a caller scoped to some host groups: changes that reach every tenant (templates, alert
   * rules, recipients) need an unscoped user.
   */
  public void requireUnscoped() {
    if (!current().all()) {
      throw ApiException.forbidden("This change affects every host group; your access is scoped.");
    }
  }
}
