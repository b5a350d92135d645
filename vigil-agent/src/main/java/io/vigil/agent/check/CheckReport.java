package io.vigil.agent.check;

import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a {@link RunnableCheck} found, before the agent stamps item, kind, time and
 * duration on it and bounds it to the wire limits ({@link CheckResults}).
 *
 * @param status the outcome
 * @param message one line for people
 * @param metrics numbers, named by identifiers
 * @param details extra lines for people (log samples, top remote addresses)
 */
public record CheckReport(
    CheckStatus status, String message, Map<String, Double> metrics, List<String> details) {

  public CheckReport {
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
    metrics = metrics == null ? Map.of() : metrics;
    details = details == null ? List.of() : List.copyOf(details);
  }

  public static CheckReport of(CheckOutcome outcome) {
    return of(outcome, List.of());
  }

  public static CheckReport of(CheckOutcome outcome, List<String> details) {
    return new CheckReport(outcome.status(), outcome.message(), outcome.metrics(), details);
  }

  public static CheckReport unknown(String message) {
    return new CheckReport(CheckStatus.UNKNOWN, message, Map.of(), List.of());
  }
}
