package io.vigil.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CompareStatsTest {

  @Test
  void minAvgMaxAndNearestRankP95() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 100 … 1, unsorted on purpose
    }
    CompareStats stats = CompareStats.of(values);
    assertThat(stats.count()).isEqualTo(100);
    assertThat(stats.min()).isEqualTo(1.0);
    assertThat(stats.max()).isEqualTo(100.0);
    assertThat(stats.avg()).isCloseTo(50.5, within(1e-9));
    // rank ceil(0.95 × 100) = 95 → the 95th smallest value
    assertThat(stats.p95()).isEqualTo(95.0);
  }

  @Test
  void gapsAreIgnored() {
    CompareStats stats = CompareStats.of(new double[] {Double.NaN, 10, 30, Double.NaN, 20});
    assertThat(stats.count()).isEqualTo(3);
    assertThat(stats.min()).isEqualTo(10.0);
    assertThat(stats.avg()).isEqualTo(20.0);
    assertThat(stats.max()).isEqualTo(30.0);
    // rank ceil(0.95 × 3) = 3 → the largest
    assertThat(stats.p95()).isEqualTo(30.0);
  }

  @Test
  void smallSamplesUseTheNearestRank() {
    // 20 values 1..20: rank ceil(19) = 19
    double[] twenty = new double[20];
    for (int i = 0; i < 20; i++) {
      twenty[i] = i + 1;
    }
    assertThat(CompareStats.of(twenty).p95()).isEqualTo(19.0);
    assertThat(CompareStats.of(new double[] {7}).p95()).isEqualTo(7.0);
    // 21 values: rank ceil(19.95) = 20
    double[] twentyOne = new double[21];
    for (int i = 0; i < 21; i++) {
      twentyOne[i] = i + 1;
    }
    assertThat(CompareStats.of(twentyOne).p95()).isEqualTo(20.0);
  }

  @Test
  void noValuesGiveNulls() {
    CompareStats empty = CompareStats.of(new double[] {Double.NaN});
    assertThat(empty.count()).isZero();
    assertThat(empty.min()).isNull();
    assertThat(empty.avg()).isNull();
    assertThat(empty.max()).isNull();
    assertThat(empty.p95()).isNull();
    assertThat(CompareStats.of(new double[0])).isEqualTo(CompareStats.EMPTY);
  }
}
