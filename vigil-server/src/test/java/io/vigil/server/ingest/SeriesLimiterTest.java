package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.model.Point;
import io.vigil.server.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesLimiterTest {

  private static Batch batch(int first, int count) {
    List<Point> points = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      points.add(new Point("m", Map.of("id", "s" + i), Map.of("v", 1.0), 1));
    }
    return new Batch(1, 1, null, points);
  }

  private static boolean admitted(SeriesLimiter limiter, String host, Batch batch) {
    try {
      limiter.admit(host, batch);
      return true;
    } catch (ApiException e) {
      assertThat(e.status().value()).isEqualTo(400);
      assertThat(e.code()).isEqualTo("too_many_series");
      assertThat(e.getMessage()).contains("vigil.ingest.max-series-per-host");
      return false;
    }
  }

  @Test
  void admitsUpToTheCapAndRefusesABatchGoingPastItWhole() {
    SeriesLimiter limiter = new SeriesLimiter(100, Long.MAX_VALUE, Duration.ofHours(1));
    assertThat(admitted(limiter, "a", batch(0, 60))).isTrue();
    assertThat(admitted(limiter, "a", batch(60, 50))).as("110 > 100").isFalse();
    assertThat(admitted(limiter, "a", batch(60, 40)))
        .as("the refused batch counted nothing")
        .isTrue();
    assertThatThrownBy(() -> limiter.admit("a", batch(100, 1)))
        .hasMessageStartingWith("this host sent more than 100 distinct series");
    assertThat(admitted(limiter, "a", batch(0, 100))).as("known series always pass").isTrue();
    assertThat(admitted(limiter, "b", batch(100, 100))).as("per host").isTrue();
  }

  @Test
  void repeatedSeriesInOneBatchCountOnceAndTagOrderDoesNotMatter() {
    SeriesLimiter limiter = new SeriesLimiter(2, Long.MAX_VALUE, Duration.ofHours(1));
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      points.add(new Point("m", Map.of("a", "1", "b", "2"), Map.of("v", (double) i), 1 + i));
      points.add(new Point("m", Map.of("b", "2", "a", "1"), Map.of("w", (double) i), 1 + i));
      points.add(new Point("n", Map.of("a", "1", "b", "2"), Map.of("v", (double) i), 1 + i));
    }
    assertThat(admitted(limiter, "a", new Batch(1, 1, null, points))).isTrue();
    assertThat(
            admitted(
                limiter,
                "a",
                new Batch(
                    2,
                    1,
                    null,
                    List.of(new Point("m", Map.of("a", "2", "b", "2"), Map.of("v", 1.0), 1)))))
        .isFalse();
  }

  @Test
  void checkItemsCountAsSeries() {
    SeriesLimiter limiter = new SeriesLimiter(3, Long.MAX_VALUE, Duration.ofHours(1));
    List<CheckResult> checks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      checks.add(
          new CheckResult(
              "item_" + i, "port", 1, CheckStatus.OK, "", 1, Map.of("connect_ms", 1.0), null));
    }
    assertThat(admitted(limiter, "a", new Batch(1, 1, null, List.of(), checks.subList(0, 3))))
        .isTrue();
    assertThat(admitted(limiter, "a", new Batch(2, 1, null, List.of(), checks))).isFalse();
  }

  @Test
  void theCountStartsAfreshWhenTheWindowRollsOver() {
    SeriesLimiter limiter = new SeriesLimiter(100, Long.MAX_VALUE, Duration.ofMillis(200));
    assertThat(admitted(limiter, "a", batch(0, 100))).isTrue();
    assertThat(admitted(limiter, "a", batch(100, 100))).isFalse();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> admitted(limiter, "a", batch(100, 100)));
  }

  @Test
  void theSetHoldsTheCapWithoutLosingSeries() {
    SeriesLimiter limiter = new SeriesLimiter(10_000, Long.MAX_VALUE, Duration.ofHours(1));
    for (int b = 0; b < 5; b++) {
      assertThat(admitted(limiter, "a", batch(b * 2_000, 2_000))).isTrue();
    }
    assertThat(admitted(limiter, "a", batch(10_000, 1))).isFalse();
    assertThat(admitted(limiter, "a", batch(0, 10_000))).isTrue();
  }

  @Test
  void allHostsTogetherStayUnderTheOverallCapAndAWindowRollOverGivesTheirShareBack() {
    SeriesLimiter limiter = new SeriesLimiter(100, 250, Duration.ofMillis(300));
    assertThat(admitted(limiter, "a", batch(0, 100))).isTrue();
    assertThat(admitted(limiter, "b", batch(0, 100))).isTrue();
    assertThatThrownBy(() -> limiter.admit("c", batch(0, 60)))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("all hosts together sent more than 250")
        .hasMessageContaining("vigil.ingest.max-series");
    assertThat(limiter.total()).as("the refused batch counted nothing").isEqualTo(200);
    assertThat(admitted(limiter, "c", batch(0, 50))).isTrue();
    assertThat(admitted(limiter, "a", batch(0, 100))).as("known series always pass").isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> admitted(limiter, "a", batch(500, 100)));
    assertThat(limiter.total()).as("a's old window was given back").isEqualTo(250);
  }
}
