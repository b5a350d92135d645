package io.vigil.agent.check;

import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import io.vigil.model.Point;
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
 * @param points measurements of their own (e.g. the {@code weblog} kind's traffic aggregates),
 *     valid wire points without the {@code host} tag; the agent sends them in the batch beside its
 *     collectors' points
 */
public record CheckReport(
    CheckStatus status,
    String message,
    Map<String, Double> metrics,
    List<String> details,
    List<Point> points) {

  public CheckReport {
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
    metrics = metrics == null ? Map.of() : metrics;
    details = details == null ? List.of() : List.copyOf(details);
    points = points == null ? List.of() : List.copyOf(points);
  }

  /** A report without points of its own. */
  public CheckReport(
      CheckStatus status, String message, Map<String, Double> metrics, List<String> details) {
    this(status, message, metrics, details, List.of());
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
