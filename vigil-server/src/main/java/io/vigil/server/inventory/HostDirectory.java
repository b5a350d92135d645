package io.vigil.server.inventory;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Hosts as other features see them: their id, key, and whether an agent reports for them or the
 * server runs their checks (agentless). The agentless list is kept in memory, since the server's
 * check runner asks for it every second; it is reloaded when a host is created and once a minute.
 */
@Service
public class HostDirectory {

  /**
   * A host.
   *
   * @param id the database id
   * @param key the host key used in the API and as the {@code host} tag
   * @param agentless true when no agent reports for it and the server runs its checks
   * @param address the name or address its server-run checks connect to, or null
   */
  public record HostRef(long id, String key, boolean agentless, String address) {}

  private static final long RELOAD_MILLIS = 60_000;

  private final HostRepository hosts;
  private volatile List<HostRef> agentless;
  private volatile long agentlessLoadedAt;

  HostDirectory(HostRepository hosts) {
    this.hosts = hosts;
  }

  public Optional<HostRef> find(String key) {
    return hosts.findByKey(key).map(HostDirectory::ref);
  }

  /** Every agentless host, at most a minute stale (new hosts appear at once). */
  public List<HostRef> agentless() {
    List<HostRef> current = agentless;
    if (current == null || System.currentTimeMillis() - agentlessLoadedAt > RELOAD_MILLIS) {
      current = hosts.findAgentless().stream().map(HostDirectory::ref).toList();
      agentless = current;
      agentlessLoadedAt = System.currentTimeMillis();
    }
    return current;
  }

  void agentlessChanged() {
    agentless = null;
  }

  static HostRef ref(HostRepository.HostRow row) {
    return new HostRef(row.id(), row.key(), row.agentless(), row.address());
  }
}
