package io.vigil.agent.check;

import io.vigil.model.AgentConfig;
import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.Names;
import io.vigil.model.Point;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the config's check items on a few daemon threads, never on the collection thread, and keeps
 * their results until the next batch takes them ({@link #drain}). An item whose previous run has
 * not ended when it is due again is skipped, not started twice. Idle threads end after a minute, so
 * an agent without checks keeps no thread for them.
 */
public final class CheckRunner implements AutoCloseable {

  /** Results kept for the next batches at most; the oldest are dropped beyond. */
  static final int MAX_PENDING = 2 * Batch.MAX_CHECKS;

  /** Points of checks kept for the next batches at most; the oldest are dropped beyond. */
  static final int MAX_PENDING_POINTS = Batch.MAX_POINTS;

  private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

  private final CheckKinds kinds;
  private final CheckContext context;
  private final ThreadPoolExecutor executor;
  private final Map<String, ActiveCheck> active = new HashMap<>(); // guarded by this
  private final ArrayDeque<CheckResult> results = new ArrayDeque<>(); // guarded by itself
  private final ArrayDeque<Point> points = new ArrayDeque<>(); // guarded by results
  private long skippedRuns; // guarded by this
  private long droppedResults; // guarded by results
  private long droppedPoints; // guarded by results

  public CheckRunner(CheckKinds kinds, CheckContext context, int threads) {
    this.kinds = kinds;
    this.context = context;
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1024),
            daemonThreads());
    executor.allowCoreThreadTimeOut(true);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> Thread.ofPlatform().daemon().name("check-" + n.incrementAndGet()).unstarted(r);
  }

  /**
   * Takes the check items (kind not null) of a config: new ones are added, removed or disabled ones
   * retired, ones whose kind or parameters changed get a new instance. Interval changes alone keep
   * the instance (the schedule handles them).
   */
  public synchronized void apply(Map<String, AgentConfig.Item> items) {
    Iterator<Map.Entry<String, ActiveCheck>> it = active.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, ActiveCheck> e = it.next();
      AgentConfig.Item wanted = items.get(e.getKey());
      if (wanted == null
          || !wanted.isCheck()
          || !wanted.enabled()
          || !e.getValue().runs(wanted.kind(), wanted.params())) {
        e.getValue().retire();
        it.remove();
      }
    }
    for (Map.Entry<String, AgentConfig.Item> e : items.entrySet()) {
      AgentConfig.Item item = e.getValue();
      if (item.isCheck() && !Names.isIdentifier(e.getKey())) {
        // Results name the item, and state files are named after it: identifiers only.
        LOG.warn(
            "check item key '{}' does not match {}; ignored",
            e.getKey().length() > 70 ? e.getKey().substring(0, 70) + "…" : e.getKey(),
            Names.IDENTIFIER.pattern());
        continue;
      }
      if (item.isCheck() && item.enabled() && !active.containsKey(e.getKey())) {
        active.put(
            e.getKey(), new ActiveCheck(e.getKey(), item.kind(), item.params(), kinds, context));
      }
    }
  }

  /**
   * Starts a run of {@code item} on a check thread.
   *
   * @return false when the item is not a configured check or its previous run is still under way
   */
  public boolean submit(String item) {
    ActiveCheck check;
    synchronized (this) {
      check = active.get(item);
      if (check == null) {
        return false;
      }
      if (!check.tryStart()) {
        skippedRuns++;
        LOG.debug("check item {} is still running; this run is skipped", item);
        return false;
      }
    }
    try {
      executor.execute(() -> keep(check, check.runOnce()));
      return true;
    } catch (RejectedExecutionException e) {
      check.finish();
      LOG.warn("check item {} not run: the check threads are saturated or stopped", item);
      return false;
    }
  }

  private void keep(ActiveCheck check, ActiveCheck.Run run) {
    if (check.isRetired()) {
      return; // removed or replaced meanwhile: its result would describe a stale item
    }
    synchronized (results) {
      if (results.size() >= MAX_PENDING) {
        results.pollFirst();
        droppedResults++;
      }
      results.addLast(run.result());
      for (Point point : run.points()) {
        if (points.size() >= MAX_PENDING_POINTS) {
          points.pollFirst();
          droppedPoints++;
        }
        points.addLast(point);
      }
    }
  }

  /** The checks' own points since the previous call, oldest first, at most {@code max}. */
  public List<Point> drainPoints(int max) {
    synchronized (results) {
      List<Point> out = new ArrayList<>(Math.min(Math.max(max, 0), points.size()));
      while (out.size() < max && !points.isEmpty()) {
        out.add(points.pollFirst());
      }
      return out;
    }
  }

  /** Points of checks waiting for a batch. */
  public int pendingPoints() {
    synchronized (results) {
      return points.size();
    }
  }

  /** Points of checks dropped because no batch took them in time. */
  public long droppedPoints() {
    synchronized (results) {
      return droppedPoints;
    }
  }

  /** The results since the previous call, oldest first, at most {@code max}. */
  public List<CheckResult> drain(int max) {
    synchronized (results) {
      List<CheckResult> out = new ArrayList<>(Math.min(max, results.size()));
      while (out.size() < max && !results.isEmpty()) {
        out.add(results.pollFirst());
      }
      return out;
    }
  }

  /** Runs skipped because the previous run of the item had not ended. */
  public synchronized long skippedRuns() {
    return skippedRuns;
  }

  /** Results dropped because no batch took them in time. */
  public long droppedResults() {
    synchronized (results) {
      return droppedResults;
    }
  }

  /** The items configured now. */
  public synchronized List<String> items() {
    return List.copyOf(active.keySet());
  }

  /** Stops the check threads and closes every instance (runs under way are interrupted). */
  @Override
  public synchronized void close() {
    executor.shutdownNow();
    active.values().forEach(ActiveCheck::retire);
    active.clear();
  }
}
