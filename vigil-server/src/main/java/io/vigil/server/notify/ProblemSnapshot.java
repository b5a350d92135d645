package io.vigil.server.notify;

import io.vigil.model.Severity;
import io.vigil.server.alerting.Problem;
import java.util.Map;

/** A problem as stored by notification (JSON-safe: no NaN), so deliveries render without it. */
record ProblemSnapshot(
    long id,
    long ruleId,
    String ruleName,
    String hostKey,
    Map<String, String> series,
    Severity severity,
    Problem.Status status,
    long openedAt,
    Long resolvedAt,
    String text,
    Double value,
    String suppressed,
    String acknowledgedBy,
    String ackComment) {

  static ProblemSnapshot of(Problem p) {
    return new ProblemSnapshot(
        p.id(),
        p.ruleId(),
        p.ruleName(),
        p.hostKey(),
        p.series(),
        p.severity(),
        p.status(),
        p.openedAt(),
        p.resolvedAt(),
        p.text(),
        Double.isFinite(p.value()) ? p.value() : null,
        p.suppressed(),
        p.acknowledgedBy(),
        p.ackComment());
  }

  Problem toProblem() {
    return new Problem(
        id,
        ruleId,
        ruleName,
        hostKey,
        series,
        severity,
        status,
        openedAt,
        resolvedAt,
        text,
        value == null ? Double.NaN : value,
        suppressed,
        acknowledgedBy,
        ackComment);
  }
}
