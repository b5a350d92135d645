package io.vigil.agent.check;

import io.vigil.checks.CheckParams;
import io.vigil.model.CheckResult;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One check item as the agent runs it: its kind and parameters, the {@link RunnableCheck} made from
 * them on the first run, and whether a run is under way. A parameter change makes a new
 * ActiveCheck; the old one is retired and its instance closed once its current run (if any) ends.
 */
final class ActiveCheck {

  private static final Logger LOG = LoggerFactory.getLogger(ActiveCheck.class);

  private final String item;
  private final String kind;
  private final Map<String, String> params;
  private final CheckKinds kinds;
  private final CheckContext context;

  // Guarded by this. The fields below are handed between check threads through it.
  private boolean running;
  private boolean retired;
  private RunnableCheck instance;
  private String permanentError;

  ActiveCheck(
      String item,
      String kind,
      Map<String, String> params,
      CheckKinds kinds,
      CheckContext context) {
    this.item = item;
    this.kind = kind;
    this.params = Map.copyOf(params);
    this.kinds = kinds;
    this.context = context;
  }

  String item() {
    return item;
  }

  /** Whether this instance runs what {@code kind} and {@code params} describe. */
  boolean runs(String otherKind, Map<String, String> otherParams) {
    return kind.equals(otherKind) && params.equals(otherParams);
  }

  /** Claims the next run; false while a run is under way or once retired. */
  synchronized boolean tryStart() {
    if (running || retired) {
      return false;
    }
    running = true;
    return true;
  }

  synchronized boolean isRunning() {
    return running;
  }

  synchronized boolean isRetired() {
    return retired;
  }

  /** No more runs; the instance is closed now, or by the run under way when it ends. */
  synchronized void retire() {
    retired = true;
    if (!running) {
      closeInstance();
    }
  }

  /** What a run gives: the result and the check's own points (usually none). */
  record Run(CheckResult result, List<Point> points) {}

  /** One run after a successful {@link #tryStart()}: never throws an exception. */
  Run runOnce() {
    try {
      long startedAt = context.clock().millis();
      long started = System.nanoTime();
      CheckReport report;
      try {
        report = execute();
      } catch (Exception | LinkageError | StackOverflowError e) {
        // A missing class (a broken jar) or a runaway regex must not kill the check thread.
        report = CheckReport.unknown("check failed: " + e);
      }
      double durationMs = (System.nanoTime() - started) / 1_000_000.0;
      return new Run(CheckResults.of(item, kind, startedAt, durationMs, report), report.points());
    } finally {
      finish();
    }
  }

  /** Ends a run claimed by {@link #tryStart()} (also when it could not be started). */
  synchronized void finish() {
    running = false;
    if (retired) {
      closeInstance();
    }
  }

  private CheckReport execute() throws Exception {
    RunnableCheck check;
    synchronized (this) {
      if (permanentError != null) {
        return CheckReport.unknown(permanentError);
      }
      check = instance;
    }
    if (check == null) {
      CheckKind checkKind = kinds.get(kind);
      if (checkKind == null) {
        return failPermanently(
            "unknown check kind "
                + kind
                + "; this agent runs "
                + String.join(", ", kinds.names())
                + " (update the agent)");
      }
      try {
        CheckParams parsed =
            new CheckParams(kind, params, checkKind.paramNames(), checkKind.secretParams());
        check = checkKind.create(item, parsed, context);
      } catch (InvalidInputException e) {
        return failPermanently("invalid parameters: " + e.getMessage());
      }
      synchronized (this) {
        instance = check;
      }
    }
    return check.run();
  }

  private synchronized CheckReport failPermanently(String message) {
    LOG.warn("check item {} ({}) cannot run: {}", item, kind, message);
    permanentError = message;
    return CheckReport.unknown(message);
  }

  private void closeInstance() {
    if (instance != null) {
      try {
        instance.close();
      } catch (Exception e) {
        LOG.debug("closing check item {} failed: {}", item, e.toString());
      }
      instance = null;
    }
  }
}
