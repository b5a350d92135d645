package io.vigil.server.weblog;

import io.vigil.model.Names;
import io.vigil.server.auth.HostAccess;
import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import io.vigil.storage.MetricStore;
import io.vigil.storage.TopEntry;
import io.vigil.storage.TopQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Web traffic of one host or of a pool of web servers (a host group or a host tag), the visitors
 * seen by either, and the pools to choose from; see docs/weblog.md. Host scopes: {@code
 * /api/v1/hosts/{key}/**} is guarded by the scope interceptor, pools by {@link WebPools}.
 */
@RestController
class WebTrafficController {

  static final int DEFAULT_TOP = 10;
  static final int MAX_TOP = 100;
  static final int DEFAULT_VISITORS = 100;
  static final int MAX_VISITORS = 1_000;

  /** How far back a host's web log must have reported to be offered in the pool picker. */
  static final Duration RECENT = Duration.ofDays(7);

  /**
   * @param hosts hosts in the caller's scope whose web logs reported within the last week
   * @param groups host groups holding some of them
   * @param tags host tags some of them carry
   */
  record PoolsView(
      List<String> hosts, List<WebPools.GroupChoice> groups, List<WebPools.TagChoice> tags) {}

  private final WebTraffic traffic;
  private final WebPools pools;
  private final MetricStore store;
  private final HostAccess hostAccess;

  WebTrafficController(
      WebTraffic traffic, WebPools pools, MetricStore store, HostAccess hostAccess) {
    this.traffic = traffic;
    this.pools = pools;
    this.store = store;
    this.hostAccess = hostAccess;
  }

  @GetMapping("/api/v1/hosts/{key}/web")
  WebViews.TrafficView host(
      @PathVariable String key,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to,
      @RequestParam(required = false) String log,
      @RequestParam(required = false) Integer top) {
    WebRange range = WebRange.parse(from, to, Instant.now());
    return traffic.traffic(pools.host(key), range, log(log), top(top));
  }

  @GetMapping("/api/v1/web/pool")
  WebViews.TrafficView pool(
      @RequestParam(required = false) String group,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to,
      @RequestParam(required = false) String log,
      @RequestParam(required = false) Integer top) {
    WebRange range = WebRange.parse(from, to, Instant.now());
    String item = log(log);
    int k = top(top);
    return traffic.traffic(pools.pool(group, tag), range, item, k);
  }

  @GetMapping("/api/v1/web/visitors")
  WebViews.VisitorsView visitors(
      @RequestParam(required = false) String host,
      @RequestParam(required = false) String group,
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to,
      @RequestParam(required = false) Integer limit) {
    WebRange range = WebRange.parse(from, to, Instant.now());
    int n = limit == null ? DEFAULT_VISITORS : limit;
    if (n < 1 || n > MAX_VISITORS) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_VISITORS);
    }
    return traffic.visitors(pools.resolve(host, group, tag), range, n);
  }

  @GetMapping("/api/v1/web/pools")
  PoolsView pools() {
    Set<String> web = new TreeSet<>();
    if (store.measurements().contains(WebTraffic.SUMMARY)) {
      Instant now = Instant.now();
      HostScope scope = hostAccess.current();
      store
          .top(
              new TopQuery(
                  WebTraffic.SUMMARY,
                  "requests",
                  Map.of(),
                  now.minus(RECENT),
                  now,
                  TopQuery.Aggregation.LAST,
                  1000))
          .stream()
          .map(TopEntry::host)
          .filter(scope::allows)
          .forEach(web::add);
    }
    return new PoolsView(List.copyOf(web), pools.groupsOf(web), pools.tagsOf(web));
  }

  private static String log(String log) {
    if (log == null || log.isEmpty()) {
      return null;
    }
    if (!Names.isIdentifier(log)) {
      throw ApiException.badRequest("log must be the key of a web-log item");
    }
    return log;
  }

  private static int top(Integer top) {
    int k = top == null ? DEFAULT_TOP : top;
    if (k < 1 || k > MAX_TOP) {
      throw ApiException.badRequest("top must be between 1 and " + MAX_TOP);
    }
    return k;
  }
}
