package io.vigil.server.checks;

import io.vigil.model.CheckResult;
import io.vigil.server.ingest.IngestListener;
import io.vigil.server.ingest.StoredBatch;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The latest result of each (host, check item), kept in memory from stored batches and written back
 * to table {@code check_state} in batches every {@code vigil.checks.save-interval}, off the store's
 * writer thread; loaded at start, so a restart keeps the last status of every check.
 */
@Component
class CheckStates implements IngestListener {

  private static final Logger log = LoggerFactory.getLogger(CheckStates.class);

  /** One check item of one host. */
  record HostItem(String hostKey, String item) {}

  private final CheckStateRepository repository;
  private final Map<String, Map<String, CheckResult>> byHost = new ConcurrentHashMap<>();
  private final Map<HostItem, CheckResult> unsaved = new ConcurrentHashMap<>();

  CheckStates(CheckStateRepository repository) {
    this.repository = repository;
    for (CheckStateRepository.Row row : repository.findAll()) {
      remember(row.hostKey(), row.result());
    }
  }

  /** Called on the store's writer thread: map updates only. */
  @Override
  public void onStored(StoredBatch batch) {
    for (CheckResult result : batch.checks()) {
      if (remember(batch.hostKey(), result)) {
        unsaved.merge(new HostItem(batch.hostKey(), result.item()), result, CheckStates::newer);
      }
    }
  }

  /** The latest result of each item of this host that reported any, by item key. */
  Map<String, CheckResult> of(String hostKey) {
    return byHost.getOrDefault(hostKey, Map.of());
  }

  /** Keeps the result unless a newer one is known; true when kept. */
  private boolean remember(String hostKey, CheckResult result) {
    Map<String, CheckResult> items =
        byHost.computeIfAbsent(hostKey, k -> new ConcurrentHashMap<>());
    return items.merge(result.item(), result, CheckStates::newer) == result;
  }

  /** A result re-sent by an agent (same or older run) never replaces a newer one. */
  private static CheckResult newer(CheckResult known, CheckResult candidate) {
    return candidate.timestamp() >= known.timestamp() ? candidate : known;
  }

  @Scheduled(
      fixedDelayString = "${vigil.checks.save-interval:5s}",
      initialDelayString = "${vigil.checks.save-interval:5s}")
  @PreDestroy
  synchronized void save() {
    if (unsaved.isEmpty()) {
      return;
    }
    Map<HostItem, CheckResult> batch = new HashMap<>();
    for (HostItem key : unsaved.keySet()) {
      CheckResult result = unsaved.remove(key);
      if (result != null) {
        batch.put(key, result);
      }
    }
    try {
      repository.save(batch);
    } catch (RuntimeException e) {
      log.warn("Could not save {} check states; retrying at the next save", batch.size(), e);
      batch.forEach((key, result) -> unsaved.merge(key, result, CheckStates::newer));
    }
  }
}
