package io.vigil.server.alerting;

import io.vigil.model.Severity;
import java.util.Map;

/**
 * The state of one series of one rule: its state machine (threshold, rate, forecast, absence or
 * host down), its flap damper and the severity last signalled.
 */
final class AlertSeries {

  final AlertRule rule;
  final String hostKey;
  final Map<String, String> series;
  final ThresholdState threshold;
  final RateState rate;
  final ForecastState forecast;
  final FlapDamper damper;
  AbsenceWatch absence;
  Severity signalled;
  boolean synced;
  long lastSampleAt = Long.MIN_VALUE;
  long touchedAt;
  double lastValue = Double.NaN;
  double lastInput = Double.NaN;

  /**
   * @param signalled the severity already signalled (a rule edited while its problem is open)
   */
  AlertSeries(
      AlertRule rule, String hostKey, Map<String, String> series, Severity signalled, long now) {
    this.rule = rule;
    this.hostKey = hostKey;
    this.series = series;
    this.signalled = signalled;
    this.synced = signalled != null;
    this.touchedAt = now;
    boolean judgesValues =
        rule.kind() != AlertRule.Kind.ABSENCE && rule.kind() != AlertRule.Kind.HOST_DOWN;
    this.threshold =
        judgesValues ? new ThresholdState(conditions(rule), rule.recovery(), signalled) : null;
    this.rate = rule.kind() == AlertRule.Kind.RATE ? new RateState() : null;
    this.forecast =
        rule.kind() == AlertRule.Kind.FORECAST ? new ForecastState(rule.window().toMillis()) : null;
    this.damper = new FlapDamper(rule.flapWindow().toMillis(), rule.flapMaxChanges(), signalled);
  }

  /** A forecast holds when the time until full is within the horizon. */
  private static java.util.List<AlertRule.Condition> conditions(AlertRule rule) {
    if (rule.kind() != AlertRule.Kind.FORECAST) {
      return rule.conditions();
    }
    AlertRule.Condition c = rule.conditions().get(0);
    return java.util.List.of(
        new AlertRule.Condition(
            c.severity(), AlertRule.Op.LE, rule.horizon().toSeconds(), c.forDuration(), false));
  }

  /**
   * Takes one sample of the rule's field; returns the raw severity now holding.
   *
   * @return the severity (before flap damping), or the current one when the sample decides nothing
   */
  Severity sample(long at, double value, int cpus) {
    if (at < lastSampleAt) {
      return threshold.active();
    }
    lastSampleAt = at;
    lastInput = value;
    double judged = value;
    if (rate != null) {
      judged = rate.rate(at, value);
      if (Double.isNaN(judged)) {
        return threshold.active();
      }
    } else if (forecast != null) {
      forecast.add(at, value);
      judged = forecast.secondsUntil(SignalText.FULL);
    }
    lastValue = judged;
    return threshold.update(at, judged, cpus);
  }
}
