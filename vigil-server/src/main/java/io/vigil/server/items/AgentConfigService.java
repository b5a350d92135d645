package io.vigil.server.items;

import io.vigil.model.AgentConfig;
import io.vigil.server.ha.ClusterListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What each host runs and the version of it. The effective items come from the templates of the
 * host's groups and of the host, then the host's own overrides (see {@link EffectiveConfig}). The
 * version lives in {@code hosts.config_version}, is served from memory on the ingest hot path and
 * is raised by {@link #changed} for exactly the hosts a configuration change affects, so their
 * agents fetch the new config after their next batch.
 */
@Service
public class AgentConfigService implements ClusterListener {

  private static final int CHUNK = 500;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final EffectiveConfig effective;
  private final ItemRules rules;
  private final Map<Long, Long> versions = new ConcurrentHashMap<>();

  /**
   * Effective configs by host, each valid while the host's version is the one it was made at: the
   * agent's fetch, the server's check runner and the alert evaluator all ask, and computing one
   * takes several queries (10,000 hosts written by line protocol at once made that a third of the
   * server's CPU).
   */
  private final Map<Long, AgentConfig> configs = new ConcurrentHashMap<>();

  /** The peer changed items or templates: versions are read again from the shared database. */
  @Override
  public void sharedConfigChanged() {
    versions.clear();
    configs.clear();
  }

  AgentConfigService(
      JdbcClient jdbc, JdbcTemplate batch, EffectiveConfig effective, ItemRules rules) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.effective = effective;
    this.rules = rules;
  }

  /** The host's config version, read once and then served from memory (ingest hot path). */
  public long version(long hostId) {
    return versions.computeIfAbsent(
        hostId,
        id ->
            jdbc.sql("SELECT config_version FROM hosts WHERE id = ?")
                .param(id)
                .query(Long.class)
                .optional()
                .orElse(1L));
  }

  /**
   * The host's effective items with secret parameters in clear: only for the agent of this host, or
   * the server's own check runner for an agentless host. Unknown hosts get no items.
   */
  public AgentConfig configFor(long hostId) {
    AgentConfig cached = configs.get(hostId);
    if (cached != null && cached.version() == version(hostId)) {
      return cached;
    }
    // The host row (and its version) is read before the items: a change committing meanwhile
    // leaves an older version on the config, which the next call sees as stale.
    AgentConfig fresh = compute(hostId);
    configs.put(hostId, fresh);
    return fresh;
  }

  private AgentConfig compute(long hostId) {
    return effective
        .of(hostId)
        .map(
            config -> {
              Map<String, AgentConfig.Item> items = new LinkedHashMap<>();
              for (EffectiveConfig.EffectiveItem e : config.items()) {
                StoredItem item = e.item();
                items.put(
                    item.key(),
                    new AgentConfig.Item(
                        item.intervalSeconds(),
                        item.enabled(),
                        item.kind(),
                        rules.plain(item.kind(), item.params())));
              }
              return new AgentConfig(config.host().configVersion(), items);
            })
        .orElseGet(() -> new AgentConfig(version(hostId), Map.of()));
  }

  /** Whether the host has no agent, so that its port and HTTP checks run on the server. */
  public boolean isAgentless(long hostId) {
    return effective.of(hostId).map(e -> e.host().agentless()).orElse(false);
  }

  /**
   * Raises the config version of these hosts in the current transaction; the in-memory versions
   * follow once it commits (at once without a transaction).
   */
  public void changed(Collection<Long> hostIds) {
    List<Long> ids = new ArrayList<>(new LinkedHashSet<>(hostIds));
    if (ids.isEmpty()) {
      return;
    }
    batch.batchUpdate(
        "UPDATE hosts SET config_version = config_version + 1 WHERE id = ?",
        ids.stream().map(id -> new Object[] {id}).toList());
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              refresh(ids);
            }
          });
    } else {
      refresh(ids);
    }
  }

  private void refresh(List<Long> ids) {
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      jdbc.sql("SELECT id, config_version FROM hosts WHERE id IN (" + marks + ")")
          .params(new ArrayList<Object>(chunk))
          .query(
              (rs, n) -> {
                versions.put(rs.getLong("id"), rs.getLong("config_version"));
                return null;
              })
          .list();
    }
  }
}
