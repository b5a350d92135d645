package io.vigil.server.alerting;

import io.vigil.model.AgentConfig;
import io.vigil.server.ha.ClusterListener;
import io.vigil.server.inventory.HostPresence;
import io.vigil.server.items.AgentConfigService;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Hosts, their groups and CPUs held in memory for the evaluator: all reloaded every 30 s, and one
 * host read at once when a sample names a host not known yet or one whose config version moved (a
 * group membership change raises it, and a group-scoped rule must see the new member at its next
 * sample); and each host's enabled item intervals cached per config version.
 */
@Component
class HostIndex implements HostLookup, ClusterListener {

  private static final Logger log = LoggerFactory.getLogger(HostIndex.class);
  static final long RELOAD_MILLIS = 30_000;

  private record Intervals(long version, Map<String, Integer> items) {}

  private static final String HOST_COLUMNS =
      "id, host_key, agentless, inventory_json, config_version";

  private final JdbcClient jdbc;
  private final AgentConfigService configs;
  private final HostPresence presence;
  private final Map<Long, Intervals> intervals = new ConcurrentHashMap<>();
  private volatile Map<String, Host> hosts = new ConcurrentHashMap<>();
  private volatile Map<Long, Long> loadedVersions = new ConcurrentHashMap<>();
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
    return host == null || moved(host) ? loadOne(key, host) : host;
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

  /** Whether the host's config changed since it was loaded (its groups may have). */
  private boolean moved(Host host) {
    Long loaded = loadedVersions.get(host.id());
    return loaded != null && loaded != configs.version(host.id());
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
      Map<String, Host> loaded = new ConcurrentHashMap<>();
      Map<Long, Long> versions = new ConcurrentHashMap<>();
      jdbc.sql("SELECT " + HOST_COLUMNS + " FROM hosts")
          .query(
              (rs, n) -> {
                Host host = host(rs, groups.getOrDefault(rs.getLong("id"), Set.of()));
                loaded.put(host.key(), host);
                versions.put(host.id(), rs.getLong("config_version"));
                return null;
              })
          .list();
      hosts = loaded;
      loadedVersions = versions;
      intervals.keySet().retainAll(versions.keySet());
    } catch (RuntimeException e) {
      log.warn("Could not reload hosts and groups for alerting; keeping the previous ones", e);
    }
  }

  /** Reads one host and its groups; on failure keeps what was known ({@code known}, or null). */
  private Host loadOne(String key, Host known) {
    try {
      Host row =
          jdbc.sql("SELECT " + HOST_COLUMNS + " FROM hosts WHERE host_key = ?")
              .param(key)
              .query((rs, n) -> host(rs, Set.of()))
              .optional()
              .orElse(null);
      if (row == null) {
        return null;
      }
      // The version as the config service has it, read before the groups: moved() compares with
      // that, so one read settles the host even when the service's copy lags the database, and a
      // membership change committed after this read moves the version again.
      long id = row.id();
      long version = configs.version(id);
      Host host = new Host(id, row.key(), row.agentless(), groupsOf(id), row.cpus());
      hosts.put(key, host);
      loadedVersions.put(id, version);
      return host;
    } catch (RuntimeException e) {
      log.warn("Could not read host {} for alerting; keeping what was known", key, e);
      return known;
    }
  }

  private Set<String> groupsOf(long hostId) {
    return Set.copyOf(
        jdbc.sql(
                "SELECT g.name FROM host_group_members m"
                    + " JOIN host_groups g ON g.id = m.group_id WHERE m.host_id = ?")
            .param(hostId)
            .query(String.class)
            .list());
  }

  private static Host host(ResultSet rs, Set<String> groups) throws SQLException {
    return new Host(
        rs.getLong("id"),
        rs.getString("host_key"),
        rs.getBoolean("agentless"),
        Set.copyOf(groups),
        cpus(rs.getString("inventory_json")));
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
