package io.vigil.server.alerting;

import io.vigil.model.CheckStatus;
import io.vigil.model.Severity;
import java.util.Locale;

/** One line for people per signal, e.g. {@code CPU busy: used_pct 93.5 > 90 for 5m}. */
final class SignalText {

  /** A forecast field is a percentage: full is 100. */
  static final double FULL = 100.0;

  private SignalText() {}

  static String of(AlertSeries s, Severity severity, int cpus) {
    AlertRule rule = s.rule;
    if (severity == null) {
      return rule.name() + ": recovered" + valuePart(s);
    }
    AlertRule.Condition c = s.threshold == null ? null : s.threshold.deciding();
    return switch (rule.kind()) {
      case THRESHOLD ->
          rule.name() + ": " + rule.field() + " " + number(s.lastValue) + cond(c, cpus);
      case RATE ->
          rule.name()
              + ": "
              + rule.field()
              + " rising "
              + number(s.lastValue)
              + "/s"
              + cond(c, cpus);
      case CHECK_STATUS ->
          rule.name()
              + ": check "
              + s.series.getOrDefault("check", "?")
              + " is "
              + CheckStatus.ofExitCode((int) s.lastValue);
      case FORECAST ->
          rule.name()
              + ": "
              + rule.field()
              + " at "
              + number(s.lastInput)
              + " reaches "
              + number(FULL)
              + " in about "
              + RuleJson.format(java.time.Duration.ofMinutes((long) (s.lastValue / 60)))
              + " by its trend over "
              + RuleJson.format(rule.window());
      case ABSENCE, HOST_DOWN -> rule.name();
    };
  }

  private static String valuePart(AlertSeries s) {
    if (Double.isNaN(s.lastValue)
        || s.threshold == null
        || s.rule.kind() == AlertRule.Kind.FORECAST) {
      return "";
    }
    if (s.rule.kind() == AlertRule.Kind.CHECK_STATUS) {
      return ", check "
          + s.series.getOrDefault("check", "?")
          + " is "
          + CheckStatus.ofExitCode((int) s.lastValue);
    }
    return ", " + s.rule.field() + " " + number(s.lastValue);
  }

  private static String cond(AlertRule.Condition c, int cpus) {
    if (c == null) {
      return "";
    }
    double threshold = c.perCpu() ? c.value() * cpus : c.value();
    return " "
        + c.op().symbol()
        + " "
        + number(threshold)
        + (c.forDuration().isZero() ? "" : " for " + RuleJson.format(c.forDuration()));
  }

  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return String.valueOf(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
