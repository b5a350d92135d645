package io.vigil.server.alerting;

import io.vigil.model.CheckResult;
import io.vigil.model.Point;
import io.vigil.model.Severity;
import io.vigil.server.ingest.CheckPoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Judges samples against the rules, single-threaded (the evaluator's thread owns it): finds the
 * rules of each point's measurement, keeps one {@link AlertSeries} per (rule, host, tags), and on a
 * timer judges absence and host down. Signals only changes: open, severity change, recovery. The
 * first judgement of a series that finds nothing holding also signals a recovery once, so problems
 * left open by a previous run of the server resolve.
 */
final class AlertEngine {

  /** Where signals go, with the arrival time of the batch that caused them (0 for the timer). */
  interface Output {
    void signal(ProblemSignal signal, long receivedAtNanos);
  }

  /** A series: the rule and the point's tags, host included. */
  private record SeriesKey(long ruleId, Map<String, String> tags) {}

  private static final long PRUNE_EVERY_MILLIS = 60_000;
  private static final long IDLE_SERIES_MILLIS = 3_600_000;

  private final HostLookup hosts;
  private final Output out;
  private final Map<SeriesKey, AlertSeries> series = new HashMap<>();
  private final Map<String, HostDownWatch> agentless = new HashMap<>();
  private Map<String, List<AlertRule>> byMeasurement = Map.of();
  private List<AlertRule> absenceRules = List.of();
  private List<AlertRule> hostDownRules = List.of();
  private Map<Long, AlertRule> rules = Map.of();
  private long prunedAt;
  private long startedAt = Long.MIN_VALUE;

  AlertEngine(HostLookup hosts, Output out) {
    this.hosts = hosts;
    this.out = out;
  }

  /**
   * Replaces the rule set. Series of deleted or disabled rules (or of rules whose kind changed)
   * recover (when open) and go; series of changed rules start afresh but keep their open severity
   * until the new rule decides.
   */
  void rules(List<AlertRule> all, long now) {
    Map<Long, AlertRule> next = new HashMap<>();
    Map<String, List<AlertRule>> measurements = new HashMap<>();
    List<AlertRule> absence = new ArrayList<>();
    List<AlertRule> hostDown = new ArrayList<>();
    for (AlertRule rule : all) {
      if (!rule.enabled()) {
        continue;
      }
      next.put(rule.id(), rule);
      switch (rule.kind()) {
        case HOST_DOWN -> hostDown.add(rule);
        case ABSENCE -> {
          absence.add(rule);
          measurements.computeIfAbsent(rule.measurement(), m -> new ArrayList<>()).add(rule);
        }
        default ->
            measurements.computeIfAbsent(rule.measurement(), m -> new ArrayList<>()).add(rule);
      }
    }
    for (Iterator<Map.Entry<SeriesKey, AlertSeries>> it = series.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<SeriesKey, AlertSeries> e = it.next();
      AlertSeries s = e.getValue();
      AlertRule rule = next.get(s.rule.id());
      if (rule == null || rule.kind() != s.rule.kind()) {
        if (s.signalled != null) {
          String why = rule == null ? "rule deleted or disabled" : "rule changed its kind";
          emit(s, null, now, s.rule.name() + ": " + why, 0, Double.NaN);
        }
        it.remove();
      } else if (!rule.equals(s.rule)) {
        AlertSeries fresh = new AlertSeries(rule, s.hostKey, s.series, s.signalled, now);
        fresh.absence = s.absence;
        e.setValue(fresh);
      }
    }
    rules = next;
    byMeasurement = measurements;
    absenceRules = absence;
    hostDownRules = hostDown;
  }

  /** Judges the points and check results of one stored batch, received at {@code now}. */
  void batch(
      String hostKey, List<Point> points, List<CheckResult> checks, long receivedAt, long now) {
    started(now);
    if (rules.isEmpty()) {
      return;
    }
    HostLookup.Host host = hosts.host(hostKey);
    int cpus = host == null ? 1 : host.cpus();
    watchAbsence(hostKey, host, now);
    for (Point point : points) {
      judge(hostKey, host, cpus, point, receivedAt, now);
    }
    if (!checks.isEmpty()) {
      if (host != null && host.agentless()) {
        HostDownWatch watch = agentless.computeIfAbsent(hostKey, k -> new HostDownWatch());
        for (CheckResult result : checks) {
          watch.result(result.item(), result.status());
        }
      }
      if (byMeasurement.containsKey(CheckPoints.CHECK)
          || byMeasurement.containsKey(CheckPoints.CHECK_METRIC)) {
        for (Point point : CheckPoints.of(hostKey, checks)) {
          judge(hostKey, host, cpus, point, receivedAt, now);
        }
      }
    }
  }

  private void judge(
      String hostKey, HostLookup.Host host, int cpus, Point point, long receivedAt, long now) {
    List<AlertRule> candidates = byMeasurement.get(point.measurement());
    if (candidates == null) {
      return;
    }
    Map<String, String> tags = point.tags();
    for (AlertRule rule : candidates) {
      if (!inScope(rule, hostKey, host, tags) || !tagsMatch(rule, tags)) {
        continue;
      }
      if (rule.kind() == AlertRule.Kind.ABSENCE) {
        AlertSeries s = absenceSeries(rule, hostKey, now);
        s.absence.seen(now);
        continue;
      }
      Double value = point.fields().get(rule.field());
      if (value == null) {
        continue;
      }
      AlertSeries s =
          series.computeIfAbsent(
              new SeriesKey(rule.id(), tags),
              k -> new AlertSeries(rule, hostKey, withoutHost(tags), null, now));
      s.touchedAt = now;
      Severity raw = s.sample(point.timestamp(), value, cpus);
      settle(s, raw, point.timestamp(), receivedAt, cpus);
    }
  }

  /** Judges absence and host down; prunes idle series once a minute. */
  void tick(long now) {
    started(now);
    for (AlertSeries s : series.values()) {
      if (s.absence != null) {
        judgeAbsence(s, now);
      }
    }
    for (AlertRule rule : hostDownRules) {
      for (HostLookup.Host host : hosts.hosts()) {
        if (inScope(rule, host.key(), host, null)) {
          judgeHostDown(rule, host, now);
        }
      }
    }
    if (now - prunedAt > PRUNE_EVERY_MILLIS) {
      prunedAt = now;
      series
          .values()
          .removeIf(
              s ->
                  s.signalled == null
                      && s.threshold != null
                      && now - s.touchedAt > IDLE_SERIES_MILLIS);
    }
  }

  private void started(long now) {
    if (startedAt == Long.MIN_VALUE) {
      startedAt = now;
    }
  }

  /**
   * Forgets what was signalled: each series signals its state (holding or not) at its next
   * judgement, as after a start. Used when this server becomes the leader of a pair.
   */
  void resync() {
    for (AlertSeries s : series.values()) {
      s.signalled = null;
      s.synced = false;
    }
  }

  int seriesCount() {
    return series.size();
  }

  private void watchAbsence(String hostKey, HostLookup.Host host, long now) {
    for (AlertRule rule : absenceRules) {
      if (!rule.scope().type().equals("tag") && inScope(rule, hostKey, host, null)) {
        absenceSeries(rule, hostKey, now);
      }
    }
  }

  private AlertSeries absenceSeries(AlertRule rule, String hostKey, long now) {
    return series.computeIfAbsent(
        new SeriesKey(rule.id(), Map.of(Point.HOST_TAG, hostKey)),
        k -> {
          AlertSeries s = new AlertSeries(rule, hostKey, rule.tags(), null, now);
          s.absence = new AbsenceWatch(now);
          return s;
        });
  }

  private void judgeAbsence(AlertSeries s, long now) {
    HostLookup.Host host = hosts.host(s.hostKey);
    if (host == null) {
      return;
    }
    String item = itemOf(s.rule);
    Integer interval = hosts.enabledIntervals(host.id()).get(item);
    long limit = interval == null ? Long.MAX_VALUE : s.rule.intervals() * 1000L * interval;
    boolean absent = interval != null && s.absence.absent(now, limit);
    Severity raw = absent ? s.rule.conditions().get(0).severity() : null;
    s.lastValue = (now - s.absence.lastSeen()) / 1000.0;
    String text =
        absent
            ? s.rule.name()
                + ": no "
                + s.rule.measurement()
                + " sample for "
                + SignalText.number(Math.floor(s.lastValue))
                + "s (expected every "
                + interval
                + "s)"
            : null;
    settle(s, raw, now, 0, 1, text);
  }

  private void judgeHostDown(AlertRule rule, HostLookup.Host host, long now) {
    AlertSeries s =
        series.computeIfAbsent(
            new SeriesKey(rule.id(), Map.of(Point.HOST_TAG, host.key())),
            k -> new AlertSeries(rule, host.key(), Map.of(), null, now));
    Map<String, Integer> items = hosts.enabledIntervals(host.id());
    boolean down;
    String text;
    HostDownWatch watch = host.agentless() ? agentless.get(host.key()) : null;
    // An agentless host is judged by the checks the server runs for it; one without check results
    // (data pushed by Telegraf or Glances) by silence, like a host with an agent.
    if (watch != null && watch.reported() > 0) {
      down = watch.allChecksCritical(items.keySet());
      text = rule.name() + ": every check of " + host.key() + " is CRITICAL";
    } else {
      int shortest = items.values().stream().mapToInt(Integer::intValue).min().orElse(0);
      Long seen = hosts.lastSeen(host.key());
      if (seen == null || seen < startedAt) {
        // Not heard of since this server started: give it its intervals before judging, so a
        // restart of the server does not call every host down (and does not resolve its problem
        // before knowing).
        if (!s.synced && seen != null && !HostDownWatch.agentSilent(startedAt, now, shortest)) {
          return;
        }
        seen = seen == null ? null : Math.max(seen, startedAt);
      }
      down = HostDownWatch.agentSilent(seen, now, shortest);
      s.lastValue = seen == null ? Double.NaN : (now - seen) / 1000.0;
      text =
          rule.name()
              + ": no report from "
              + host.key()
              + " for "
              + SignalText.number(Math.floor(s.lastValue))
              + "s (expected every "
              + shortest
              + "s)";
    }
    settle(s, down ? rule.conditions().get(0).severity() : null, now, 0, 1, down ? text : null);
  }

  private void settle(AlertSeries s, Severity raw, long at, long receivedAt, int cpus) {
    settle(s, raw, at, receivedAt, cpus, null);
  }

  private void settle(
      AlertSeries s, Severity raw, long at, long receivedAt, int cpus, String openText) {
    Severity shown = s.damper.filter(at, raw);
    if (!s.synced) {
      if (shown != null) {
        s.synced = true;
      } else if (s.threshold == null || !s.threshold.holding()) {
        s.synced = true;
        emit(s, null, at, s.rule.name() + ": not holding", receivedAt, s.lastValue);
        return;
      }
    }
    if (shown == s.signalled) {
      return;
    }
    s.signalled = shown;
    String text = shown != null && openText != null ? openText : SignalText.of(s, shown, cpus);
    double value = s.rule.kind() == AlertRule.Kind.FORECAST ? s.lastInput : s.lastValue;
    emit(s, shown, at, text, receivedAt, value);
  }

  private void emit(
      AlertSeries s, Severity severity, long at, String text, long receivedAt, double value) {
    out.signal(
        new ProblemSignal(
            s.rule.id(), s.rule.name(), s.hostKey, s.series, severity, value, text, at),
        receivedAt);
  }

  /** The item whose interval an absence rule waits for: the check's item, else the collector. */
  static String itemOf(AlertRule rule) {
    String check = rule.tags().get("check");
    if (check != null
        && (rule.measurement().equals(CheckPoints.CHECK)
            || rule.measurement().equals(CheckPoints.CHECK_METRIC))) {
      return check;
    }
    return rule.measurement();
  }

  static boolean inScope(
      AlertRule rule, String hostKey, HostLookup.Host host, Map<String, String> tags) {
    AlertRule.Scope scope = rule.scope();
    return switch (scope.type()) {
      case "host" -> scope.value().equals(hostKey);
      case "group" -> host != null && host.groups().contains(scope.value());
      case "tag" -> tags != null && scope.tagValue().equals(tags.get(scope.tagName()));
      default -> true;
    };
  }

  private static boolean tagsMatch(AlertRule rule, Map<String, String> tags) {
    for (Map.Entry<String, String> want : rule.tags().entrySet()) {
      if (!want.getValue().equals(tags.get(want.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> withoutHost(Map<String, String> tags) {
    if (!tags.containsKey(Point.HOST_TAG)) {
      return tags;
    }
    Map<String, String> copy = new HashMap<>(tags);
    copy.remove(Point.HOST_TAG);
    return copy;
  }
}
