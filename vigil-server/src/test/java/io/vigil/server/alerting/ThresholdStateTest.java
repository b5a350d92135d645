package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdStateTest {

  static final long T0 = 1_700_000_000_000L;

  static AlertRule.Condition when(
      Severity severity, String op, double value, Duration forDuration) {
    return new AlertRule.Condition(severity, op(op), value, forDuration, false);
  }

  static AlertRule.Op op(String symbol) {
    for (AlertRule.Op op : AlertRule.Op.values()) {
      if (op.symbol().equals(symbol)) {
        return op;
      }
    }
    throw new IllegalArgumentException(symbol);
  }

  /** CPU > 90 for 5m major, > 80 for 10m warning (worst first, as AlertRule sorts them). */
  static ThresholdState cpu(AlertRule.Recovery recovery) {
    return new ThresholdState(
        List.of(
            when(Severity.MAJOR, ">", 90, Duration.ofMinutes(5)),
            when(Severity.WARNING, ">", 80, Duration.ofMinutes(10))),
        recovery,
        null);
  }

  static long min(double minutes) {
    return T0 + (long) (minutes * 60_000);
  }

  @Test
  void aConditionFiresOnlyAfterHoldingForItsDuration() {
    ThresholdState state = cpu(null);
    assertThat(state.update(min(0), 95, 1)).isNull();
    assertThat(state.holding()).isTrue();
    assertThat(state.update(min(4.9), 95, 1)).isNull();
    assertThat(state.update(min(5), 95, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.deciding().value()).isEqualTo(90);
  }

  @Test
  void aBreakRestartsTheForDuration() {
    ThresholdState state = cpu(null);
    state.update(min(0), 95, 1);
    state.update(min(3), 50, 1);
    assertThat(state.update(min(5), 95, 1)).isNull();
    assertThat(state.update(min(9.9), 95, 1)).isNull();
    assertThat(state.update(min(10), 95, 1)).isEqualTo(Severity.MAJOR);
  }

  @Test
  void theWorstFiringConditionWinsAndALowerOneTakesOverWhenTheWorseStops() {
    ThresholdState state = cpu(null);
    state.update(min(0), 85, 1);
    assertThat(state.update(min(10), 85, 1)).isEqualTo(Severity.WARNING);
    state.update(min(11), 95, 1);
    assertThat(state.update(min(15.9), 95, 1)).isEqualTo(Severity.WARNING);
    assertThat(state.update(min(16), 95, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(17), 85, 1))
        .as("the warning condition held all along")
        .isEqualTo(Severity.WARNING);
  }

  @Test
  void anOpenProblemHoldsItsSeverityWhileALowerConditionIsStillPending() {
    ThresholdState state = cpu(null);
    state.update(min(0), 50, 1);
    state.update(min(1), 95, 1);
    assertThat(state.update(min(6), 95, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(7), 85, 1))
        .as("warning holds but is not yet 10m old: stays major")
        .isEqualTo(Severity.MAJOR);
  }

  @Test
  void withoutARecoveryConditionItRecoversOnceNoConditionHolds() {
    ThresholdState state = cpu(null);
    state.update(min(0), 95, 1);
    assertThat(state.update(min(5), 95, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(6), 80, 1)).isNull();
    assertThat(state.deciding()).isNull();
  }

  @Test
  void aRecoveryConditionGivesHysteresisWithItsOwnDuration() {
    ThresholdState state = cpu(new AlertRule.Recovery(op("<"), 70, Duration.ofMinutes(2)));
    state.update(min(0), 95, 1);
    assertThat(state.update(min(5), 95, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(6), 75, 1))
        .as("no condition holds, but not yet below 70")
        .isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(7), 60, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(8), 72, 1)).as("a break restarts it").isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(9), 60, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(10.9), 60, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(11), 60, 1)).isNull();
  }

  @Test
  void recoveryDoesNotCountWhileAConditionHolds() {
    ThresholdState state =
        new ThresholdState(
            List.of(when(Severity.MAJOR, ">", 90, Duration.ZERO)),
            new AlertRule.Recovery(op("!="), 0, Duration.ZERO),
            null);
    assertThat(state.update(min(0), 95, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(1), 96, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(2), 50, 1)).isNull();
  }

  @Test
  void aZeroDurationFiresOnTheFirstSample() {
    ThresholdState state =
        new ThresholdState(List.of(when(Severity.CRITICAL, ">=", 95, Duration.ZERO)), null, null);
    assertThat(state.update(min(0), 95, 1)).isEqualTo(Severity.CRITICAL);
    assertThat(state.update(min(0.1), 94.9, 1)).isNull();
  }

  @Test
  void perCpuThresholdsScaleWithTheHostsCpus() {
    ThresholdState state =
        new ThresholdState(
            List.of(new AlertRule.Condition(Severity.WARNING, op(">"), 2, Duration.ZERO, true)),
            null,
            null);
    assertThat(state.update(min(0), 7, 4)).isNull();
    assertThat(state.update(min(1), 9, 4)).isEqualTo(Severity.WARNING);
    assertThat(state.update(min(2), 3, 1)).isEqualTo(Severity.WARNING);
  }

  @Test
  void nanHoldsNothingAndACarriedOverSeverityStaysUntilDecided() {
    ThresholdState state =
        new ThresholdState(
            List.of(when(Severity.MAJOR, "!=", 0, Duration.ZERO)), null, Severity.MAJOR);
    assertThat(state.active()).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(0), Double.NaN, 1)).isNull();
  }

  @Test
  void checkStatusConditionsCompareExitCodes() {
    ThresholdState state =
        new ThresholdState(
            List.of(
                when(Severity.MAJOR, "==", 2, Duration.ZERO),
                when(Severity.MINOR, "==", 3, Duration.ZERO),
                when(Severity.WARNING, "==", 1, Duration.ZERO)),
            null,
            null);
    assertThat(state.update(min(0), 0, 1)).isNull();
    assertThat(state.update(min(1), 1, 1)).isEqualTo(Severity.WARNING);
    assertThat(state.update(min(2), 2, 1)).isEqualTo(Severity.MAJOR);
    assertThat(state.update(min(3), 3, 1)).isEqualTo(Severity.MINOR);
    assertThat(state.update(min(4), 0, 1)).isNull();
  }
}
