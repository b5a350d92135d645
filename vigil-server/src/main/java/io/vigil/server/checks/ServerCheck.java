package io.vigil.server.checks;

import io.vigil.checks.CheckOutcome;
import io.vigil.checks.http.HttpCheck;
import io.vigil.checks.http.HttpCheckParams;
import io.vigil.checks.port.PortCheck;
import io.vigil.checks.port.PortCheckParams;
import io.vigil.model.AgentConfig;
import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.model.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a check item of an agentless host, on the server: port and HTTP checks run with the
 * same code, and their parameters are read by the same mapping, as on agents (a port item without
 * {@code host} connects to the host's address); other kinds, and unusable parameters, give UNKNOWN
 * with the reason.
 */
final class ServerCheck {

  private static final Logger log = LoggerFactory.getLogger(ServerCheck.class);

  private ServerCheck() {}

  /** Runs the item now (blocking for at most its timeout) and never throws. */
  static CheckResult run(String itemKey, AgentConfig.Item item, String address) {
    long started = System.currentTimeMillis();
    long startNanos = System.nanoTime();
    CheckOutcome outcome;
    try {
      outcome =
          switch (item.kind()) {
            case PortCheckParams.KIND ->
                new PortCheck(PortCheckParams.settings(item.params(), address)).run();
            case HttpCheckParams.KIND ->
                new HttpCheck(HttpCheckParams.settings(item.params())).run();
            default ->
                CheckOutcome.of(CheckStatus.UNKNOWN, "kind " + item.kind() + " needs an agent");
          };
    } catch (IllegalArgumentException e) {
      outcome = CheckOutcome.of(CheckStatus.UNKNOWN, "invalid parameters: " + e.getMessage());
    } catch (RuntimeException e) {
      log.warn("Server-run check {} failed unexpectedly", itemKey, e);
      outcome = CheckOutcome.of(CheckStatus.UNKNOWN, "the check failed: " + e);
    }
    double durationMs = (System.nanoTime() - startNanos) / 1e6;
    try {
      return result(itemKey, item.kind(), started, outcome, durationMs, outcome.metrics());
    } catch (InvalidInputException e) {
      // a metric name that is no identifier: keep the status, drop the numbers
      return result(itemKey, item.kind(), started, outcome, durationMs, Map.of());
    }
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
