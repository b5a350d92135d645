package io.vigil.server.ha;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * In a pair, every successful change made through the API (any method but GET on {@code /api/**},
 * ingest of every protocol, login and heartbeats aside) raises the shared configuration generation,
 * and the peer drops what it cached from the database within a heartbeat. One hook at the edge
 * rather than one per feature: a feature added later is covered without remembering to.
 */
@Component
class ConfigChangeInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ConfigChangeInterceptor.class);

  private final ClusterNode node;

  ConfigChangeInterceptor(ClusterNode node) {
    this.node = node;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    if (node.clustered()) {
      registry
          .addInterceptor(this)
          .addPathPatterns("/api/**")
          .excludePathPatterns(
              "/api/v1/agent/**",
              "/api/v1/auth/**",
              "/api/v1/cluster/**",
              // Writes of line-protocol and Glances writers are ingest, not configuration (the
              // hosts they create are found in the database by the peer when it first sees them).
              "/api/v2/write",
              "/api/v1/glances");
    }
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception failed) {
    if ("GET".equals(request.getMethod())
        || "HEAD".equals(request.getMethod())
        || response.getStatus() >= 300
        || failed != null) {
      return;
    }
    try {
      node.configChanged();
    } catch (RuntimeException e) {
      // The change itself is committed; the peer's caches lag until the next change is signalled.
      log.warn("Could not tell the peer about a configuration change: {}", e.toString());
    }
  }
}
