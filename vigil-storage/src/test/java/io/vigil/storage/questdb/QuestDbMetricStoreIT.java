package io.vigil.storage.questdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopEntry;
import io.vigil.storage.TopQuery;
import io.vigil.storage.TopQuery.Aggregation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuestDbMetricStoreIT {

  /** A recent hour boundary: old enough for rollups to close, far younger than any TTL. */
  private static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

  @TempDir Path dir;
  private QuestDbMetricStore store;

  /**
   * Rollups refreshed after every commit keep these tests quick; the timer that production uses is
   * covered by {@link #rollupsOnATimerCatchUpWithinTheirInterval()}.
   */
  private QuestDbSettings settings() {
    return QuestDbSettings.defaults(dir).withRollupRefreshInterval(Duration.ZERO);
  }

  @BeforeEach
  void open() {
    store = QuestDbMetricStore.open(settings());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void pointsWrittenAreReadBackRawPerSeries() {
    store.write(
        List.of(
            cpu("web1", "total", 0, 10.5, 2.0),
            cpu("web1", "total", 10, 20.25, 3.0),
            cpu("web1", "cpu0", 0, 1.0, 1.0),
            cpu("web2", "total", 0, 99.0, 9.0)));

    RangeResult result =
        await()
            .until(
                () -> store.range(rawQuery("cpu", Map.of("host", "web1", "cpu", "total"))),
                r -> r.series().size() == 1 && r.series().get(0).timestamps().length == 2);

    RangeResult.Series series = result.series().get(0);
    assertThat(result.resolution()).isEqualTo(Resolution.RAW);
    assertThat(series.tags()).isEqualTo(Map.of("host", "web1", "cpu", "total"));
    assertThat(series.timestamps())
        .containsExactly(T0.toEpochMilli(), T0.plusSeconds(10).toEpochMilli());
    assertThat(series.fields().get("user_pct").avg()).containsExactly(10.5, 20.25);
    assertThat(series.fields().get("system_pct").max()).containsExactly(2.0, 3.0);
    assertThat(store.range(rawQuery("cpu", Map.of("host", "web1"))).series()).hasSize(2);
    assertThat(store.measurements()).containsExactly("cpu");
  }

  @Test
  void rewritingTheSameBatchKeepsOneRowPerSeriesAndInstant() {
    List<Point> batch = List.of(cpu("web1", "total", 0, 10, 1), cpu("web1", "total", 10, 11, 1));
    store.write(batch);
    store.write(batch);
    store.write(List.of(cpu("web1", "total", 10, 42, 1)));

    await()
        .untilAsserted(
            () -> {
              RangeResult.Series series =
                  store.range(rawQuery("cpu", Map.of("host", "web1"))).series().get(0);
              assertThat(series.fields().get("user_pct").avg()).containsExactly(10.0, 42.0);
            });
  }

  @Test
  void newFieldsAndTagsAreAddedAndReachTheRollups() {
    store.write(List.of(point("mem", Map.of("host", "h1"), Map.of("used_bytes", 100.0), 0)));
    store.write(
        List.of(
            point("mem", Map.of("host", "h1"), Map.of("used_bytes", 200.0, "free_bytes", 5.0), 10),
            point("mem", Map.of("host", "h1", "numa", "0"), Map.of("used_bytes", 300.0), 20),
            point("mem", Map.of("host", "h1", "numa", "1"), Map.of("used_bytes", 400.0), 20)));

    await()
        .untilAsserted(
            () ->
                assertThat(store.range(rawQuery("mem", Map.of("host", "h1"))).series())
                    .extracting(RangeResult.Series::tags)
                    .containsExactlyInAnyOrder(
                        Map.of("host", "h1"),
                        Map.of("host", "h1", "numa", "0"),
                        Map.of("host", "h1", "numa", "1")));
    RangeResult.Series untagged =
        store.range(rawQuery("mem", Map.of("host", "h1"))).series().stream()
            .filter(s -> s.tags().size() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(untagged.fields().get("free_bytes").avg()).containsExactly(Double.NaN, 5.0);
    // the dedup key now holds the new tag: two numa series at the same instant are two rows
    assertThat(store.latest("h1", "mem")).hasSize(3);
    // the recreated views know the new field
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              RangeResult minutes = store.range(rollupQuery("mem", Resolution.MINUTE));
              assertThat(minutes.series()).hasSize(3);
              assertThat(minutes.series())
                  .filteredOn(s -> s.tags().size() == 1)
                  .singleElement()
                  .satisfies(
                      s -> assertThat(s.fields().get("free_bytes").max()).containsExactly(5.0));
            });
  }

  @Test
  void rollupViewsHoldMinAvgMaxPerBucket() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // two minutes, 6 samples each: 0..5 and 6..11
      points.add(cpu("web1", "total", i * 10, i, 100 - i));
    }
    store.write(points);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              RangeResult minutes = store.range(rollupQuery("cpu", Resolution.MINUTE));
              assertThat(minutes.resolution()).isEqualTo(Resolution.MINUTE);
              assertThat(minutes.series()).hasSize(1);
              RangeResult.Series s = minutes.series().get(0);
              assertThat(s.timestamps())
                  .containsExactly(T0.toEpochMilli(), T0.plusSeconds(60).toEpochMilli());
              assertThat(s.fields().get("user_pct").min()).containsExactly(0.0, 6.0);
              assertThat(s.fields().get("user_pct").avg()).containsExactly(2.5, 8.5);
              assertThat(s.fields().get("user_pct").max()).containsExactly(5.0, 11.0);
            });
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              RangeResult hours = store.range(rollupQuery("cpu", Resolution.HOUR));
              RangeResult.Series s = hours.series().get(0);
              assertThat(s.timestamps()).containsExactly(T0.toEpochMilli());
              assertThat(s.fields().get("system_pct").min()).containsExactly(89.0);
              assertThat(s.fields().get("system_pct").avg()).containsExactly(94.5);
              assertThat(s.fields().get("system_pct").max()).containsExactly(100.0);
            });
  }

  @Test
  void rollupsOnATimerCatchUpWithinTheirInterval() {
    store.close();
    store =
        QuestDbMetricStore.open(
            QuestDbSettings.defaults(dir).withRollupRefreshInterval(Duration.ofMinutes(1)));
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      points.add(cpu("web1", "total", i * 10, i, 100 - i));
    }
    store.write(points);

    await()
        .atMost(Duration.ofSeconds(150))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              List<RangeResult.Series> series =
                  store.range(rollupQuery("cpu", Resolution.MINUTE)).series();
              assertThat(series).hasSize(1);
              RangeResult.Series s = series.get(0);
              assertThat(s.timestamps()).containsExactly(T0.toEpochMilli());
              assertThat(s.fields().get("user_pct").avg()).containsExactly(2.5);
            });
  }

  @Test
  void latestReturnsTheMostRecentPointOfEverySeriesOfTheHost() {
    store.write(
        List.of(
            cpu("web1", "total", 0, 1, 1),
            cpu("web1", "total", 20, 2, 2),
            cpu("web1", "cpu0", 10, 3, 3),
            cpu("web2", "total", 30, 4, 4)));

    List<Point> latest = await().until(() -> store.latest("web1", "cpu"), l -> l.size() == 2);

    assertThat(latest)
        .containsExactlyInAnyOrder(cpu("web1", "total", 20, 2, 2), cpu("web1", "cpu0", 10, 3, 3));
  }

  @Test
  void topRanksHostsByTheChosenAggregation() {
    store.write(
        List.of(
            cpu("a", "total", 0, 10, 0),
            cpu("a", "total", 10, 90, 0),
            cpu("a", "total", 20, 20, 0),
            cpu("b", "total", 0, 50, 0),
            cpu("b", "total", 10, 60, 0),
            cpu("b", "total", 20, 70, 0),
            cpu("c", "cpu0", 0, 100, 0)));
    await()
        .until(() -> store.latest("b", "cpu").size() == 1 && store.latest("c", "cpu").size() == 1);

    assertThat(top(Aggregation.MAX, 2))
        .containsExactly(new TopEntry("a", 90), new TopEntry("b", 70));
    assertThat(top(Aggregation.AVG, 3))
        .containsExactly(new TopEntry("b", 60), new TopEntry("a", 40));
    assertThat(top(Aggregation.MIN, 3))
        .containsExactly(new TopEntry("b", 50), new TopEntry("a", 10));
    assertThat(top(Aggregation.LAST, 3))
        .containsExactly(new TopEntry("b", 70), new TopEntry("a", 20));
  }

  @Test
  void tablesAndViewsCarryTheirRetentionAndPercentagesAreFloats() {
    store.write(List.of(cpu("web1", "total", 0, 1, 1)));

    Map<String, String> ttl = new HashMap<>();
    store
        .sqlRunner()
        .select(
            "SELECT table_name, ttlValue, ttlUnit FROM tables()",
            b -> {},
            (r, m) ->
                ttl.put(
                    String.valueOf(r.getStrA(0)),
                    r.getInt(1) + " " + String.valueOf(r.getStrA(2))));
    assertThat(ttl)
        .containsEntry("cpu", "30 DAY")
        .containsEntry("cpu_1m", "400 DAY")
        .containsEntry("cpu_1h", "261 WEEK");

    Map<String, String> types = new HashMap<>();
    store
        .sqlRunner()
        .select(
            "SELECT \"column\", \"type\" FROM table_columns('cpu')",
            b -> {},
            (r, m) -> types.put(String.valueOf(r.getStrA(0)), String.valueOf(r.getStrA(1))));
    assertThat(types)
        .containsEntry("ts", "TIMESTAMP")
        .containsEntry("host", "SYMBOL")
        .containsEntry("cpu", "SYMBOL")
        .containsEntry("user_pct", "FLOAT");
  }

  @Test
  void dataAndSchemaSurviveCloseAndReopen() {
    store.write(List.of(cpu("web1", "total", 0, 12.5, 1)));
    store.close();

    store = QuestDbMetricStore.open(settings());

    assertThat(store.measurements()).containsExactly("cpu");
    await()
        .untilAsserted(
            () ->
                assertThat(
                        store
                            .range(rawQuery("cpu", Map.of("host", "web1")))
                            .series()
                            .get(0)
                            .fields()
                            .get("user_pct")
                            .avg())
                    .containsExactly(12.5));
    // the cached schema lets the hot path append without DDL
    store.write(List.of(cpu("web1", "total", 10, 13.5, 1)));
    await().until(() -> store.latest("web1", "cpu").get(0).fields().get("user_pct") == 13.5);
  }

  @Test
  void invalidInputIsRejectedWithAClearMessage() {
    store.write(List.of(cpu("web1", "total", 0, 1, 1)));

    assertThatThrownBy(() -> store.range(rawQuery("nosuch", Map.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown measurement nosuch");
    assertThatThrownBy(
            () ->
                store.range(
                    new RangeQuery(
                        "cpu", Map.of(), List.of("nope"), T0, T0.plusSeconds(60), Resolution.RAW)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cpu has no field nope");
    assertThatThrownBy(() -> store.range(rawQuery("cpu", Map.of("rack", "r1"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cpu has no tag rack");
    assertThatThrownBy(
            () ->
                store.write(List.of(point("cpu", Map.of("cpu", "x"), Map.of("user_pct", 1.0), 0))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("without host");
    assertThatThrownBy(
            () ->
                store.write(
                    List.of(point("cpu", Map.of("host", "h"), Map.of("user_pct__min", 1.0), 0))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("reserved for rollup");
    assertThatThrownBy(
            () ->
                store.write(
                    List.of(
                        point("cpu", Map.of("host", "h", "user_pct", "x"), Map.of("v", 1.0), 0))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("user_pct is a field, not a tag");
  }

  @Test
  void aCompiledQueryIsReusedWithTheValuesOfEachCall() {
    store.write(
        List.of(
            cpu("web1", "total", 0, 10, 1),
            cpu("web2", "total", 0, 20, 2),
            cpu("web2", "total", 10, 21, 2)));
    await().until(() -> store.range(rawQuery("cpu", Map.of())).series().size() == 2);

    // The same text with other bound values, one after the other and from parallel threads.
    for (int i = 0; i < 20; i++) {
      assertThat(store.range(rawQuery("cpu", Map.of("host", "web1"))).series())
          .singleElement()
          .satisfies(s -> assertThat(s.fields().get("user_pct").avg()).containsExactly(10.0));
      assertThat(store.range(rawQuery("cpu", Map.of("host", "web2"))).series())
          .singleElement()
          .satisfies(s -> assertThat(s.fields().get("user_pct").avg()).containsExactly(20.0, 21.0));
    }
    List<Integer> counts =
        java.util.stream.IntStream.range(0, 200)
            .parallel()
            .mapToObj(
                i ->
                    store
                        .range(rawQuery("cpu", Map.of("host", i % 2 == 0 ? "web1" : "web2")))
                        .series()
                        .get(0)
                        .timestamps()
                        .length)
            .toList();
    for (int i = 0; i < counts.size(); i++) {
      assertThat(counts.get(i)).as("call %d", i).isEqualTo(i % 2 == 0 ? 1 : 2);
    }
    assertThat(store.sqlRunner().compiledQueries()).isPositive();

    // A statement (here: a new measurement's table) drops them; queries still answer.
    store.write(List.of(point("mem", Map.of("host", "web1"), Map.of("used_bytes", 1.0), 0)));
    assertThat(store.range(rawQuery("cpu", Map.of("host", "web2"))).series()).hasSize(1);
  }

  @Test
  void queriesRunWhileAWriterAddsColumns() throws Exception {
    store.write(List.of(point("grow", Map.of("host", "h1"), Map.of("f0", 0.0), 0)));
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean writing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (writing.get()) {
                    try {
                      store.range(rawQuery("grow", Map.of("host", "h1")));
                    } catch (RuntimeException e) {
                      failures.add(e);
                    }
                  }
                });
    // Each batch brings a new field, so the table gains a column while the reader compiles.
    for (int i = 1; i <= 30; i++) {
      store.write(List.of(point("grow", Map.of("host", "h1"), Map.of("f" + i, (double) i), i)));
    }
    writing.set(false);
    reader.join();

    assertThat(failures).isEmpty();
    RangeResult all =
        await()
            .until(
                () -> store.range(rawQuery("grow", Map.of("host", "h1"))),
                r -> r.series().size() == 1 && r.series().get(0).timestamps().length == 31);
    assertThat(all.series().get(0).fields()).hasSize(31);
  }

  @Test
  void tagValuesAreBoundNotConcatenated() {
    String nasty = "x' OR '1'='1";
    store.write(
        List.of(
            point("net", Map.of("host", "h1", "iface", nasty), Map.of("rx_bytes_ps", 1.0), 0),
            point("net", Map.of("host", "h1", "iface", "eth0"), Map.of("rx_bytes_ps", 2.0), 0)));

    await()
        .untilAsserted(
            () ->
                assertThat(
                        store.range(rawQuery("net", Map.of("host", "h1", "iface", nasty))).series())
                    .singleElement()
                    .satisfies(s -> assertThat(s.tags()).containsEntry("iface", nasty)));
  }

  private List<TopEntry> top(Aggregation aggregation, int limit) {
    return store.top(
        new TopQuery(
            "cpu", "user_pct", Map.of("cpu", "total"), T0, T0.plusSeconds(60), aggregation, limit));
  }

  private static RangeQuery rawQuery(String measurement, Map<String, String> tags) {
    return new RangeQuery(
        measurement, tags, List.of(), T0, T0.plus(1, ChronoUnit.HOURS), Resolution.RAW);
  }

  private static RangeQuery rollupQuery(String measurement, Resolution resolution) {
    return new RangeQuery(
        measurement,
        Map.of("host", hostOf(measurement)),
        List.of(),
        T0,
        T0.plus(1, ChronoUnit.HOURS),
        resolution);
  }

  private static String hostOf(String measurement) {
    return measurement.equals("mem") ? "h1" : "web1";
  }

  private static Point cpu(String host, String cpu, int second, double user, double system) {
    return point(
        "cpu",
        Map.of("host", host, "cpu", cpu),
        Map.of("user_pct", user, "system_pct", system),
        second);
  }

  private static Point point(
      String measurement, Map<String, String> tags, Map<String, Double> fields, int second) {
    return new Point(measurement, tags, fields, T0.plusSeconds(second).toEpochMilli());
  }
}
