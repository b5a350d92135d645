package io.vigil.server.alerting;

/**
 * A problem row with the bookkeeping the API shows beside the {@link Problem} other features see.
 *
 * @param problem the problem
 * @param updatedAt epoch millis of the last change
 * @param acknowledgedAt epoch millis, or null
 * @param closedAt epoch millis, or null
 * @param closedBy user name, or null
 * @param closeReason the reason given when closing, or null
 */
record StoredProblem(
    Problem problem,
    long updatedAt,
    Long acknowledgedAt,
    Long closedAt,
    String closedBy,
    String closeReason) {

  /** How long it lasted: until resolved or closed, or until {@code now} while it is active. */
  long durationMs(long now) {
    Long end = problem.resolvedAt() != null ? problem.resolvedAt() : closedAt;
    return Math.max(0, (end == null ? now : end) - problem.openedAt());
  }
}
