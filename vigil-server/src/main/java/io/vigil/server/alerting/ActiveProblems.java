package io.vigil.server.alerting;

import io.vigil.model.Severity;
import java.util.Collection;
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

  /**
   * The same problems by host, for the questions asked per host (is it down, its worst severity):
   * scanning every active problem for each made a storm of host-down problems quadratic (10,000
   * hosts going silent kept the evaluator busy for minutes). Written under this object's lock
   * together with {@link #bySeries}; read without it.
   */
  private final Map<String, Map<SeriesKey, Problem>> byHost = new ConcurrentHashMap<>();

  private final HostDownRules hostDownRules;

  ActiveProblems(ProblemRepository problems, HostDownRules hostDownRules) {
    this.hostDownRules = hostDownRules;
    for (StoredProblem stored : problems.active()) {
      put(stored.problem());
    }
  }

  /** The worst severity of {@code hostKey}'s active problems, or null when it has none. */
  public Severity worstSeverity(String hostKey) {
    Severity worst = null;
    for (Problem p : ofHost(hostKey)) {
      if (worst == null || p.severity().atLeast(worst)) {
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
    for (Problem p : ofHost(hostKey)) {
      if (p.series().isEmpty() && hostDownRules.isHostDown(p.ruleId())) {
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

  private Collection<Problem> ofHost(String hostKey) {
    Map<SeriesKey, Problem> problems = byHost.get(hostKey);
    return problems == null ? List.of() : problems.values();
  }

  /** Replaces everything with what the database holds (in a pair, the peer writes too). */
  synchronized void replaceAll(List<Problem> all) {
    Map<SeriesKey, Problem> next = new HashMap<>();
    for (Problem p : all) {
      next.put(SeriesKey.of(p), p);
    }
    for (SeriesKey gone : List.copyOf(bySeries.keySet())) {
      if (!next.containsKey(gone)) {
        remove(gone);
      }
    }
    next.forEach(this::add);
  }

  Problem find(ProblemSignal signal) {
    return bySeries.get(SeriesKey.of(signal));
  }

  synchronized void put(Problem problem) {
    SeriesKey key = SeriesKey.of(problem);
    if (problem.status().active()) {
      add(key, problem);
    } else {
      Problem current = bySeries.get(key);
      if (current != null && current.id() == problem.id()) {
        remove(key);
      }
    }
  }

  private void add(SeriesKey key, Problem problem) {
    bySeries.put(key, problem);
    byHost.computeIfAbsent(key.hostKey(), h -> new ConcurrentHashMap<>()).put(key, problem);
  }

  private void remove(SeriesKey key) {
    bySeries.remove(key);
    Map<SeriesKey, Problem> ofHost = byHost.get(key.hostKey());
    if (ofHost != null) {
      ofHost.remove(key);
      if (ofHost.isEmpty()) {
        byHost.remove(key.hostKey());
      }
    }
  }
}
