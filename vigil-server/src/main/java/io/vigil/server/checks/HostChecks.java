package io.vigil.server.checks;

import io.vigil.model.AgentConfig;
import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.server.inventory.HostCheckCounts;
import io.vigil.server.inventory.HostDirectory;
import io.vigil.server.items.AgentConfigService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * A host's checks as the checks table shows them: every enabled check item of its effective
 * configuration with its latest result, if any. Results of items no longer configured (or whose
 * kind changed since) are left out.
 */
@Service
class HostChecks implements HostCheckCounts {

  /** One row of the checks table; the result fields are null until the item has run. */
  record CheckView(
      String item,
      String kind,
      CheckStatus status,
      String message,
      Long lastRun,
      Double durationMs,
      Map<String, Double> metrics,
      List<String> details,
      int intervalSeconds,
      String runsOn) {}

  /** A host's enabled check items at one config version. */
  private record ConfiguredChecks(long version, Map<String, AgentConfig.Item> items) {}

  private final AgentConfigService configs;
  private final CheckStates states;
  private final Map<Long, ConfiguredChecks> cache = new ConcurrentHashMap<>();

  HostChecks(AgentConfigService configs, CheckStates states) {
    this.configs = configs;
    this.states = states;
  }

  List<CheckView> of(HostDirectory.HostRef host) {
    Map<String, CheckResult> latest = states.of(host.key());
    String runsOn = host.agentless() ? "server" : "agent";
    List<CheckView> views = new ArrayList<>();
    configuredChecks(host)
        .forEach(
            (key, item) -> {
              CheckResult result = current(latest.get(key), item);
              views.add(
                  result == null
                      ? new CheckView(
                          key,
                          item.kind(),
                          null,
                          null,
                          null,
                          null,
                          Map.of(),
                          List.of(),
                          item.intervalSeconds(),
                          runsOn)
                      : new CheckView(
                          key,
                          item.kind(),
                          result.status(),
                          result.message(),
                          result.timestamp(),
                          result.durationMs(),
                          result.metrics(),
                          result.details(),
                          item.intervalSeconds(),
                          runsOn));
            });
    return views;
  }

  @Override
  public Map<String, Integer> countsByStatus(HostDirectory.HostRef host) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (CheckStatus status :
        List.of(CheckStatus.OK, CheckStatus.WARNING, CheckStatus.CRITICAL, CheckStatus.UNKNOWN)) {
      counts.put(status.name(), 0);
    }
    Map<String, CheckResult> latest = states.of(host.key());
    configuredChecks(host)
        .forEach(
            (key, item) -> {
              CheckResult result = current(latest.get(key), item);
              if (result != null) {
                counts.merge(result.status().name(), 1, Integer::sum);
              }
            });
    return counts;
  }

  /**
   * Enabled check items by key, in key order; cached per host until its config version changes (the
   * host list asks for every host on each refresh).
   */
  private Map<String, AgentConfig.Item> configuredChecks(HostDirectory.HostRef host) {
    long version = configs.version(host.id());
    ConfiguredChecks cached = cache.get(host.id());
    if (cached != null && cached.version() == version) {
      return cached.items();
    }
    Map<String, AgentConfig.Item> checks = new TreeMap<>();
    configs
        .configFor(host.id())
        .items()
        .forEach(
            (key, item) -> {
              if (item.isCheck() && item.enabled()) {
                checks.put(key, item);
              }
            });
    Map<String, AgentConfig.Item> items = java.util.Collections.unmodifiableMap(checks);
    cache.put(host.id(), new ConfiguredChecks(version, items));
    return items;
  }

  /** The result, unless it was produced by an item of another kind under the same key. */
  private static CheckResult current(CheckResult result, AgentConfig.Item item) {
    return result != null && result.kind().equals(item.kind()) ? result : null;
  }
}
