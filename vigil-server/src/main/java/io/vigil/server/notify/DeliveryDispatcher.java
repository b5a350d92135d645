package io.vigil.server.notify;

import io.vigil.server.alerting.Problem;
import io.vigil.server.alerting.Suppressions;
import io.vigil.server.ha.ClusterListener;
import io.vigil.server.ha.Leadership;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: one thread polls the queue, claims rows ({@code pending → sending}, guarded
 * so one row is sent by one sender) and hands them to a small pool of senders. Every attempt is
 * recorded; a failure is retried with exponential back-off until {@code give-up-after} past the
 * row's due time, then the row is {@code failed}.
 *
 * <p>Delivery is at least once: rows a crash left {@code sending} are queued again at start, so a
 * message the peer accepted just before the crash is sent again. Webhooks carry {@code
 * X-Vigil-Delivery} (e-mail the same header) for de-duplication; SMS cannot carry one.
 */
@Component
class DeliveryDispatcher implements SmartLifecycle, ClusterListener {

  private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

  private final DeliveryRepository deliveries;
  private final RecipientRepository recipients;
  private final RouteRepository routes;
  private final MessageTemplates templates;
  private final Map<String, Channel> channels;
  private final ObjectProvider<Suppressions> suppressions;
  private final NotifyProperties.Dispatcher settings;
  private final Semaphore inFlight;
  private final Leadership leadership;
  private volatile ScheduledExecutorService poller;
  private volatile ExecutorService senders;

  DeliveryDispatcher(
      DeliveryRepository deliveries,
      RecipientRepository recipients,
      RouteRepository routes,
      MessageTemplates templates,
      List<Channel> channels,
      ObjectProvider<Suppressions> suppressions,
      NotifyProperties properties,
      Leadership leadership) {
    this.deliveries = deliveries;
    this.recipients = recipients;
    this.routes = routes;
    this.templates = templates;
    this.channels =
        channels.stream().collect(Collectors.toUnmodifiableMap(Channel::name, Function.identity()));
    this.suppressions = suppressions;
    this.settings = properties.dispatcher();
    this.inFlight = new Semaphore(settings.senders() * 2);
    this.leadership = leadership;
  }

  @Override
  public synchronized void start() {
    if (poller != null) {
      return;
    }
    if (!leadership.clustered()) {
      releaseSending("the server stopped");
    }
    senders =
        Executors.newFixedThreadPool(
            settings.senders(), Thread.ofPlatform().name("notify-sender-", 0).daemon().factory());
    poller =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("notify-dispatcher").daemon().factory());
    long period = settings.pollInterval().toMillis();
    poller.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (poller == null) {
      return;
    }
    poller.shutdownNow();
    senders.shutdown();
    try {
      if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    poller = null;
    senders = null;
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }

  /** Stops after the web server (higher phases stop first) and before the database closes. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  private void releaseSending(String why) {
    int released = deliveries.releaseSending();
    if (released > 0) {
      log.warn("{} deliveries were being sent when {}; sending them again", released, why);
    }
  }

  /**
   * In a pair only the leader sends; rows the previous leader left {@code sending} (it died
   * mid-send) are queued again, at least once as after a restart.
   */
  @Override
  public void leadershipGained() {
    releaseSending("the previous leader stopped");
    wake();
  }

  /** Polls at once on the dispatcher's thread, e.g. after deliveries due now were planned. */
  void wake() {
    ScheduledExecutorService running = poller;
    if (running != null) {
      try {
        running.execute(this::poll);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // stopping: the next start polls anyway
      }
    }
  }

  void poll() {
    try {
      ExecutorService pool = senders;
      int free = inFlight.availablePermits();
      if (free == 0 || pool == null || !leadership.isLeader()) {
        return;
      }
      for (long id : deliveries.due(System.currentTimeMillis(), free)) {
        if (!inFlight.tryAcquire()) {
          return;
        }
        if (!deliveries.claim(id)) {
          inFlight.release();
          continue;
        }
        try {
          pool.execute(() -> sendClaimed(id));
        } catch (RejectedExecutionException stopping) {
          deliveries.postpone(id, System.currentTimeMillis());
          inFlight.release();
          return;
        }
      }
    } catch (RuntimeException e) {
      log.error("Polling the delivery queue failed; trying again", e);
    }
  }

  private void sendClaimed(long id) {
    try {
      deliveries.find(id).ifPresent(this::send);
    } catch (RuntimeException e) {
      log.error("Delivery {} failed unexpectedly; queueing it again", id, e);
      try {
        deliveries.postpone(id, System.currentTimeMillis() + settings.retryMax().toMillis());
      } catch (RuntimeException stillBroken) {
        log.error("Delivery {} stays claimed until the next start", id, stillBroken);
      }
    } finally {
      inFlight.release();
    }
  }

