package io.vigil.server.notify;

import io.vigil.model.Severity;
import io.vigil.server.alerting.Problem;
import io.vigil.server.alerting.ProblemChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns problem changes into delivery rows. Every row has a dedup key, so a replayed event plans
 * nothing twice.
 *
 * <ul>
 *   <li>OPENED: for each matching route, level 0 recipients on call now × the route's channels
 *       (kind problem); every later level at opened + afterMinutes (kind escalation); the first
 *       repeat at opened + repeatMinutes (kind repeat). On-call of escalations and repeats is
 *       checked when they are sent.
 *   <li>SEVERITY_CHANGED: when the severity rose above the highest severity notified so far (or
 *       nothing was notified yet), planned like OPENED at the new severity; lower: nothing.
 *   <li>ACKNOWLEDGED, CLOSED: pending escalations and repeats are cancelled.
 *   <li>RESOLVED: pending escalations and repeats are cancelled; routes with notifyRecovery send
 *       one recovery to each recipient and channel that got the problem (or still has it queued).
 * </ul>
 *
 * A suppressed problem plans nothing. When its suppression ends nothing is planned either; rows
 * already planned are checked against {@code Suppressions} again when sent.
 */
@Component
class NotificationPlanner {

  private static final Logger log = LoggerFactory.getLogger(NotificationPlanner.class);

  private final RouteRepository routes;
  private final RecipientRepository recipients;
  private final DeliveryRepository deliveries;
  private final Clock clock;
  private final TransactionTemplate outsideTransaction;
  private final DeliveryDispatcher dispatcher;

  NotificationPlanner(
      RouteRepository routes,
      RecipientRepository recipients,
      DeliveryRepository deliveries,
      PlatformTransactionManager transactions,
      DeliveryDispatcher dispatcher) {
    this.routes = routes;
    this.recipients = recipients;
    this.deliveries = deliveries;
    this.dispatcher = dispatcher;
    this.clock = Clock.systemUTC();
    this.outsideTransaction = new TransactionTemplate(transactions);
    outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
  }

  /**
   * After the problem's change committed (or at once when published outside a transaction). The
   * publisher's transaction is suspended: each row is written on its own, so a duplicate (a
   * replayed event) is skipped without aborting the others on PostgreSQL.
   */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void onProblemChanged(ProblemChanged event) {
    try {
      outsideTransaction.executeWithoutResult(status -> plan(event));
      // What is due now goes out without waiting for the next poll (alert latency).
      dispatcher.wake();
    } catch (RuntimeException e) {
      log.error(
          "Could not plan notifications for problem {} ({}); they are not sent",
          event.problem().id(),
          event.change(),
          e);
    }
  }

  void plan(ProblemChanged event) {
    Problem problem = event.problem();
    long now = clock.millis();
    Severity notified = deliveries.remember(problem, now);
    switch (event.change()) {
      case OPENED -> planNotice(problem, now);
      case SEVERITY_CHANGED -> {
        if (notified == null || problem.severity().compareTo(notified) > 0) {
          planNotice(problem, now);
        }
      }
      case ACKNOWLEDGED, CLOSED ->
          deliveries.cancelPending(
              problem.id(),
              List.of("escalation", "repeat"),
              event.change().name().toLowerCase(Locale.ROOT));
      case RESOLVED -> planRecovery(problem, now);
    }
  }

  private void planNotice(Problem problem, long now) {
    if (problem.suppressed() != null || !problem.status().active()) {
      log.debug("Problem {} is {}: nothing to notify", problem.id(), problem.suppressed());
      return;
    }
    List<String> hostGroups = null;
    int planned = 0;
    for (Route route : routes.findEnabled()) {
      if (route.group() != null && hostGroups == null) {
        hostGroups = routes.hostGroups(problem.hostKey());
      }
      if (matches(route, problem, hostGroups)) {
        planned += planRoute(route, problem, now);
      }
    }
    deliveries.notified(problem.id(), problem.severity());
    // A problem no route wants is common (10,000 hosts' file systems): not worth a log line each.
    log.atLevel(planned > 0 ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.DEBUG)
        .log(
            "Problem {} ({} on {}, {}): {} deliveries planned",
            problem.id(),
            problem.ruleName(),
            problem.hostKey(),
            problem.severity(),
            planned);
  }

  private int planRoute(Route route, Problem problem, long now) {
    int planned = 0;
    List<Route.Level> levels = route.levels();
    for (int level = 0; level < levels.size(); level++) {
      Route.Level spec = levels.get(level);
      long due = level == 0 ? now : problem.openedAt() + spec.afterMillis();
      for (Recipient r : recipients.expand(spec.recipients(), spec.groups())) {
        if (level == 0 && !recipients.onCall(r.id(), Instant.ofEpochMilli(now))) {
          continue;
        }
        for (String channel : route.channels()) {
          if (!r.reachableBy(channel)) {
            continue;
          }
          String kind = level == 0 ? "problem" : "escalation";
          int sequence = level == 0 ? problem.severity().ordinal() : 0;
          if (deliveries.plan(
              new Delivery.Plan(
                  problem.id(), route.id(), r.id(), channel, kind, level, sequence, due),
              now)) {
            planned++;
          }
          if (level == 0 && route.repeatMinutes() > 0) {
            long repeatAt = problem.openedAt() + Math.round(route.repeatMinutes() * 60_000);
            deliveries.plan(
                new Delivery.Plan(
                    problem.id(), route.id(), r.id(), channel, "repeat", 0, 1, repeatAt),
                now);
          }
        }
      }
    }
    return planned;
  }

  private void planRecovery(Problem problem, long now) {
    deliveries.cancelPending(problem.id(), List.of("escalation", "repeat"), "resolved");
    Set<Long> recoveryRoutes = new HashSet<>();
    for (Route route : routes.findAll()) {
      if (route.notifyRecovery()) {
        recoveryRoutes.add(route.id());
      }
    }
    Set<String> done = new HashSet<>();
    for (Delivery.Plan target : deliveries.recoveryTargets(problem.id())) {
      if (target.routeId() != null
          && recoveryRoutes.contains(target.routeId())
          && done.add(target.recipientId() + ":" + target.channel())) {
        deliveries.plan(
            new Delivery.Plan(
                problem.id(),
                target.routeId(),
                target.recipientId(),
                target.channel(),
                "recovery",
                0,
                0,
                now),
            now);
      }
    }
  }

  /** Severity, host, group and tag; group needs {@code hostGroups} (null: not checked). */
  static boolean matches(Route route, Problem problem, List<String> hostGroups) {
    if (!problem.severity().atLeast(Route.severity(route.minSeverity()))) {
      return false;
    }
    if (route.host() != null && !route.host().equals(problem.hostKey())) {
      return false;
    }
    if (route.group() != null && hostGroups != null && !hostGroups.contains(route.group())) {
      return false;
    }
    if (route.tag() != null) {
      int eq = route.tag().indexOf('=');
      Map<String, String> series = problem.series();
      return route.tag().substring(eq + 1).equals(series.get(route.tag().substring(0, eq)));
    }
    return true;
  }
}
