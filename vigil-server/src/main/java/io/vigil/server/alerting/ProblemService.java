package io.vigil.server.alerting;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import io.vigil.server.auth.AuditLog;
import io.vigil.server.ha.ClusterListener;
import io.vigil.server.ha.Leadership;
import io.vigil.server.live.LiveHub;
import io.vigil.server.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the evaluator's signals into problems and applies people's acknowledgements and closings.
 *
 * <p>Signals are idempotent per (rule, host, series): the first one opens a problem, one with
 * another severity changes it, a recovery resolves it, and a repeat changes nothing. Each change is
 * written with its history row in one transaction, inside which {@link ProblemChanged} is
 * published: listeners declared with {@code @TransactionalEventListener(phase = AFTER_COMMIT)} see
 * it once the change is committed (and must open their own transaction, {@code REQUIRES_NEW}, to
 * write). After the commit the in-memory {@link ActiveProblems} is updated and the SSE event {@code
 * problem} sent. The suppression reason is recorded when a problem opens or changes severity.
 */
@Service
public class ProblemService implements ProblemSink, ClusterListener {

  /** The SSE event {@code problem}. */
  record LiveProblem(
      long id, String host, String severity, String status, String text, String suppressed) {}

  static final int MAX_COMMENT = 1000;

  private static final Logger log = LoggerFactory.getLogger(ProblemService.class);

  private final ProblemRepository problems;
  private final ActiveProblems active;
  private final Suppressions suppressions;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final LiveHub live;
  private final AuditLog audit;
  private final Leadership leadership;
  private final ReentrantLock lock = new ReentrantLock();

  ProblemService(
      ProblemRepository problems,
      ActiveProblems active,
      SuppressionService suppressions,
      TransactionTemplate transactions,
      ApplicationEventPublisher events,
      LiveHub live,
      AuditLog audit,
      Leadership leadership) {
    this.problems = problems;
    this.active = active;
    this.suppressions = suppressions;
    this.transactions = transactions;
    this.events = events;
    this.live = live;
    this.audit = audit;
    this.leadership = leadership;
  }

