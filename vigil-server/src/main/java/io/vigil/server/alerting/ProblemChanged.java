package io.vigil.server.alerting;

/**
 * Published (Spring application event, after the change committed) whenever a problem is opened,
 * changes severity, is acknowledged, resolved or closed, or its suppression changes. Notification
 * plans its deliveries from these.
 *
 * @param change what happened
 * @param problem the problem as it is after the change
 */
public record ProblemChanged(Change change, Problem problem) {

  public enum Change {
    OPENED,
    SEVERITY_CHANGED,
    ACKNOWLEDGED,
    RESOLVED,
    CLOSED
  }
}
