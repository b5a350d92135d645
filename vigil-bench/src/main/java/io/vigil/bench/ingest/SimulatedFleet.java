package io.vigil.bench.ingest;

import io.vigil.bench.ingest.TokenCache.AgentIdentity;
import io.vigil.model.Batch;
import io.vigil.model.IngestAck;
import io.vigil.model.Inventory;
import io.vigil.model.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated agents of the timed phase, driven by one dispatcher thread. Agent {@code i} of
 * {@code n} is due at {@code start + i * interval / n} and then every interval, so the fleet's load
 * is spread evenly over the interval, as real agents started at random times spread it.
 *
 * <p>Why one dispatcher and asynchronous sends rather than a virtual thread per agent: measured
 * against the same stand-in at 1,000 requests/s, 10,000 sleeping virtual threads with blocking
 * sends cost the generator ~265 µs of CPU per request, this loop ~110 µs. On two cores shared with
 * the server, that difference is the server's.
 *
 * <p>All agent state belongs to the dispatcher thread; the HTTP client's completions only record
 * statistics (thread-safe) and post the outcome back. Like an agent with a spool, an agent whose
 * previous batch is still in flight sends the next one as soon as it is answered, never two at
 * once; at most {@code --concurrency} requests are in flight over the fleet.
 */