  /**
   * In a pair only the leader writes what the evaluators conclude: both judge the same samples, and
   * the other keeps its evaluator warm to take over (see {@link #leadershipGained()}).
   */
  @Override
  public void signal(ProblemSignal signal) {
    if (!leadership.isLeader()) {
      return;
    }
    lock.lock();
    try {
      Problem current = active.find(signal);
      if (signal.recovered()) {
        if (current != null) {
          long at = Math.max(signal.at(), current.openedAt());
          write(
              ProblemChanged.Change.RESOLVED,
              () -> {
                problems.resolve(current.id(), at);
                problems.event(current.id(), at, "resolved", null, null, null);
                return reload(current.id());
              });
        }
      } else if (current == null) {
        open(signal);
      } else if (current.severity() != signal.severity()) {
        changeSeverity(current, signal);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The previous leader's problems become this server's: the in-memory view is read again from the
   * database (the evaluator re-signals every series' state, see {@code AlertEvaluator}).
   */
  @Override
  public void leadershipGained() {
    reloadActive();
  }

  /** The peer may have opened, acknowledged or resolved problems: read the active ones again. */
  @Override
  public void refreshSharedState() {
    reloadActive();
  }

  private void reloadActive() {
    lock.lock();
    try {
      active.replaceAll(problems.active().stream().map(StoredProblem::problem).toList());
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@code hostKey} has an active problem of a {@code host_down} rule. */
  public boolean hostDown(String hostKey) {
    return active.hostDown(hostKey);
  }

  /** The open and acknowledged problems (from memory). */
  public List<Problem> active() {
    return active.all();
  }

  private void open(ProblemSignal signal) {
    Problem draft =
        new Problem(
            0,
            signal.ruleId(),
            signal.ruleName(),
            signal.hostKey(),
            signal.series(),
            signal.severity(),
            Problem.Status.OPEN,
            signal.at(),
            null,
            signal.text(),
            signal.value(),
            null,
            null,
            null);
    String suppressed = suppressions.reason(draft, System.currentTimeMillis());
    write(
        ProblemChanged.Change.OPENED,
        () -> {
          long id = problems.insert(signal, suppressed, signal.at());
          problems.event(id, signal.at(), "opened", null, null, signal.severity());
          return reload(id);
        });
  }

  private void changeSeverity(Problem current, ProblemSignal signal) {
    Problem changed =
        new Problem(
            current.id(),
            current.ruleId(),
            current.ruleName(),
            current.hostKey(),
            current.series(),
            signal.severity(),
            current.status(),
            current.openedAt(),
            null,
            signal.text(),
            signal.value(),
            null,
            current.acknowledgedBy(),
            current.ackComment());
    String suppressed = suppressions.reason(changed, System.currentTimeMillis());
    long at = Math.max(signal.at(), current.openedAt());
    write(
        ProblemChanged.Change.SEVERITY_CHANGED,
        () -> {
          problems.changeSeverity(current.id(), signal, suppressed, at);
          problems.event(current.id(), at, "severity", null, null, signal.severity());
          return reload(current.id());
        });
  }

  /**
   * Acknowledges an open problem with a comment; acknowledging an acknowledged one adds the comment
   * to its history. 409 when it is resolved or closed.
   */
  StoredProblem acknowledge(long id, String user, String comment) {
    String text = requireComment("comment", comment);
    lock.lock();
    try {
      StoredProblem stored = find(id);
      Problem p = stored.problem();
      if (!p.status().active()) {
        throw conflict("problem " + id + " is " + ProblemQuery.name(p.status()));
      }
      long now = System.currentTimeMillis();
      boolean first = p.status() == Problem.Status.OPEN;
      write(
          first ? ProblemChanged.Change.ACKNOWLEDGED : null,
          () -> {
            if (first) {
              problems.acknowledge(id, user, text, now);
            } else {
              problems.touch(id, now);
            }
            problems.event(id, now, first ? "acknowledged" : "commented", user, text, null);
            audit.record(
                "update",
                "problem",
                target(p),
                Map.of("status", ProblemQuery.name(p.status())),
                Map.of("status", "acknowledged", "comment", text));
            return reload(id);
          });
      return find(id);
    } finally {
      lock.unlock();
    }
  }

  /** Closes a problem, active or resolved, with a reason. 409 when it is closed already. */
  StoredProblem close(long id, String user, String reason) {
    String text = requireComment("reason", reason);
    lock.lock();
    try {
      StoredProblem stored = find(id);
      Problem p = stored.problem();
      if (p.status() == Problem.Status.CLOSED) {
        throw conflict("problem " + id + " is closed already");
      }
      long now = System.currentTimeMillis();
      write(
          ProblemChanged.Change.CLOSED,
          () -> {
            problems.close(id, user, text, now);
            problems.event(id, now, "closed", user, text, null);
            audit.record(
                "update",
                "problem",
                target(p),
                Map.of("status", ProblemQuery.name(p.status())),
                Map.of("status", "closed", "reason", text));
            return reload(id);
          });
      return find(id);
    } finally {
      lock.unlock();
    }
  }

  StoredProblem find(long id) {
    return problems.find(id).orElseThrow(() -> ApiException.notFound("no problem " + id));
  }

  /** The user name of an API caller, as problems and windows record it. */
  static String userName(Authentication caller) {
    String name = caller == null || caller.getName() == null ? "system" : caller.getName();
    return name.length() <= 64 ? name : name.substring(0, 64);
  }

  /**
   * Runs {@code change} in a transaction that also publishes {@link ProblemChanged} (when {@code
   * kind} is given); after the commit, and before other after-commit listeners, the in-memory view
   * and the live stream learn the new state. A failing after-commit listener is logged: the change
   * itself stands.
   */
  private void write(ProblemChanged.Change kind, Supplier<Problem> change) {
    AtomicBoolean committed = new AtomicBoolean();
    try {
      transactions.executeWithoutResult(
          status -> {
            Problem after = change.get();
            TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                  @Override
                  public void afterCommit() {
                    committed.set(true);
                    active.put(after);
                    live.broadcast(
                        "problem",
                        after.hostKey(),
                        new LiveProblem(
                            after.id(),
                            after.hostKey(),
                            ProblemQuery.name(after.severity()),
                            ProblemQuery.name(after.status()),
                            after.text(),
                            after.suppressed()));
                  }

                  @Override
                  public int getOrder() {
                    return Ordered.HIGHEST_PRECEDENCE;
                  }
                });
            if (kind != null) {
              events.publishEvent(new ProblemChanged(kind, after));
            }
          });
    } catch (RuntimeException e) {
      if (!committed.get()) {
        throw e;
      }
      log.error("A listener of a problem change failed after the change was committed", e);
    }
  }

  private Problem reload(long id) {
    return problems.find(id).orElseThrow().problem();
  }

  private static String target(Problem p) {
    return p.ruleName() + " on " + p.hostKey() + " (#" + p.id() + ")";
  }

  private static String requireComment(String field, String text) {
    String stripped = text == null ? null : text.strip();
    Names.requireText(field, stripped, MAX_COMMENT);
    if (stripped.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
      throw new InvalidInputException(field + " contains a control character");
    }
    return stripped;
  }

  private static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, "conflict", message);
  }
}