  private void send(Delivery d) {
    long now = System.currentTimeMillis();
    Problem problem = deliveries.problem(d.problemId()).orElse(null);
    Recipient recipient = recipients.find(d.recipientId()).orElse(null);
    String skip = skipReason(d, problem, recipient, now);
    if (skip != null) {
      deliveries.attempt(d.id(), now, "skipped", skip);
      deliveries.finish(d.id(), "cancelled", d.attempts(), skip);
      log.info(
          "Delivery {} ({} {} of problem {}) cancelled: {}",
          d.id(),
          d.channel(),
          d.kind(),
          d.problemId(),
          skip);
      return;
    }
    if ("recovery".equals(d.kind()) && deliveries.earlierQueued(d)) {
      deliveries.postpone(d.id(), now + settings.retryInitial().toMillis());
      return;
    }
    Channel channel = channels.get(d.channel());
    String unusable = channel == null ? "no channel " + d.channel() : channel.notConfigured();
    if (unusable != null) {
      deliveries.attempt(d.id(), now, "error", unusable);
      deliveries.finish(d.id(), "failed", d.attempts() + 1, unusable);
      log.warn("Delivery {} failed: {}", d.id(), unusable);
      return;
    }
    Message message = templates.render(d.kind(), d.level(), recipient.language(), problem);
    int attempts = d.attempts() + 1;
    try {
      channel.send(recipient, message, d.id());
    } catch (Exception e) {
      failed(d, attempts, e);
      return;
    }
    long sentAt = System.currentTimeMillis();
    deliveries.attempt(d.id(), sentAt, "ok", null);
    deliveries.sent(d.id(), attempts, sentAt);
    log.info(
        "Delivery {} sent: {} {} of problem {} to {}",
        d.id(),
        d.channel(),
        d.kind(),
        d.problemId(),
        recipient.name());
    if ("repeat".equals(d.kind())) {
      planNextRepeat(d, problem, sentAt);
    }
  }

  /** Why the delivery must not be sent now (cancelled), or null. */
  private String skipReason(Delivery d, Problem problem, Recipient recipient, long now) {
    if (problem == null) {
      return "unknown problem";
    }
    if (recipient == null || !recipient.enabled()) {
      return "recipient deleted or disabled";
    }
    Suppressions rules = suppressions.getIfAvailable();
    String suppressed = rules == null ? null : rules.reason(problem, now);
    if (suppressed != null) {
      return "suppressed: " + suppressed;
    }
    boolean followUp = d.kind().equals("escalation") || d.kind().equals("repeat");
    if (followUp && problem.status() != Problem.Status.OPEN) {
      return "problem is " + problem.status().name().toLowerCase(java.util.Locale.ROOT);
    }
    if (followUp && !recipients.onCall(recipient.id(), Instant.ofEpochMilli(now))) {
      return "recipient is not on call";
    }
    return null;
  }

  private void failed(Delivery d, int attempts, Exception e) {
    long now = System.currentTimeMillis();
    String error =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    deliveries.attempt(d.id(), now, "error", error);
    long next = now + settings.backoff(attempts).toMillis();
    if (next - d.dueAt() > settings.giveUpAfter().toMillis()) {
      deliveries.finish(d.id(), "failed", attempts, error);
      log.error(
          "Delivery {} ({} to recipient {}) given up after {} attempts: {}",
          d.id(),
          d.channel(),
          d.recipientId(),
          attempts,
          error);
    } else {
      deliveries.retry(d.id(), attempts, next, error);
      log.warn(
          "Delivery {} ({}) attempt {} failed, retrying in {} ms: {}",
          d.id(),
          d.channel(),
          attempts,
          next - now,
          error);
    }
  }

  private void planNextRepeat(Delivery d, Problem problem, long now) {
    if (d.routeId() == null || problem.status() != Problem.Status.OPEN) {
      return;
    }
    routes
        .find(d.routeId())
        .filter(route -> route.enabled() && route.repeatMinutes() > 0)
        .ifPresent(
            route -> {
              int next = d.sequence() + 1;
              long due =
                  Math.max(
                      now, problem.openedAt() + Math.round(next * route.repeatMinutes() * 60_000));
              deliveries.plan(
                  new Delivery.Plan(
                      d.problemId(),
                      d.routeId(),
                      d.recipientId(),
                      d.channel(),
                      "repeat",
                      0,
                      next,
                      due),
                  now);
            });
  }
}
