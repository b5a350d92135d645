package io.vigil.agent.config;

import io.vigil.agent.state.AtomicFiles;
import io.vigil.agent.wire.AgentWire;
import io.vigil.model.AgentConfig;
import io.vigil.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config the agent runs with: the last one fetched from a server, persisted so a restart
 * without a reachable server keeps it. Senders report the version each ack carries; a different
 * version triggers one fetch per server and version, so two servers that briefly disagree during
 * replication do not make the agent fetch on every batch.
 */
public final class CentralConfig {

  /** Fetches the config from one server; throws when the server cannot answer. */
  @FunctionalInterface
  public interface Fetcher {
    AgentConfig fetch() throws IOException, InterruptedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(CentralConfig.class);

  private final Path file;
  private final Consumer<AgentConfig> listener;
  private final Map<String, Long> fetchedFrom = new HashMap<>();
  private AgentConfig current;

  public CentralConfig(Path file, Consumer<AgentConfig> listener) {
    this.file = file;
    this.listener = listener;
    this.current = load();
  }

  private AgentConfig load() {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      AgentConfig config = AgentWire.config(Files.readAllBytes(file));
      LOG.info("using the config version {} kept from the last run", config.version());
      return config;
    } catch (IOException | InvalidInputException e) {
      LOG.warn(
          "ignoring unreadable {} ({}); using defaults until a server answers", file, e.toString());
      return null;
    }
  }

  /** The persisted config, or null; applied once at start-up. */
  public synchronized AgentConfig current() {
    return current;
  }

  public synchronized long version() {
    return current == null ? 0 : current.version();
  }

  /** Called by a sender after an ack; fetches and applies the config when its version changed. */
  public void onAckVersion(String server, long version, Fetcher fetcher)
      throws IOException, InterruptedException {
    synchronized (this) {
      if (version == version() || Long.valueOf(version).equals(fetchedFrom.get(server))) {
        return;
      }
    }
    AgentConfig fetched = fetcher.fetch();
    synchronized (this) {
      fetchedFrom.put(server, version);
      if (current != null && fetched.equals(current)) {
        return;
      }
      current = fetched;
      try {
        // Check parameters may hold secrets (a database password): owner-readable only.
        AtomicFiles.writeSecret(file, AgentWire.config(fetched));
      } catch (IOException e) {
        LOG.warn(
            "could not persist config version {} to {}: {}", fetched.version(), file, e.toString());
      }
      LOG.info(
          "config version {} received from {}: items {}",
          fetched.version(),
          server,
          fetched.items().keySet()); // not the parameters: they may hold secrets
    }
    listener.accept(fetched);
  }
}
