package io.vigil.server.checks;

import io.vigil.checks.CheckOutcome;
import io.vigil.model.AgentConfig;
import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.server.inventory.HostDirectory;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a check item of an agentless host, on the server, by the {@link ServerCheckKind} of
 * its kind: timed, and never failing — unusable parameters, kinds only an agent runs and unexpected
 * errors give UNKNOWN with the reason.
 */
final class ServerCheck {

  private static final Logger log = LoggerFactory.getLogger(ServerCheck.class);

  /** The check's result and the points its run collected. */
  record Outcome(CheckResult result, List<Point> points) {}

  private ServerCheck() {}

  /** Runs the item now (blocking for at most its timeout) and never throws. */
  static Outcome run(
      String itemKey,
      AgentConfig.Item item,
      HostDirectory.HostRef host,
      Map<String, ServerCheckKind> kinds) {
    long started = System.currentTimeMillis();
    long startNanos = System.nanoTime();
    ServerCheckKind.Run run;
    try {
      ServerCheckKind kind = kinds.get(item.kind());
      run =
          kind == null
              ? ServerCheckKind.Run.of(
                  CheckOutcome.of(CheckStatus.UNKNOWN, "kind " + item.kind() + " needs an agent"))
              : kind.run(itemKey, item.params(), host);
    } catch (IllegalArgumentException e) {
      run =
          ServerCheckKind.Run.of(
              CheckOutcome.of(CheckStatus.UNKNOWN, "invalid parameters: " + e.getMessage()));
    } catch (RuntimeException e) {
      log.warn("Server-run check {} failed unexpectedly", itemKey, e);
      run = ServerCheckKind.Run.of(CheckOutcome.of(CheckStatus.UNKNOWN, "the check failed: " + e));
    }
    CheckOutcome outcome = run.outcome();
    double durationMs = (System.nanoTime() - startNanos) / 1e6;
    CheckResult result;
    try {
      result = result(itemKey, item.kind(), started, outcome, durationMs, outcome.metrics());
    } catch (InvalidInputException e) {
      // a metric name that is no identifier: keep the status, drop the numbers
      result = result(itemKey, item.kind(), started, outcome, durationMs, Map.of());
    }
    return new Outcome(result, run.points());
  }

  private static CheckResult result(
      String itemKey,
      String kind,
      long started,
      CheckOutcome outcome,
      double durationMs,
      Map<String, Double> metrics) {
    return new CheckResult(
        itemKey,
        kind,
        started,
        outcome.status(),
        outcome.message(),
        durationMs,
        metrics,
        List.of());
  }
}
