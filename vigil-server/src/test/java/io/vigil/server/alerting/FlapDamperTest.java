package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Severity;
import org.junit.jupiter.api.Test;

class FlapDamperTest {

  static final long MIN = 60_000;

  @Test
  void followsTheRawStateWhileItChangesRarely() {
    FlapDamper damper = new FlapDamper(10 * MIN, 4, null);
    assertThat(damper.filter(0, Severity.MAJOR)).isEqualTo(Severity.MAJOR);
    assertThat(damper.filter(MIN, null)).isNull();
    assertThat(damper.filter(2 * MIN, Severity.WARNING)).isEqualTo(Severity.WARNING);
    assertThat(damper.filter(3 * MIN, Severity.MAJOR)).isEqualTo(Severity.MAJOR);
    assertThat(damper.flapping(3 * MIN)).isFalse();
  }

  @Test
  void moreThanMaxChangesInTheWindowHoldTheStateUntilItCalms() {
    FlapDamper damper = new FlapDamper(10 * MIN, 4, null);
    damper.filter(0, Severity.MAJOR);
    damper.filter(MIN, null);
    damper.filter(2 * MIN, Severity.MAJOR);
    assertThat(damper.filter(3 * MIN, null)).as("4 changes: still allowed").isNull();
    assertThat(damper.filter(4 * MIN, Severity.MAJOR)).as("the 5th is held").isNull();
    assertThat(damper.flapping(4 * MIN)).isTrue();
    assertThat(damper.filter(5 * MIN, null)).isNull();
    assertThat(damper.filter(6 * MIN, Severity.MAJOR)).isNull();
    assertThat(damper.filter(12 * MIN, Severity.MAJOR))
        .as("still 5 changes within the last 10 minutes")
        .isNull();
    assertThat(damper.filter(15 * MIN, Severity.MAJOR))
        .as("calm: follows the raw state again")
        .isEqualTo(Severity.MAJOR);
  }

  @Test
  void holdsAnOpenStateToo() {
    FlapDamper damper = new FlapDamper(10 * MIN, 2, null);
    damper.filter(0, Severity.MAJOR);
    damper.filter(MIN, null);
    assertThat(damper.filter(2 * MIN, Severity.MAJOR)).as("3rd change held").isNull();
    FlapDamper open = new FlapDamper(10 * MIN, 2, Severity.MAJOR);
    open.filter(0, null);
    open.filter(MIN, Severity.MAJOR);
    assertThat(open.filter(2 * MIN, null)).isEqualTo(Severity.MAJOR);
    assertThat(open.filter(13 * MIN, null)).isNull();
  }

  @Test
  void zeroMaxChangesTurnsDampingOff() {
    FlapDamper damper = new FlapDamper(10 * MIN, 0, null);
    for (int i = 0; i < 20; i++) {
      Severity s = i % 2 == 0 ? Severity.MAJOR : null;
      assertThat(damper.filter(i * 1000L, s)).isEqualTo(s);
    }
  }
}
