package io.vigil.server.alerting;

import io.vigil.model.Severity;
import java.util.List;

/**
 * The conditions of one series, updated in O(1) per sample. Each condition remembers since when it
 * holds without a break; it fires once that lasted its {@code for}. The worst firing condition
 * wins. Once a problem is open it stays open (at the worst condition still firing, else at its
 * severity) until it recovers: by default as soon as no condition holds, or with a recovery
 * condition once that held for its own {@code for} while no condition held (hysteresis).
 */
final class ThresholdState {

  private static final long NONE = Long.MIN_VALUE;

  private final AlertRule.Condition[] conditions;
  private final long[] forMillis;
  private final long[] since;
  private final AlertRule.Recovery recovery;
  private final long recoveryForMillis;
  private long recoverySince = NONE;
  private Severity active;
  private AlertRule.Condition deciding;
  private boolean holding;

  /**
   * @param conditions worst severity first
   * @param active the severity already open (a rule edited while its problem is open), or null
   */
  ThresholdState(
      List<AlertRule.Condition> conditions, AlertRule.Recovery recovery, Severity active) {
    this.conditions = conditions.toArray(AlertRule.Condition[]::new);
    this.forMillis = new long[this.conditions.length];
    this.since = new long[this.conditions.length];
    for (int i = 0; i < this.conditions.length; i++) {
      forMillis[i] = this.conditions[i].forDuration().toMillis();
      since[i] = NONE;
    }
    this.recovery = recovery;
    this.recoveryForMillis = recovery == null ? 0 : recovery.forDuration().toMillis();
    this.active = active;
  }

  /**
   * Takes one sample.
   *
   * @param now the sample's time, epoch millis (never earlier than the previous sample's)
   * @param value the value; NaN holds no condition
   * @param cpus the host's logical CPUs, for per-CPU thresholds
   * @return the severity now holding, or null
   */
  Severity update(long now, double value, double cpus) {
    boolean anyHolds = false;
    int fired = -1;
    for (int i = 0; i < conditions.length; i++) {
      AlertRule.Condition c = conditions[i];
      double threshold = c.perCpu() ? c.value() * cpus : c.value();
      if (c.op().test(value, threshold)) {
        anyHolds = true;
        if (since[i] == NONE) {
          since[i] = now;
        }
        if (fired < 0 && now - since[i] >= forMillis[i]) {
          fired = i;
        }
      } else {
        since[i] = NONE;
      }
    }
    holding = anyHolds;
    if (fired >= 0) {
      active = conditions[fired].severity();
      deciding = conditions[fired];
      recoverySince = NONE;
      return active;
    }
    if (active == null) {
      return null;
    }
    if (anyHolds) {
      recoverySince = NONE;
      return active;
    }
    if (recovery == null) {
      return recover();
    }
    if (!recovery.op().test(value, recovery.value())) {
      recoverySince = NONE;
      return active;
    }
    if (recoverySince == NONE) {
      recoverySince = now;
    }
    return now - recoverySince >= recoveryForMillis ? recover() : active;
  }

  private Severity recover() {
    active = null;
    deciding = null;
    recoverySince = NONE;
    return null;
  }

  /** Whether some condition held at the last sample (fired or still pending). */
  boolean holding() {
    return holding;
  }

  Severity active() {
    return active;
  }

  /** The condition that decided the current severity, or null. */
  AlertRule.Condition deciding() {
    return deciding;
  }
}
