package io.vigil.server.alerting;

import io.vigil.model.Severity;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The open and acknowledged problems, in memory (loaded from the database at start, kept up to date
 * by {@link ProblemService} after each commit): the host list's worst severity, the summary and the
 * dependency suppression read it without touching the database.
 */
@Component
public class ActiveProblems {

  /** What makes a problem unique while it is active. */
  record SeriesKey(long ruleId, String hostKey, Map<String, String> series) {
    static SeriesKey of(Problem p) {
      return new SeriesKey(p.ruleId(), p.hostKey(), p.series());
    }

    static SeriesKey of(ProblemSignal s) {
      return new SeriesKey(s.ruleId(), s.hostKey(), s.series());
    }
  }

  private final Map<SeriesKey, Problem> bySeries = new ConcurrentHashMap<>();
  private final HostDownRules hostDownRules;

  ActiveProblems(ProblemRepository problems, HostDownRules hostDownRules) {
    this.hostDownRules = hostDownRules;
    for (StoredProblem stored : problems.active()) {
      bySeries.put(SeriesKey.of(stored.problem()), stored.problem());
    }
  }

  /** The worst severity of {@code hostKey}'s active problems, or null when it has none. */
  public Severity worstSeverity(String hostKey) {
    Severity worst = null;
    for (Problem p : bySeries.values()) {
      if (p.hostKey().equals(hostKey) && (worst == null || p.severity().atLeast(worst))) {
        worst = p.severity();
      }
    }
    return worst;
  }

  /** Host key → the worst severity of its active problems; hosts without any are absent. */
  public Map<String, Severity> worstByHost() {
    Map<String, Severity> worst = new HashMap<>();
    for (Problem p : bySeries.values()) {
      worst.merge(p.hostKey(), p.severity(), (a, b) -> a.atLeast(b) ? a : b);
    }
    return worst;
  }

  /**
   * Whether {@code hostKey} has an active problem of a {@code host_down} rule (a host-level one:
   * its series is empty).
   */
  public boolean hostDown(String hostKey) {
    for (Problem p : bySeries.values()) {
      if (p.hostKey().equals(hostKey)
          && p.series().isEmpty()
          && hostDownRules.isHostDown(p.ruleId())) {
        return true;
      }
    }
    return false;
  }

  /** A snapshot of all active problems. */
  public List<Problem> all() {
    return List.copyOf(bySeries.values());
  }

  /** Counts of active problems per severity (every severity present, zero when none). */
  Map<Severity, Integer> countBySeverity() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    for (Problem p : bySeries.values()) {
      counts.merge(p.severity(), 1, Integer::sum);
    }
    return counts;
  }

  /** Replaces everything with what the database holds (in a pair, the peer writes too). */
  void replaceAll(List<Problem> all) {
    Map<SeriesKey, Problem> next = new HashMap<>();
    for (Problem p : all) {
      next.put(SeriesKey.of(p), p);
    }
    bySeries.keySet().retainAll(next.keySet());
    bySeries.putAll(next);
  }

  Problem find(ProblemSignal signal) {
    return bySeries.get(SeriesKey.of(signal));
  }

  void put(Problem problem) {
    if (problem.status().active()) {
      bySeries.put(SeriesKey.of(problem), problem);
    } else {
      bySeries.computeIfPresent(
          SeriesKey.of(problem), (k, current) -> current.id() == problem.id() ? null : current);
    }
  }
}
