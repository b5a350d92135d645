package io.vigil.server.alerting;

import io.vigil.server.ha.ClusterListener;
import io.vigil.server.ingest.IngestListener;
import io.vigil.server.ingest.StoredBatch;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Judges stored batches against the alert rules on its own thread. {@link #onStored} runs on the
 * store's writer thread and only offers the batch to a bounded queue (a full queue drops it,
 * counted and logged, never blocking ingest); the evaluator thread takes batches, judges absence
 * and host down every {@code vigil.alerting.tick}, and hands changes to the {@link ProblemSink}s.
 * Nothing thrown while judging leaves the loop.
 */
@Component
public class AlertEvaluator implements IngestListener, SmartLifecycle, ClusterListener {

  private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
  private static final long DROP_LOG_EVERY_MILLIS = 10_000;

  /** A stored batch and when it reached the server ({@link System#nanoTime()}). */
  private record Queued(StoredBatch batch, long receivedAtNanos) {}

  private final BlockingQueue<Queued> queue;
  private final RuleRepository rules;
  private final ObjectProvider<ProblemSink> sinkBeans;
  private final List<ProblemSink> extraSinks = new CopyOnWriteArrayList<>();
  private final AlertEngine engine;
  private final AlertLatency latency = new AlertLatency();
  private final long tickMillis;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong judged = new AtomicLong();
  private final AtomicLong signals = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile long droppedLoggedAt;
  private volatile boolean rulesDirty = true;
  private volatile boolean resyncRequested;
  private volatile boolean running;
  private volatile List<ProblemSink> sinks;
  private Thread thread;

  AlertEvaluator(
      RuleRepository rules,
      ObjectProvider<ProblemSink> sinkBeans,
      HostIndex hosts,
      AlertingProperties properties) {
    this.rules = rules;
    this.sinkBeans = sinkBeans;
    this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
    this.tickMillis = properties.tick().toMillis();
    this.engine = new AlertEngine(hosts, this::emit);
  }

  @Override
  public void onStored(StoredBatch batch) {
    if (!running) {
      return;
    }
    if (!queue.offer(new Queued(batch, batch.receivedAtNanos()))) {
      long count = dropped.incrementAndGet();
      long now = System.currentTimeMillis();
      if (now - droppedLoggedAt > DROP_LOG_EVERY_MILLIS) {
        droppedLoggedAt = now;
        log.warn(
            "Alert evaluation is behind: dropped a batch of {} ({} dropped so far); raise"
                + " vigil.alerting.queue-capacity or give the server more CPU",
            batch.hostKey(),
            count);
      }
    }
  }

  /** The rules changed: the evaluator reloads them before judging the next batch. */
  public void rulesChanged() {
    rulesDirty = true;
  }

  /** The peer changed configuration in the shared database: rules may have changed. */
  @Override
  public void sharedConfigChanged() {
    rulesChanged();
  }

  /**
   * This server now leads: every series signals its state again at its next judgement, so problems
   * the previous leader did not write open and the ones that ended meanwhile resolve.
   */
  @Override
  public void leadershipGained() {
    resyncRequested = true;
  }

  /** Also hands signals to this sink (tests, benchmarks); called on the evaluator thread. */
  public void addSink(ProblemSink sink) {
    extraSinks.add(sink);
  }

  /** Ingest-to-signal latency of signals caused by batches (benchmark hook). */
  public AlertLatency.Snapshot latency() {
    return latency.snapshot();
  }

  /** Batches dropped because the evaluator's queue was full. */
  public long droppedBatches() {
    return dropped.get();
  }

  /** Batches judged. */
  public long judgedBatches() {
    return judged.get();
  }

  /** Signals handed to the sinks. */
  public long signalCount() {
    return signals.get();
  }

  /** Batches waiting. */
  public int queued() {
    return queue.size();
  }

  private void loop() {
    long nextTick = System.currentTimeMillis() + tickMillis;
    while (running) {
      try {
        long wait = nextTick - System.currentTimeMillis();
        Queued next = wait > 0 ? queue.poll(wait, TimeUnit.MILLISECONDS) : null;
        // After the wait: a rule saved just before a batch arrived judges that batch.
        if (rulesDirty) {
          rulesDirty = false;
          try {
            engine.rules(rules.findAll(), System.currentTimeMillis());
          } catch (RuntimeException e) {
            rulesDirty = true; // retried on the next turn
            throw e;
          }
        }
        if (resyncRequested) {
          resyncRequested = false;
          engine.resync();
        }
        if (next != null) {
          judged.incrementAndGet();
          StoredBatch b = next.batch();
          engine.batch(
              b.hostKey(),
              b.points(),
              b.checks(),
              next.receivedAtNanos(),
              System.currentTimeMillis());
        }
        long now = System.currentTimeMillis();
        if (now >= nextTick) {
          nextTick = now + tickMillis;
          engine.tick(now);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable e) { // never leave the loop: a broken rule must not stop alerting
        failures.incrementAndGet();
        log.error("Alert evaluation failed; continuing", e);
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          pause();
        }
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void emit(ProblemSignal signal, long receivedAtNanos) {
    signals.incrementAndGet();
    List<ProblemSink> beans = sinks;
    if (beans == null) {
      beans = sinkBeans.orderedStream().toList();
      sinks = beans;
    }
    for (ProblemSink sink : beans) {
      deliver(sink, signal);
    }
    for (ProblemSink sink : extraSinks) {
      deliver(sink, signal);
    }
    if (receivedAtNanos != 0) {
      latency.record(System.nanoTime() - receivedAtNanos);
    }
  }

  private static void deliver(ProblemSink sink, ProblemSignal signal) {
    try {
      sink.signal(signal);
    } catch (RuntimeException e) {
      log.warn("Problem sink {} failed on {}", sink.getClass().getSimpleName(), signal, e);
    }
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("vigil-alert-evaluator").daemon(true).start(this::loop);
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts after the ingest pipeline (and its store) and stops before it. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
