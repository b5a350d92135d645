package io.vigil.server.ingest;

import io.vigil.model.CheckResult;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.storage.MetricStore;
import io.vigil.storage.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hands validated batches to the store's single writer through a bounded queue, groups them into
 * few large store writes, completes each request once its points are durable, then tells the
 * listeners (live stream, host figures, presence). A full queue is refused at once, so an overload
 * becomes 503s that agents retry from their spools rather than unbounded memory.
 */
@Component
public class IngestPipeline implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

  /**
   * One request waiting for the writer: what each of its hosts sent (handed to the listeners once
   * stored; none for the server's own points) and everything to write (the points followed by the
   * check results as points).
   */
  private record PendingWrite(
      List<StoredBatch> batches, List<Point> written, CompletableFuture<Void> done) {}

  /** The queue is full or the pipeline is stopping. */
  public static final class UnavailableException extends RuntimeException {
    UnavailableException(String message) {
      super(message);
    }
  }

  private final MetricStore store;
  private final List<IngestListener> listeners;
  private final BlockingQueue<PendingWrite> queue;
  private final int maxPointsPerCommit;
  private final long commitIntervalNanos;
  private final AtomicLong storedPoints = new AtomicLong();
  private final AtomicLong rejectedBatches = new AtomicLong();
  private volatile boolean running;
  private Thread writer;

  IngestPipeline(MetricStore store, List<IngestListener> listeners, IngestProperties properties) {
    this.store = store;
    this.listeners = List.copyOf(listeners);
    this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
    this.maxPointsPerCommit = properties.maxPointsPerCommit();
    this.commitIntervalNanos = properties.commitInterval().toNanos();
  }

  /** Queues points of one host; the future completes when they are durable. */
  public CompletableFuture<Void> submit(String hostKey, List<Point> points) {
    return submit(hostKey, points, List.of());
  }

  /**
   * Queues points and check results of one host, written in the same store write; the future
   * completes when all of them are durable. The points must carry the host tag already.
   */
  public CompletableFuture<Void> submit(
      String hostKey, List<Point> points, List<CheckResult> checks) {
    if (!running) {
      throw new UnavailableException("the server is stopping");
    }
    List<Point> written = points;
    if (!checks.isEmpty()) {
      written = new ArrayList<>(points.size() + checks.size() * 2);
      written.addAll(points);
      written.addAll(CheckPoints.of(hostKey, checks));
    }
    return enqueue(
        new PendingWrite(
            List.of(new StoredBatch(hostKey, points, checks, System.nanoTime())),
            written,
            new CompletableFuture<>()));
  }

  /**
   * Queues the points of several hosts (a line-protocol request names many) as one entry, written
   * in one store write; the future completes when all are durable. Listeners see one batch per
   * host. The points must carry the host tag already.
   */
  public CompletableFuture<Void> submitAll(Map<String, List<Point>> pointsByHost) {
    if (!running) {
      throw new UnavailableException("the server is stopping");
    }
    long now = System.nanoTime();
    List<StoredBatch> batches = new ArrayList<>(pointsByHost.size());
    int size = 0;
    for (Map.Entry<String, List<Point>> host : pointsByHost.entrySet()) {
      batches.add(new StoredBatch(host.getKey(), host.getValue(), List.of(), now));
      size += host.getValue().size();
    }
    List<Point> written = new ArrayList<>(size);
    batches.forEach(batch -> written.addAll(batch.points()));
    return enqueue(new PendingWrite(batches, written, new CompletableFuture<>()));
  }

  private CompletableFuture<Void> enqueue(PendingWrite write) {
    if (!queue.offer(write)) {
      rejectedBatches.incrementAndGet();
      throw new UnavailableException("the store is busy; retry later");
    }
    return write.done();
  }

  /**
   * Queues the server's own points (e.g. the store's size): written like a host's, but no listener
   * hears of them, since no host sent them. The points must carry a host tag.
   */
  public CompletableFuture<Void> submitOwn(List<Point> points) {
    if (!running) {
      throw new UnavailableException("the server is stopping");
    }
    return enqueue(new PendingWrite(List.of(), points, new CompletableFuture<>()));
  }

  public long storedPoints() {
    return storedPoints.get();
  }

  public long rejectedBatches() {
    return rejectedBatches.get();
  }

  public int queued() {
    return queue.size();
  }

  private void writeLoop() {
    List<PendingWrite> group = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        PendingWrite first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        points.addAll(first.written());
        // Gather for a short window: every store commit has a fixed cost in the engine (WAL apply,
        // rollup bookkeeping) that hundreds of tiny commits a second would multiply.
        long deadline = System.nanoTime() + commitIntervalNanos;
        while (points.size() < maxPointsPerCommit) {
          long wait = deadline - System.nanoTime();
          PendingWrite next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          group.add(next);
          points.addAll(next.written());
        }
        writeGroup(group, points);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        group.clear();
        points.clear();
      }
    }
    PendingWrite left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new UnavailableException("the server stopped"));
    }
  }

  private void writeGroup(List<PendingWrite> group, List<Point> points) {
    try {
      store.write(points);
    } catch (StoreUnavailableException e) {
      // The remote store is down or overloaded: expected in an outage, no stack trace each time.
      log.warn(
          "Store write of {} points failed ({}); agents will retry", points.size(), e.getMessage());
      group.forEach(w -> w.done().completeExceptionally(e));
      return;
    } catch (InvalidInputException e) {
      if (group.size() > 1) {
        // One request's points clash with the store's schema (a tag where a field is, say); the
        // store checked before writing anything, so write each request alone and refuse only the
        // offender, not everyone who shared its commit.
        for (PendingWrite write : group) {
          writeGroup(List.of(write), write.written());
        }
        return;
      }
      log.warn("Store refused {} points: {}", points.size(), e.getMessage());
      group.forEach(w -> w.done().completeExceptionally(e));
      return;
    } catch (RuntimeException e) {
      log.error("Store write of {} points failed; agents will retry", points.size(), e);
      group.forEach(w -> w.done().completeExceptionally(e));
      return;
    }
    storedPoints.addAndGet(points.size());
    for (PendingWrite write : group) {
      // Listeners first: once a request is acknowledged, the latest state it carried (figures,
      // check results) is visible in the API.
      for (StoredBatch stored : write.batches()) {
        for (IngestListener listener : listeners) {
          try {
            listener.onStored(stored);
          } catch (RuntimeException e) {
            log.warn("Ingest listener {} failed", listener.getClass().getSimpleName(), e);
          }
        }
      }
      write.done().complete(null);
    }
  }

  @Override
  public void start() {
    running = true;
    writer = Thread.ofPlatform().name("vigil-store-writer").start(this::writeLoop);
  }

  @Override
  public void stop() {
    running = false;
    if (writer != null) {
      try {
        writer.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the web server has stopped taking requests, and before the store closes. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
