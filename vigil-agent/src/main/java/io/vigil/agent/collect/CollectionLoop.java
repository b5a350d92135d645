package io.vigil.agent.collect;

import io.vigil.agent.check.CheckRunner;
import io.vigil.agent.config.ItemSchedule;
import io.vigil.model.AgentConfig;
import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.Inventory;
import io.vigil.model.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one collection thread: runs the collectors that are due, hands the check items that
 * are due to the {@link CheckRunner} (which runs them on its own threads), accumulates the points
 * and hands them on with the check results as a batch every push period (or earlier when many
 * points accumulated). One thread keeps the collectors free of locking and the footprint small.
 */
public final class CollectionLoop implements Runnable {

  /** Receives the points and check results of one push period (and the inventory, if changed). */
  public interface BatchSink {
    void inventory(Inventory inventory);

    void push(List<Point> points, List<CheckResult> checks, long sentAt);
  }

  private static final Logger LOG = LoggerFactory.getLogger(CollectionLoop.class);
  private static final long INVENTORY_CHECK_MILLIS = 300_000;

  private final Map<String, Collector> collectors = new LinkedHashMap<>();
  private final Supplier<Inventory> inventorySource;
  private final BatchSink sink;
  private final long pushMillis;
  private final int batchMaxPoints;
  private final ItemSchedule schedule;
  private final CheckRunner checks;
  private final Object lock = new Object();
  private List<Point> buffer = new ArrayList<>();
  private Inventory lastInventory;
  private long nextInventoryCheck;
  private long nextPush;
  private volatile boolean running = true;

  public CollectionLoop(
      List<Collector> collectors,
      Supplier<Inventory> inventorySource,
      BatchSink sink,
      Duration pushInterval,
      int batchMaxPoints,
      AgentConfig initialConfig,
      CheckRunner checks) {
    collectors.forEach(c -> this.collectors.put(c.key(), c));
    this.checks = checks;
    this.inventorySource = inventorySource;
    this.sink = sink;
    this.pushMillis = pushInterval.toMillis();
    this.batchMaxPoints = batchMaxPoints;
    long now = System.currentTimeMillis();
    this.schedule = new ItemSchedule(this.collectors.keySet(), now);
    this.nextPush = now + pushMillis;
    if (initialConfig != null) {
      applyConfig(initialConfig);
    }
  }

  /** Reschedules items; called from sender threads when a new central config arrived. */
  public void applyConfig(AgentConfig config) {
    synchronized (lock) {
      for (String unknown : schedule.apply(config, System.currentTimeMillis())) {
        LOG.warn(
            "config version {} names item '{}' this agent cannot run (no such collector, or a"
                + " check named like a collector); ignored",
            config.version(),
            unknown);
      }
      if (checks != null) {
        checks.apply(config.items());
      }
      lock.notifyAll();
    }
  }

  public AgentConfig.Item item(String key) {
    synchronized (lock) {
      return schedule.item(key);
    }
  }

  public void stop() {
    synchronized (lock) {
      running = false;
      lock.notifyAll();
    }
  }

  @Override
  public void run() {
    while (running) {
      long now = System.currentTimeMillis();
      List<String> due;
      List<String> dueChecks = new ArrayList<>();
      synchronized (lock) {
        due = schedule.due(now);
        for (String key : due) {
          if (schedule.isCheck(key)) {
            dueChecks.add(key);
          }
        }
      }
      // Checks first: they only start here and run on the check threads meanwhile.
      if (checks != null) {
        dueChecks.forEach(checks::submit);
      }
      if (now >= nextInventoryCheck) {
        checkInventory();
        nextInventoryCheck = now + INVENTORY_CHECK_MILLIS;
      }
      long nano = System.nanoTime();
      for (String key : due) {
        Collector collector = collectors.get(key);
        if (collector != null) {
          collectOne(collector, now, nano);
        }
      }
      if (System.currentTimeMillis() >= nextPush
          || buffer.size() >= batchMaxPoints
          || (checks != null && checks.pendingPoints() >= batchMaxPoints)) {
        push();
      }
      waitUntilNextEvent();
    }
    push(); // hand over what was collected; spooling is an atomic write, so this is safe
  }

  private void collectOne(Collector collector, long now, long nano) {
    int before = buffer.size();
    try {
      collector.collect(now, nano, buffer);
    } catch (RuntimeException e) {
      // One failing collector must not stop the others; drop its partial output.
      buffer.subList(before, buffer.size()).clear();
      LOG.warn("collector {} failed: {}", collector.key(), e.toString());
    }
  }

  private void checkInventory() {
    try {
      Inventory inventory = inventorySource.get();
      if (!inventory.equals(lastInventory)) {
        if (lastInventory != null) {
          LOG.info("host inventory changed; sending it with the next batch");
        }
        lastInventory = inventory;
        sink.inventory(inventory);
      }
    } catch (RuntimeException e) {
      LOG.warn("inventory collection failed: {}", e.toString());
    }
  }

  private void push() {
    List<Point> points = buffer;
    buffer = new ArrayList<>(Math.max(16, points.size()));
    nextPush = System.currentTimeMillis() + pushMillis;
    List<CheckResult> results = checks == null ? List.of() : checks.drain(Batch.MAX_CHECKS);
    if (checks != null) {
      // Points of checks (e.g. web log aggregates) fill the batch up to its size; the rest waits.
      points.addAll(checks.drainPoints(Math.max(0, batchMaxPoints - points.size())));
    }
    try {
      sink.push(points, results, System.currentTimeMillis());
    } catch (RuntimeException e) {
      LOG.error(
          "could not spool a batch of {} points and {} check results: {}",
          points.size(),
          results.size(),
          e.toString());
    }
  }

  private void waitUntilNextEvent() {
    synchronized (lock) {
      long wait = Math.min(schedule.nextDue(), nextPush) - System.currentTimeMillis();
      if (wait > 0 && running) {
        try {
          lock.wait(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }
}
