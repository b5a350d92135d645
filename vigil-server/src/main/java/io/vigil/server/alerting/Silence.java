package io.vigil.server.alerting;

import io.vigil.model.Names;
import io.vigil.model.Severity;
import java.util.Objects;

/**
 * A silence: until {@code endsAt}, problems matching all of its given matchers are recorded as
 * suppressed by {@code silence} and not notified. A matcher left null matches everything.
 *
 * @param id database id (0 before it is stored)
 * @param host matches this host key only, or null
 * @param rule matches problems of the rule with this name only, or null
 * @param severityAtMost matches problems of this severity or a lower one only, or null
 * @param startsAt epoch millis it was created (or expired, whichever is earlier)
 * @param endsAt epoch millis it ends (exclusive)
 * @param comment why, required, at most 1000 characters
 * @param createdBy user name
 * @param createdAt epoch millis
 */
record Silence(
    long id,
    String host,
    String rule,
    Severity severityAtMost,
    long startsAt,
    long endsAt,
    String comment,
    String createdBy,
    long createdAt) {

  Silence {
    if (host != null) {
      ProblemQuery.hostKey("matchers.host", host);
    }
    if (rule != null) {
      Names.requireText("matchers.rule", rule, 100);
    }
    Names.requireText("comment", comment, 1000);
    Objects.requireNonNull(createdBy, "createdBy");
  }

  boolean activeAt(long now) {
    return startsAt <= now && now < endsAt;
  }

  /** Whether this silence holds for {@code problem} at {@code now}. */
  boolean matches(Problem problem, long now) {
    return activeAt(now)
        && (host == null || host.equals(problem.hostKey()))
        && (rule == null || rule.equals(problem.ruleName()))
        && (severityAtMost == null || severityAtMost.atLeast(problem.severity()));
  }
}
