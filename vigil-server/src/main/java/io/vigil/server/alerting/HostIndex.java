package io.vigil.server.alerting;

import io.vigil.model.AgentConfig;
import io.vigil.server.ha.ClusterListener;
import io.vigil.server.inventory.HostPresence;
import io.vigil.server.items.AgentConfigService;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Hosts, their groups and CPUs held in memory for the evaluator (reloaded every 30 s, and at once,
 * at most every 2 s, when a sample names an unknown host), and each host's enabled item intervals
 * cached per config version.
 */
@Component
class HostIndex implements HostLookup, ClusterListener {

  private static final Logger log = LoggerFactory.getLogger(HostIndex.class);
  static final long RELOAD_MILLIS = 30_000;
  static final long UNKNOWN_RELOAD_MILLIS = 2_000;

  private record Intervals(long version, Map<String, Integer> items) {}

  private final JdbcClient jdbc;
  private final AgentConfigService configs;
  private final HostPresence presence;
  private final Map<Long, Intervals> intervals = new ConcurrentHashMap<>();
  private volatile Map<String, Host> hosts = Map.of();
  private volatile long
      loadedAt; // 0: never loaded (Long.MIN_VALUE would overflow "now - loadedAt")

  HostIndex(JdbcClient jdbc, AgentConfigService configs, HostPresence presence) {
    this.jdbc = jdbc;
    this.configs = configs;
    this.presence = presence;
  }

  /** The peer changed hosts or groups: read them again at the next lookup. */
  @Override
  public void sharedConfigChanged() {
    loadedAt = 0;
    intervals.clear();
  }

  @Override
  public Host host(String key) {
    long now = System.currentTimeMillis();
    if (now - loadedAt > RELOAD_MILLIS) {
      reload(now);
    }
    Host host = hosts.get(key);
    if (host == null && now - loadedAt > UNKNOWN_RELOAD_MILLIS) {
      reload(now);
      host = hosts.get(key);
    }
    return host;
  }

  @Override
  public Collection<Host> hosts() {
    long now = System.currentTimeMillis();
    if (now - loadedAt > RELOAD_MILLIS) {
      reload(now);
    }
    return hosts.values();
  }

  @Override
  public Map<String, Integer> enabledIntervals(long hostId) {
    long version = configs.version(hostId);
    Intervals cached = intervals.get(hostId);
    if (cached == null || cached.version() != version) {
      Map<String, Integer> items = new LinkedHashMap<>();
      AgentConfig config = configs.configFor(hostId);
      for (Map.Entry<String, AgentConfig.Item> e : config.items().entrySet()) {
        if (e.getValue().enabled()) {
          items.put(e.getKey(), e.getValue().intervalSeconds());
        }
      }
      cached = new Intervals(version, Map.copyOf(items));
      intervals.put(hostId, cached);
    }
    return cached.items();
  }

  @Override
  public Long lastSeen(String hostKey) {
    Instant seen = presence.lastSeen(hostKey);
    return seen == null ? null : seen.toEpochMilli();
  }

  private void reload(long now) {
    loadedAt = now;
    try {
      Map<Long, Set<String>> groups = new HashMap<>();
      jdbc.sql(
              "SELECT m.host_id, g.name FROM host_group_members m"
                  + " JOIN host_groups g ON g.id = m.group_id")
          .query(
              (rs, n) -> {
                groups.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getString(2));
                return null;
              })
          .list();
      Map<String, Host> loaded = new HashMap<>();
      jdbc.sql("SELECT id, host_key, agentless, inventory_json FROM hosts")
          .query(
              (rs, n) -> {
                long id = rs.getLong("id");
                String key = rs.getString("host_key");
                loaded.put(
                    key,
                    new Host(
                        id,
                        key,
                        rs.getBoolean("agentless"),
                        Set.copyOf(groups.getOrDefault(id, Set.of())),
                        cpus(rs.getString("inventory_json"))));
                return null;
              })
          .list();
      hosts = Map.copyOf(loaded);
      intervals.keySet().retainAll(loaded.values().stream().map(Host::id).toList());
    } catch (RuntimeException e) {
      log.warn("Could not reload hosts and groups for alerting; keeping the previous ones", e);
    }
  }

  private static int cpus(String inventoryJson) {
    if (inventoryJson == null) {
      return 1;
    }
    try {
      JsonNode inventory = RuleJson.JSON.readTree(inventoryJson);
      int threads = inventory.path("cpuThreads").intValue(0);
      int cores = inventory.path("cpuCores").intValue(0);
      return Math.max(1, threads > 0 ? threads : cores);
    } catch (RuntimeException e) {
      return 1;
    }
  }
}
