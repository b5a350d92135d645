package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Batch;
import io.vigil.model.Measurements;
import io.vigil.model.Point;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchShapeTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 34, 35, 36, 200, 999, 5000})
  void aBatchCarriesExactlyTheRequestedSamplesEachOfADistinctSeries(int samples) {
    List<Point> points = BatchShape.points(samples, 1_763_700_000_000L, new SplittableRandom(1));

    assertThat(new Batch(1, 1_763_700_000_000L, null, points).sampleCount()).isEqualTo(samples);
    Set<String> series = new HashSet<>();
    for (Point p : points) {
      for (String field : p.fields().keySet()) {
        assertThat(series.add(p.measurement() + p.tags() + field)).as("unique series").isTrue();
      }
    }
  }

  @Test
  void twoHundredSamplesLookLikeARealHost() {
    List<BatchShape.Series> series = BatchShape.series(200);

    assertThat(series)
        .extracting(BatchShape.Series::measurement)
        .startsWith("cpu", "mem", "load", "swap", "system", "tcp", "net", "fs", "disk", "cpu");
    assertThat(series).hasSize(28);
    // Every measurement and field is the agent's own, so the server sees its real tables.
    for (BatchShape.Series s : series) {
      Measurements.Schema schema = Measurements.BY_NAME.get(s.measurement());
      assertThat(schema.fields()).containsAll(s.fields());
      assertThat(schema.tags()).containsAll(s.tags().keySet());
    }
  }

  @Test
  void valuesHaveTheMagnitudeTheirUnitSays() {
    List<Point> points = BatchShape.points(200, 1_763_700_000_000L, new SplittableRandom(7));

    for (Point p : points) {
      p.fields()
          .forEach(
              (field, value) -> {
                if (field.endsWith("_pct")) {
                  assertThat(value).as(field).isBetween(0.0, 100.0);
                }
                assertThat(value).as(field).isNotNegative();
              });
      assertThat(p.timestamp()).isEqualTo(1_763_700_000_000L);
    }
  }

  @Test
  void theSameSeedGivesTheSameValues() {
    assertThat(BatchShape.points(50, 1L, new SplittableRandom(3)))
        .isEqualTo(BatchShape.points(50, 1L, new SplittableRandom(3)))
        .isNotEqualTo(BatchShape.points(50, 1L, new SplittableRandom(4)));
  }
}