final class SimulatedFleet {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedFleet.class);
  private static final WireCodec CODEC = WireCodec.lenient();

  /** A send that starts later than this after its due time counts as late. */
  static final long LATE_NANOS = Duration.ofMillis(100).toNanos();

  /** Longest the dispatcher parks without looking at completions. */
  private static final long MAX_PARK_NANOS = Duration.ofMillis(5).toNanos();

  /**
   * The timed phase in {@link System#nanoTime()} terms: agents start at {@code start}, results
   * count from {@code measureFrom}, and no batch is due at or after {@code end}.
   */
  record Schedule(long start, long measureFrom, long end, long intervalNanos) {
    /** Due time of the {@code k}-th batch of the fleet: agent {@code k % agents}. */
    long due(long k, int agents) {
      return start + (k / agents) * intervalNanos + (k % agents) * intervalNanos / agents;
    }
  }

  /** A simulated agent's own state; touched by the dispatcher thread only. */
  private static final class Agent {
    final int index;
    final AgentIdentity identity;
    final String authorization;
    final ArrayDeque<Long> pendingDue = new ArrayDeque<>(2);
    long sequence;
    boolean inventorySent;
    boolean busy;
    boolean ready;

    Agent(int index, AgentIdentity identity, long firstSequence) {
      this.index = index;
      this.identity = identity;
      this.authorization = "Bearer " + identity.token();
      this.sequence = firstSequence;
    }
  }

  /** A finished request, posted back to the dispatcher: 0 when the batch was not accepted. */
  private record Completion(Agent agent, long ackSequence) {}

  private final HttpClient client;
  private final LoadOptions options;
  private final List<GzipBatchTemplate> templates;
  private final URI ingest;
  private final Schedule schedule;
  private final List<Agent> agents;
  private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<Agent> ready = new ArrayDeque<>();
  private volatile Thread dispatcher;
  final AtomicReference<IngestWindow> window = new AtomicReference<>(new IngestWindow());
  final IngestWindow measured = new IngestWindow();

  SimulatedFleet(
      HttpClient client,
      LoadOptions options,
      List<AgentIdentity> identities,
      List<GzipBatchTemplate> templates,
      Schedule schedule) {
    this.client = client;
    this.options = options;
    this.templates = templates;
    this.schedule = schedule;
    this.ingest = URI.create(options.server() + "/api/v1/agent/ingest");
    // Sequences must exceed those a cached token already used in an earlier run, or the server
    // re-acknowledges without storing. Tenths of a second since the epoch grow faster than any
    // run with an interval of 100 ms or more can consume them.
    long firstSequence = System.currentTimeMillis() / 100;
    this.agents = new ArrayList<>(identities.size());
    for (int i = 0; i < identities.size(); i++) {
      agents.add(new Agent(i, identities.get(i), firstSequence));
    }
  }

  /**
   * Runs the timed phase on the calling thread: returns when no batch is due any more and every
   * request sent has been answered or has timed out.
   */
  void run() throws InterruptedException {
    dispatcher = Thread.currentThread();
    int n = agents.size();
    int inFlight = 0;
    long k = 0;
    long nextDue = schedule.due(0, n);
    while (nextDue < schedule.end() || inFlight > 0 || !ready.isEmpty()) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      for (Completion c; (c = completions.poll()) != null; ) {
        inFlight--;
        settle(c);
      }
      long now = System.nanoTime();
      for (; nextDue <= now && nextDue < schedule.end(); nextDue = schedule.due(++k, n)) {
        Agent agent = agents.get((int) (k % n));
        agent.pendingDue.add(nextDue);
        markReady(agent);
      }
      while (inFlight < options.concurrency() && !ready.isEmpty()) {
        Agent agent = ready.poll();
        agent.ready = false;
        agent.busy = true;
        inFlight++;
        send(agent, agent.pendingDue.poll());
      }
      // Completions unpark the dispatcher; the cap is only a safety net.
      long park =
          nextDue < schedule.end()
              ? Math.min(MAX_PARK_NANOS, nextDue - System.nanoTime())
              : MAX_PARK_NANOS;
      if (park > 0 && completions.isEmpty()) {
        LockSupport.parkNanos(this, park);
      }
    }
  }

  private void markReady(Agent agent) {
    if (!agent.busy && !agent.ready && !agent.pendingDue.isEmpty()) {
      agent.ready = true;
      ready.add(agent);
    }
  }

  private void settle(Completion c) {
    Agent agent = c.agent();
    agent.busy = false;
    if (c.ackSequence() > 0) {
      agent.inventorySent = true;
      // An acknowledgement beyond what was sent means the server stored later batches of this
      // agent before (an earlier run): carry on after them, as an agent restored from its spool.
      agent.sequence = Math.max(agent.sequence, c.ackSequence()) + 1;
    } else {
      // Refused or failed: the batch is counted and dropped, not replayed.
      agent.sequence++;
    }
    markReady(agent);
  }

  private void send(Agent agent, long due) {
    long sequence = agent.sequence;
    GzipBatchTemplate template = templates.get((int) ((agent.index + sequence) % templates.size()));
    long now = System.currentTimeMillis();
    byte[] body = agent.inventorySent ? template.render(sequence, now) : withInventory(agent, now);
    HttpRequest request =
        HttpRequest.newBuilder(ingest)
            .timeout(options.timeout())
            .header("Authorization", agent.authorization)
            .header("Content-Type", "application/json")
            .header("Content-Encoding", "gzip")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    boolean counted = due >= schedule.measureFrom();
    long sent = System.nanoTime();
    if (sent - due > LATE_NANOS) {
      outcome(counted).each(w -> w.lateSends.increment());
    }
    client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete(
            (response, failure) -> {
              long ack = 0;
              try {
                ack = record(response, failure, template.samples(), sequence, due, sent, counted);
              } finally {
                completions.add(new Completion(agent, ack));
                LockSupport.unpark(dispatcher);
              }
            });
  }

  /** Records one answer; returns the acknowledged sequence, or 0 when it was not accepted. */
  private long record(
      HttpResponse<byte[]> response,
      Throwable failure,
      int samples,
      long sequence,
      long due,
      long sent,
      boolean counted) {
    Outcome outcome = outcome(counted);
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      outcome.each(w -> w.failed(cause instanceof HttpTimeoutException));
      return 0;
    }
    long done = System.nanoTime();
    long latency = (done - due) / 1000;
    long service = (done - sent) / 1000;
    int status = response.statusCode();
    if (status != 200) {
      outcome.each(w -> w.rejected(status, latency, service));
      return 0;
    }
    IngestAck ack;
    try {
      ack = CODEC.read(response.body(), IngestAck.class);
    } catch (RuntimeException e) {
      LOG.warn("unreadable acknowledgement: {}", e.getMessage());
      outcome.each(w -> w.failed(false));
      return 0;
    }
    outcome.each(w -> w.accepted(samples, latency, service));
    if (ack.ackSequence() != sequence) {
      outcome.each(w -> w.staleAcks.increment());
    }
    return Math.max(1, ack.ackSequence());
  }

  /**
   * Where a result counts: the progress window current when it arrives (a line shows what completed
   * in its period) and, for batches due after the warm-up, the measured totals.
   */
  private Outcome outcome(boolean counted) {
    return new Outcome(window.get(), counted ? measured : null);
  }

  private record Outcome(IngestWindow window, IngestWindow measured) {
    void each(Consumer<IngestWindow> update) {
      update.accept(window);
      if (measured != null) {
        update.accept(measured);
      }
    }
  }

  /** The first batch of a run carries the host's inventory, as after an agent restart. */
  private byte[] withInventory(Agent agent, long now) {
    int i = agent.index;
    String mac =
        "02:00:%02x:%02x:%02x:%02x"
            .formatted(i >>> 24, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
    Inventory inventory =
        new Inventory(
            agent.identity.hostname(),
            "Debian GNU/Linux 12 (bookworm)",
            "6.1.0-28-amd64",
            "amd64",
            "Intel(R) Xeon(R) simulated",
            4,
            8,
            16L << 30,
            now - 86_400_000L,
            "vigil-bench",
            List.of(
                new Inventory.NetworkInterfaceInfo(
                    "eth0",
                    mac,
                    List.of("10.%d.%d.%d".formatted((i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)),
                    List.of(),
                    10_000_000_000L,
                    1500)));
    Batch batch =
        new Batch(
            agent.sequence,
            now,
            inventory,
            BatchShape.points(options.series(), now, new SplittableRandom(i)));
    return CODEC.writeGzip(batch);
  }
}
