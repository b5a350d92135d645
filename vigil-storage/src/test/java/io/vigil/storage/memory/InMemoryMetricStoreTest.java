package io.vigil.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopEntry;
import io.vigil.storage.TopQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryMetricStoreTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private final InMemoryMetricStore store = new InMemoryMetricStore(3);

  @Test
  void keepsOneRowPerSeriesAndInstantAndReadsRollups() {
    store.write(List.of(cpu("a", 0, 1), cpu("a", 10, 2), cpu("a", 10, 3), cpu("a", 70, 7)));

    RangeResult raw = store.range(query(Resolution.RAW));
    assertThat(raw.series())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.timestamps()).hasSize(3);
              assertThat(s.fields().get("user_pct").avg()).containsExactly(1, 3, 7);
            });
    RangeResult minutes = store.range(query(Resolution.MINUTE));
    assertThat(minutes.series().get(0).fields().get("user_pct").avg()).containsExactly(2, 7);
    assertThat(minutes.series().get(0).fields().get("user_pct").max()).containsExactly(3, 7);
  }

  @Test
  void isBoundedPerSeries() {
    store.write(List.of(cpu("a", 0, 1), cpu("a", 10, 2), cpu("a", 20, 3), cpu("a", 30, 4)));

    assertThat(store.range(query(Resolution.RAW)).series().get(0).fields().get("user_pct").avg())
        .containsExactly(2, 3, 4);
  }

  @Test
  void latestAndTop() {
    store.write(List.of(cpu("a", 0, 1), cpu("a", 10, 5), cpu("b", 0, 3)));

    assertThat(store.latest("a", "cpu")).containsExactly(cpu("a", 10, 5));
    assertThat(
            store.top(
                new TopQuery(
                    "cpu",
                    "user_pct",
                    Map.of(),
                    T,
                    T.plusSeconds(60),
                    TopQuery.Aggregation.AVG,
                    5)))
        .containsExactly(new TopEntry("a", 3), new TopEntry("b", 3));
    assertThat(
            store.top(
                new TopQuery(
                    "cpu",
                    "user_pct",
                    Map.of(),
                    T,
                    T.plusSeconds(60),
                    TopQuery.Aggregation.MIN,
                    1)))
        .containsExactly(new TopEntry("b", 3));
    assertThat(store.measurements()).containsExactly("cpu");
  }

  @Test
  void rejectsPointsWithoutHostAndUnknownMeasurements() {
    assertThatThrownBy(() -> store.write(List.of(new Point("cpu", Map.of(), Map.of("x", 1.0), 1))))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> store.latest("a", "nosuch"))
        .hasMessageContaining("unknown measurement");
  }

  private static RangeQuery query(Resolution resolution) {
    return new RangeQuery(
        "cpu", Map.of("host", "a"), List.of(), T, T.plusSeconds(3600), resolution);
  }

  private static Point cpu(String host, int second, double user) {
    return new Point(
        "cpu",
        Map.of("host", host),
        Map.of("user_pct", user),
        T.plusSeconds(second).toEpochMilli());
  }
}
