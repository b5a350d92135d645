package io.vigil.server.items;

import io.vigil.model.AgentConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What each agent collects and how often. Until templates and per-host overrides exist, every host
 * gets the default item set at {@code vigil.items.default-interval}; the version comes from the
 * host row so that later changes reach agents through the version echoed in every ingest
 * acknowledgement.
 */
@Service
public class AgentConfigService {

  /** The collectors every agent runs by default. */
  static final List<String> DEFAULT_ITEMS =
      List.of("cpu", "load", "mem", "swap", "fs", "disk", "net", "tcp", "system", "proc", "agent");

  private final JdbcClient jdbc;
  private final int intervalSeconds;
  private final Map<Long, Long> versions = new ConcurrentHashMap<>();

  AgentConfigService(JdbcClient jdbc, ItemsProperties properties) {
    this.jdbc = jdbc;
    this.intervalSeconds = (int) properties.defaultInterval().toSeconds();
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

  public AgentConfig configFor(long hostId) {
    Map<String, AgentConfig.Item> items = new LinkedHashMap<>();
    for (String key : DEFAULT_ITEMS) {
      items.put(key, new AgentConfig.Item(intervalSeconds, true));
    }
    return new AgentConfig(version(hostId), items);
  }
}
