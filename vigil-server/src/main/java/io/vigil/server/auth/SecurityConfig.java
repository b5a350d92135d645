package io.vigil.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Everything under {@code /api} needs a user (session or API token) except
 * health, login and agent enrolment; agent endpoints need an agent token; the write endpoints of
 * line-protocol and Glances writers need an ingest token ({@link IngestTokenFilter}) and nothing
 * else accepts one; the static UI is public. Viewers only read: changing templates, host groups and
 * hosts needs an admin or operator, and so does reading the audit log. Users and the storage screen
 * are for admins; everyone manages their own account ({@code /api/v1/account}), API tokens and
 * dashboards. Host-group scoping is enforced on top of these rules by {@link HostScopeInterceptor}
 * and the controllers that list hosts.
 */
@Configuration
class SecurityConfig {

  /** Configuration that only admins and operators may change; viewers may read it. */
  static final String[] CONFIGURATION = {
    "/api/v1/templates/**", "/api/v1/host-groups/**", "/api/v1/hosts/**", "/api/v1/alert-rules/**"
  };

  /** Who is notified, and how: only admins may change it. */
  static final String[] NOTIFICATION = {
    "/api/v1/recipients/**", "/api/v1/recipient-groups/**", "/api/v1/routes/**"
  };

  /** Problems, maintenance windows and silences: viewers read, admins and operators act. */
  static final String[] ALERTING_ACTIONS = {
    "/api/v1/problems/**", "/api/v1/maintenance/**", "/api/v1/silences/**"
  };

  /** What line-protocol and Glances writers call, with an ingest token. */
  static final String[] INGEST = IngestTokenFilter.PATHS.toArray(String[]::new);

  /** Scheduled report e-mails: everyone reads, admins and operators change them. */
  static final String[] REPORT_SCHEDULES = {
    "/api/v1/reports/schedules", "/api/v1/reports/schedules/**"
  };

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  AuthenticationManager authenticationManager(
      VigilUserDetailsService users, PasswordEncoder encoder) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
    provider.setPasswordEncoder(encoder);
    return new ProviderManager(provider);
  }

  @Bean
  SecurityContextRepository securityContextRepository() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      AgentAuthenticator agents,
      ApiTokenRepository apiTokens,
      VigilUserDetailsService users,
      JsonErrorWriter errors,
      SecurityContextRepository contextRepository,
      IngestTokens ingestTokens)
      throws Exception {
    RequestMatcher bearer =
        (HttpServletRequest request) -> {
          String header = request.getHeader("Authorization");
          return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        };
    http.csrf(
            csrf ->
                csrf.spa()
                    .ignoringRequestMatchers(bearer)
                    .ignoringRequestMatchers(
                        "/api/v1/agent/**",
                        "/api/v1/auth/login",
                        "/api/v1/health",
                        "/api/v1/cluster/heartbeat")
                    .ignoringRequestMatchers(INGEST)
                    .ignoringRequestMatchers("/ping"))
        .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
        .addFilterBefore(
            new BearerTokenFilter(agents, apiTokens, users, errors, ingestTokens), CsrfFilter.class)
        .addFilterBefore(new IngestTokenFilter(ingestTokens, errors), CsrfFilter.class)
        .securityContext(context -> context.securityContextRepository(contextRepository))
        .authorizeHttpRequests(
            authorize ->
                authorize
                    .requestMatchers(HttpMethod.GET, "/api/v1/health")
                    .permitAll()
                    // The heartbeat between two servers is authenticated by its HMAC signature.
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/v1/agent/enrol",
                        "/api/v1/auth/login",
                        "/api/v1/cluster/heartbeat")
                    .permitAll()
                    .requestMatchers("/api/v1/agent/**")
                    .hasRole("AGENT")
                    // InfluxDB's health probe, unauthenticated as InfluxDB's own.
                    .requestMatchers(HttpMethod.GET, "/ping")
                    .permitAll()
                    .requestMatchers(HttpMethod.HEAD, "/ping")
                    .permitAll()
                    .requestMatchers(INGEST)
                    .hasRole(IngestPrincipal.ROLE)
                    .requestMatchers("/api/v1/ingest-tokens", "/api/v1/ingest-tokens/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/api/v1/secrets/**")
                    .hasRole("ADMIN")
                    .requestMatchers("/api/v1/enrolment-tokens/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/api/v1/users", "/api/v1/users/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers("/api/v1/storage", "/api/v1/storage/**")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers(HttpMethod.PUT, "/api/v1/reports/calendar")
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers(HttpMethod.POST, REPORT_SCHEDULES)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.PUT, REPORT_SCHEDULES)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.DELETE, REPORT_SCHEDULES)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers("/api/v1/audit", "/api/v1/audit/**")
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.GET, NOTIFICATION)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name(), Role.VIEWER.name())
                    .requestMatchers(NOTIFICATION)
                    .hasRole(Role.ADMIN.name())
                    .requestMatchers(HttpMethod.POST, CONFIGURATION)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.PUT, CONFIGURATION)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.PATCH, CONFIGURATION)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.DELETE, CONFIGURATION)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.POST, ALERTING_ACTIONS)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.PUT, ALERTING_ACTIONS)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.PATCH, ALERTING_ACTIONS)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers(HttpMethod.DELETE, ALERTING_ACTIONS)
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name())
                    .requestMatchers("/api/**")
                    .hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name(), Role.VIEWER.name())
                    .anyRequest()
                    .permitAll())
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            errors.write(
                                response, 401, "unauthenticated", "Log in or send a bearer token."))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            errors.write(
                                response,
                                403,
                                "forbidden",
                                "Your role does not allow this, or the CSRF token is missing.")))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp ->
                            csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'"
                                    + " 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'"))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
        .requestCache(cache -> cache.disable())
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .anonymous(anonymous -> {});
    return http.build();
  }
}
