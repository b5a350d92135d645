package io.vigil.server.inventory;

import io.vigil.server.ingest.IngestListener;
import io.vigil.server.ingest.StoredBatch;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Online/offline state of hosts: a host is online while it has reported within {@code
 * vigil.hosts.offline-after} (three default collection intervals). State changes are published as
 * {@link HostStateChanged} events. Agentless hosts report through the checks the server runs for
 * them, and may be given a longer window ({@link #expectReportsWithin}).
 */
@Component
public class HostPresence implements IngestListener {

  private final HostRepository hosts;
  private final ApplicationEventPublisher events;
  private final Duration offlineAfter;
  private final Clock clock;
  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
  private final Map<String, Instant> unsaved = new ConcurrentHashMap<>();
  private final Map<String, Boolean> online = new ConcurrentHashMap<>();
  private final Map<String, Duration> windows = new ConcurrentHashMap<>();

  HostPresence(
      HostRepository hosts,
      ApplicationEventPublisher events,
      @Value("${vigil.hosts.offline-after:30s}") Duration offlineAfter) {
    this.hosts = hosts;
    this.events = events;
    this.offlineAfter = offlineAfter;
    this.clock = Clock.systemUTC();
    for (HostRepository.HostRow host : hosts.findAll()) {
      if (host.lastSeenAt() != null) {
        lastSeen.put(host.key(), host.lastSeenAt());
      }
    }
  }

  @Override
  public void onStored(StoredBatch batch) {
    Instant now = clock.instant();
    lastSeen.put(batch.hostKey(), now);
    unsaved.put(batch.hostKey(), now);
    if (!Boolean.TRUE.equals(online.put(batch.hostKey(), true))) {
      events.publishEvent(new HostStateChanged(batch.hostKey(), true));
    }
  }

  public boolean isOnline(String hostKey) {
    Instant seen = lastSeen.get(hostKey);
    return seen != null && seen.isAfter(clock.instant().minus(offlineAfter(hostKey)));
  }

  /**
   * A host that reports less often than agents do (an agentless host whose checks the server runs
   * every few minutes) stays online for this long after each report, if longer than the default.
   */
  public void expectReportsWithin(String hostKey, Duration window) {
    if (window.compareTo(offlineAfter) > 0) {
      windows.put(hostKey, window);
    } else {
      windows.remove(hostKey);
    }
  }

  private Duration offlineAfter(String hostKey) {
    return windows.getOrDefault(hostKey, offlineAfter);
  }

  public Instant lastSeen(String hostKey) {
    return lastSeen.get(hostKey);
  }

  @Scheduled(fixedDelayString = "2s")
  void detectOffline() {
    for (Map.Entry<String, Boolean> entry : online.entrySet()) {
      if (entry.getValue() && !isOnline(entry.getKey())) {
        entry.setValue(false);
        events.publishEvent(new HostStateChanged(entry.getKey(), false));
      }
    }
  }

  @Scheduled(fixedDelayString = "10s")
  @PreDestroy
  void saveLastSeen() {
    Map<String, Instant> batch = new HashMap<>();
    for (String key : unsaved.keySet()) {
      Instant seen = unsaved.remove(key);
      if (seen != null) {
        batch.put(key, seen);
      }
    }
    if (!batch.isEmpty()) {
      hosts.updateLastSeen(batch);
    }
  }
}
