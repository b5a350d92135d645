package io.vigil.bench.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySeriesTest {

  @Test
  void percentilesAreNearestRankOverMilliseconds() {
    LatencySeries series = new LatencySeries();
    for (int ms = 10; ms >= 1; ms--) {
      series.add(0, ms * 1_000_000L);
    }
    series.miss();

    assertThat(series.count()).isEqualTo(10);
    assertThat(series.missed()).isEqualTo(1);
    assertThat(series.percentile(50)).isEqualTo(5.0);
    assertThat(series.percentile(90)).isEqualTo(9.0);
    assertThat(series.percentile(100)).isEqualTo(10.0);
    assertThat(series.row("x")).isEqualTo("| x | 10 | 1 | 5 | 9 | 1 | 10 |");
  }

  @Test
  void anEmptySeriesHasNoPercentiles() {
    assertThat(new LatencySeries().percentile(50)).isNaN();
  }
}
