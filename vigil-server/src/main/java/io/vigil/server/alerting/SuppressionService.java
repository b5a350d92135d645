package io.vigil.server.alerting;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Why a problem must not be notified at a given instant: a maintenance window in force for its host
 * or one of the host's groups ({@code maintenance}), a silence in force that matches it ({@code
 * silence}), or an active {@code host_down} problem of its host ({@code dependency}; never for a
 * host-down problem itself). Checked in that order; read from the database on every call so a
 * window or silence added a moment ago counts at once.
 */
@Service
public class SuppressionService implements Suppressions {

  public static final String MAINTENANCE = "maintenance";
  public static final String SILENCE = "silence";
  public static final String DEPENDENCY = "dependency";

  private final MaintenanceRepository windows;
  private final SilenceRepository silences;
  private final ProblemRepository problems;
  private final ActiveProblems active;
  private final HostDownRules hostDownRules;

  SuppressionService(
      MaintenanceRepository windows,
      SilenceRepository silences,
      ProblemRepository problems,
      ActiveProblems active,
      HostDownRules hostDownRules) {
    this.windows = windows;
    this.silences = silences;
    this.problems = problems;
    this.active = active;
    this.hostDownRules = hostDownRules;
  }

  @Override
  public String reason(Problem problem, long nowMillis) {
    if (inMaintenance(problem.hostKey(), nowMillis)) {
      return MAINTENANCE;
    }
    for (Silence silence : silences.active(nowMillis)) {
      if (silence.matches(problem, nowMillis)) {
        return SILENCE;
      }
    }
    if (active.hostDown(problem.hostKey()) && !hostDownRules.isHostDown(problem.ruleId())) {
      return DEPENDENCY;
    }
    return null;
  }

  /** Whether a maintenance window is in force for {@code hostKey} at {@code nowMillis}. */
  public boolean inMaintenance(String hostKey, long nowMillis) {
    List<String> groups = null;
    for (MaintenanceWindow window : windows.candidates(nowMillis)) {
      if ("group".equals(window.scopeType()) && groups == null) {
        groups = problems.groupsOf(hostKey);
      }
      if (window.covers(hostKey, groups == null ? List.of() : groups, nowMillis)) {
        return true;
      }
    }
    return false;
  }
}
