package io.vigil.server.checks;

import io.vigil.model.AgentConfig;
import io.vigil.model.CheckResult;
import io.vigil.server.ingest.IngestPipeline;
import io.vigil.server.inventory.HostDirectory;
import io.vigil.server.inventory.HostPresence;
import io.vigil.server.items.AgentConfigService;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the check items of agentless hosts on the server. Every {@code vigil.checks.server-tick} it
 * looks at each agentless host's effective items and starts those that are due, each on its own
 * virtual thread, at most {@code vigil.checks.server-concurrency} at once (a due item that finds no
 * free slot waits for the next tick; the tick itself never blocks on a check). Results go through
 * the ingest pipeline like an agent's: stored as points, kept as the latest state, sent to the live
 * stream, and they keep the host online.
 */
@Component
class ServerCheckRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ServerCheckRunner.class);

  /**
   * Config is re-read when its version changes (every change raises it), and at least this often as
   * a safety net. Not more often: with 10,000 agentless hosts (pushed by Telegraf) re-reading every
   * 30 s took a sixth of the server's CPU under line-protocol load.
   */
  private static final long CONFIG_MAX_AGE_MILLIS = 600_000;

  /** One item of one host. */
  private record ItemKey(long hostId, String item) {}

  /** When an item runs next, and the item as it was scheduled (a changed item runs at once). */
  private record Schedule(AgentConfig.Item item, long nextRunMillis) {}

  private record CachedConfig(AgentConfig config, long loadedAtMillis) {}

  private final HostDirectory hosts;
  private final AgentConfigService configs;
  private final IngestPipeline pipeline;
  private final HostPresence presence;
  private final Duration tick;
  private final Semaphore slots;
  private final Map<String, ServerCheckKind> kinds;
  private final Map<ItemKey, Schedule> schedules = new ConcurrentHashMap<>();
  private final Set<ItemKey> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<Long, CachedConfig> configCache = new ConcurrentHashMap<>();
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong deferred = new AtomicLong();
  private volatile ScheduledExecutorService scheduler;

  ServerCheckRunner(
      HostDirectory hosts,
      AgentConfigService configs,
      IngestPipeline pipeline,
      HostPresence presence,
      ChecksProperties properties,
      List<ServerCheckKind> kinds) {
    this.hosts = hosts;
    this.configs = configs;
    this.pipeline = pipeline;
    this.presence = presence;
    this.tick = properties.serverTick();
    this.slots = new Semaphore(properties.serverConcurrency());
    Map<String, ServerCheckKind> byKind = new java.util.HashMap<>();
    for (ServerCheckKind kind : kinds) {
      if (byKind.put(kind.kind(), kind) != null) {
        throw new IllegalStateException("two server check kinds named " + kind.kind());
      }
    }
    this.kinds = Map.copyOf(byKind);
  }

  /** Checks run so far. */
  long runs() {
    return runs.get();
  }

  /** Due checks that had to wait for a free slot. */
  long deferred() {
    return deferred.get();
  }

  void tick() {
    long now = System.currentTimeMillis();
    Set<ItemKey> configured = new HashSet<>();
    for (HostDirectory.HostRef host : hosts.agentless()) {
      try {
        scheduleHost(host, now, configured);
      } catch (RuntimeException e) {
        log.warn("Could not schedule the checks of agentless host {}", host.key(), e);
      }
    }
    schedules.keySet().retainAll(configured);
  }

  private void scheduleHost(HostDirectory.HostRef host, long now, Set<ItemKey> configured) {
    int shortestInterval = Integer.MAX_VALUE;
    for (Map.Entry<String, AgentConfig.Item> entry : config(host.id(), now).items().entrySet()) {
      AgentConfig.Item item = entry.getValue();
      if (!item.isCheck() || !item.enabled()) {
        continue;
      }
      ItemKey key = new ItemKey(host.id(), entry.getKey());
      configured.add(key);
      shortestInterval = Math.min(shortestInterval, item.intervalSeconds());
      Schedule schedule = schedules.get(key);
      boolean due =
          schedule == null || !schedule.item().equals(item) || now >= schedule.nextRunMillis();
      if (due && !inFlight.contains(key)) {
        launch(host, key, item, now);
      }
    }
    if (shortestInterval != Integer.MAX_VALUE) {
      presence.expectReportsWithin(host.key(), Duration.ofSeconds(3L * shortestInterval));
    }
  }

  private AgentConfig config(long hostId, long now) {
    CachedConfig cached = configCache.get(hostId);
    if (cached == null
        || cached.config().version() != configs.version(hostId)
        || now - cached.loadedAtMillis() > CONFIG_MAX_AGE_MILLIS) {
      cached = new CachedConfig(configs.configFor(hostId), now);
      configCache.put(hostId, cached);
    }
    return cached.config();
  }

  private void launch(HostDirectory.HostRef host, ItemKey key, AgentConfig.Item item, long now) {
    if (!slots.tryAcquire()) {
      deferred.incrementAndGet();
      return;
    }
    inFlight.add(key);
    schedules.put(key, new Schedule(item, now + item.intervalSeconds() * 1000L));
    try {
      Thread.ofVirtual()
          .name("server-check-" + host.key() + "-" + key.item())
          .start(
              () -> {
                try {
                  submit(host.key(), ServerCheck.run(key.item(), item, host, kinds));
                } finally {
                  inFlight.remove(key);
                  slots.release();
                }
              });
    } catch (RuntimeException e) {
      inFlight.remove(key);
      slots.release();
      throw e;
    }
  }

  private void submit(String hostKey, ServerCheck.Outcome outcome) {
    runs.incrementAndGet();
    CheckResult result = outcome.result();
    try {
      pipeline.submit(hostKey, outcome.points(), List.of(result));
    } catch (IngestPipeline.UnavailableException e) {
      log.warn("Dropped the result of {} on {}: {}", result.item(), hostKey, e.getMessage());
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("vigil-server-checks").daemon(true).factory());
    executor.scheduleWithFixedDelay(
        this::safeTick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    scheduler = executor;
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Server check tick failed", e);
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService executor = scheduler;
    scheduler = null;
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }

  /** Starts after the ingest pipeline and stops before it, so results always find it running. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
