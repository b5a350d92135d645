package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertLatencyTest {

  @Test
  void summarisesRecordedLatencies() {
    AlertLatency latency = new AlertLatency();
    assertThat(latency.snapshot().count()).isZero();
    for (int i = 0; i < 99; i++) {
      latency.record(2_000_000); // 2 ms
    }
    latency.record(500_000_000); // 500 ms
    AlertLatency.Snapshot s = latency.snapshot();
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.maxMillis()).isEqualTo(500.0);
    assertThat(s.meanMillis()).isCloseTo(6.98, org.assertj.core.api.Assertions.within(0.01));
    assertThat(s.p50Millis()).isBetween(2.0, 4.1);
    assertThat(s.p99Millis()).isBetween(2.0, 4.1);
  }
}
