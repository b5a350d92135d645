package io.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.storage.TopQuery.Aggregation;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetricStore} engine answers alike, so the query API above it does not care
 * which engine runs: each engine's test extends this class with a fresh, empty store per test.
 * Writes may become visible a little later (the embedded engine applies its WAL, VictoriaMetrics
 * flushes its buffers), so reads wait for them; nothing else is allowed to differ.
 */
public abstract class MetricStoreContract {

  /** A recent hour boundary: old enough for rollups to close, far younger than any retention. */
  protected static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

  protected MetricStore store;

  /** A new, empty store. */
  protected abstract MetricStore open() throws Exception;

  /** Closes the store and opens it again on the same data (the engine's server restarted too). */
  protected abstract MetricStore reopen() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200));
  }

  @Test
  void pointsWrittenAreReadBackRawPerSeriesToTheMillisecond() {
    store.write(
        List.of(
            cpu("web1", "total", 0, 10.5, 2.0),
            point(
                "cpu", tags("web1", "total"), Map.of("user_pct", 20.25, "system_pct", 3.0), 10_007),
            cpu("web1", "cpu0", 0, 1.0, 1.0),
            cpu("web2", "total", 0, 99.0, 9.0)));

    RangeResult result =
        eventually()
            .until(
                () -> store.range(raw("cpu", Map.of("host", "web1", "cpu", "total"))),
                r -> r.series().size() == 1 && r.series().get(0).timestamps().length == 2);

    RangeResult.Series series = result.series().get(0);
    assertThat(result.resolution()).isEqualTo(Resolution.RAW);
    assertThat(series.tags()).isEqualTo(Map.of("host", "web1", "cpu", "total"));
    assertThat(series.timestamps()).containsExactly(T0.toEpochMilli(), T0.toEpochMilli() + 10_007);
    assertThat(series.fields().get("user_pct").avg()).containsExactly(10.5, 20.25);
    assertThat(series.fields().get("system_pct").max()).containsExactly(2.0, 3.0);
    assertThat(series.fields().keySet()).containsExactlyInAnyOrder("user_pct", "system_pct");
    eventually()
        .untilAsserted(
            () ->
                assertThat(store.range(raw("cpu", Map.of("host", "web1"))).series())
                    .extracting(RangeResult.Series::tags)
                    .containsExactlyInAnyOrder(
                        Map.of("host", "web1", "cpu", "total"),
                        Map.of("host", "web1", "cpu", "cpu0")));
    assertThat(store.measurements()).containsExactly("cpu");
  }

  @Test
  void aRangeIncludesItsStartAndExcludesItsEnd() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      points.add(cpu("web1", "total", i * 10, i, 0));
    }
    store.write(points);
    eventually().until(() -> store.latest("web1", "cpu").size() == 1);

    RangeResult.Series series =
        store
            .range(
                new RangeQuery(
                    "cpu",
                    Map.of("host", "web1"),
                    List.of("user_pct"),
                    T0.plusSeconds(10),
                    T0.plusSeconds(30),
                    Resolution.RAW))
            .series()
            .get(0);

    assertThat(series.timestamps())
        .containsExactly(T0.plusSeconds(10).toEpochMilli(), T0.plusSeconds(20).toEpochMilli());
    assertThat(series.fields()).containsOnlyKeys("user_pct");
  }

  /**
   * Values of a series come back as written within the precision every engine keeps: 12 significant
   * digits (VictoriaMetrics stores a block of a series' samples as decimals with one exponent, so a
   * series whose values span more than about 15 orders of magnitude loses its smallest ones; no
   * metric does that).
   */
  @Test
  void numbersComeBackAsWritten() {
    double[] ordinary = {0.1, -3.5, 12_345.678, 0, 99.99, 1_234_567_890_123.0, 42};
    double[] extremes = {1e-5, 1.5e20, -2.5e-9, 9.87654321e15};
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < ordinary.length; i++) {
      points.add(point("gauge", Map.of("host", "h1"), Map.of("value", ordinary[i]), i));
    }
    for (int i = 0; i < extremes.length; i++) {
      points.add(
          point("gauge", Map.of("host", "h1", "n", "x" + i), Map.of("value", extremes[i]), 0));
    }
    store.write(points);

    List<RangeResult.Series> series =
        eventually()
            .until(
                () -> store.range(raw("gauge", Map.of("host", "h1"))).series(),
                s -> s.size() == 1 + extremes.length);

    assertThat(series)
        .filteredOn(s -> !s.tags().containsKey("n"))
        .singleElement()
        .satisfies(s -> assertThat(s.fields().get("value").avg()).containsExactly(ordinary));
    for (int i = 0; i < extremes.length; i++) {
      String n = "x" + i;
      double expected = extremes[i];
      assertThat(series)
          .filteredOn(s -> n.equals(s.tags().get("n")))
          .singleElement()
          .satisfies(s -> assertThat(s.fields().get("value").avg()).containsExactly(expected));
    }
  }

  @Test
  void aBatchWrittenAgainKeepsOneRowPerSeriesAndInstant() {
    List<Point> batch = List.of(cpu("web1", "total", 0, 10, 1), cpu("web1", "total", 10, 30, 1));
    store.write(batch);
    store.write(batch);
    store.write(List.of(cpu("web1", "total", 20, 50, 1)));

    eventually()
        .untilAsserted(
            () ->
                assertThat(store.range(raw("cpu", Map.of("host", "web1"))).series())
                    .singleElement()
                    .satisfies(
                        s ->
                            assertThat(s.fields().get("user_pct").avg())
                                .containsExactly(10.0, 30.0, 50.0)));
    // aggregates count each sample once too
    assertThat(top(Aggregation.AVG, 1)).containsExactly(new TopEntry("web1", 30));
    eventually()
        .untilAsserted(
            () ->
                assertThat(store.range(rollup("cpu", "web1", Resolution.MINUTE)).series())
                    .singleElement()
                    .satisfies(
                        s -> assertThat(s.fields().get("user_pct").avg()).containsExactly(30.0)));
  }

  @Test
  void newFieldsAndTagsAppearInRawDataAndRollups() {
    store.write(List.of(point("mem", Map.of("host", "h1"), Map.of("used_bytes", 100.0), 0)));
    store.write(
        List.of(
            point("mem", Map.of("host", "h1"), Map.of("used_bytes", 200.0, "free_bytes", 5.0), 10),
            point("mem", Map.of("host", "h1", "numa", "0"), Map.of("used_bytes", 300.0), 20),
            point("mem", Map.of("host", "h1", "numa", "1"), Map.of("used_bytes", 400.0), 20)));

    eventually()
        .untilAsserted(
            () ->
                assertThat(store.range(raw("mem", Map.of("host", "h1"))).series())
                    .extracting(RangeResult.Series::tags)
                    .containsExactlyInAnyOrder(
                        Map.of("host", "h1"),
                        Map.of("host", "h1", "numa", "0"),
                        Map.of("host", "h1", "numa", "1")));
    eventually()
        .untilAsserted(
            () -> {
              RangeResult.Series untagged =
                  store.range(raw("mem", Map.of("host", "h1"))).series().stream()
                      .filter(s -> s.tags().size() == 1)
                      .findFirst()
                      .orElseThrow();
              assertThat(untagged.fields().get("free_bytes").avg())
                  .containsExactly(Double.NaN, 5.0);
              assertThat(untagged.fields().get("used_bytes").avg()).containsExactly(100.0, 200.0);
            });
    // a numa series holds no free_bytes, yet asking for all fields lists it, empty
    RangeResult.Series numa =
        store.range(raw("mem", Map.of("host", "h1", "numa", "0"))).series().get(0);
    assertThat(numa.fields().get("free_bytes").avg()).containsExactly(Double.NaN);
    assertThat(store.latest("h1", "mem")).hasSize(3);
    eventually()
        .untilAsserted(
            () -> {
              RangeResult minutes = store.range(rollup("mem", "h1", Resolution.MINUTE));
              assertThat(minutes.series()).hasSize(3);
              assertThat(minutes.series())
                  .filteredOn(s -> s.tags().size() == 1)
                  .singleElement()
                  .satisfies(
                      s -> {
                        assertThat(s.fields().get("free_bytes").max()).containsExactly(5.0);
                        assertThat(s.fields().get("used_bytes").avg()).containsExactly(150.0);
                      });
            });
  }

  @Test
  void rollupsHoldMinAvgMaxPerBucketAlignedToTheEpoch() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // two minutes, 6 samples each: 0..5 and 6..11
      points.add(cpu("web1", "total", i * 10, i, 100 - i));
    }
    store.write(points);

    eventually()
        .untilAsserted(
            () -> {
              RangeResult minutes = store.range(rollup("cpu", "web1", Resolution.MINUTE));
              assertThat(minutes.resolution()).isEqualTo(Resolution.MINUTE);
              assertThat(minutes.series()).hasSize(1);
              RangeResult.Series s = minutes.series().get(0);
              assertThat(s.tags()).isEqualTo(Map.of("host", "web1", "cpu", "total"));
              assertThat(s.timestamps())
                  .containsExactly(T0.toEpochMilli(), T0.plusSeconds(60).toEpochMilli());
              assertThat(s.fields().get("user_pct").min()).containsExactly(0.0, 6.0);
              assertThat(s.fields().get("user_pct").avg()).containsExactly(2.5, 8.5);
              assertThat(s.fields().get("user_pct").max()).containsExactly(5.0, 11.0);
            });
    eventually()
        .untilAsserted(
            () -> {
              RangeResult hours = store.range(rollup("cpu", "web1", Resolution.HOUR));
              assertThat(hours.series()).hasSize(1);
              RangeResult.Series s = hours.series().get(0);
              assertThat(s.timestamps()).containsExactly(T0.toEpochMilli());
              assertThat(s.fields().get("system_pct").min()).containsExactly(89.0);
              assertThat(s.fields().get("system_pct").avg()).containsExactly(94.5);
              assertThat(s.fields().get("system_pct").max()).containsExactly(100.0);
            });
    // buckets starting in [from, to), each over its whole width: 00:00:30 → the 00:01 bucket only
    RangeResult.Series fromMidBucket =
        store
            .range(
                new RangeQuery(
                    "cpu",
                    Map.of("host", "web1"),
                    List.of("user_pct"),
                    T0.plusSeconds(30),
                    T0.plus(1, ChronoUnit.HOURS),
                    Resolution.MINUTE))
            .series()
            .get(0);
    assertThat(fromMidBucket.timestamps()).containsExactly(T0.plusSeconds(60).toEpochMilli());
    assertThat(fromMidBucket.fields().get("user_pct").min()).containsExactly(6.0);
    // AUTO picks the minute rollup beyond six hours
    assertThat(
            store
                .range(
                    new RangeQuery(
                        "cpu",
                        Map.of("host", "web1"),
                        List.of(),
                        T0.minus(10, ChronoUnit.HOURS),
                        T0.plus(1, ChronoUnit.HOURS),
                        Resolution.AUTO))
                .resolution())
        .isEqualTo(Resolution.MINUTE);
  }

  @Test
  void aStepGivesMinAvgMaxBucketsOfThatWidthFromRawPoints() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // 10 s apart: four 30 s buckets of three samples
      points.add(cpu("web1", "total", i * 10, i, 100 - i));
    }
    store.write(points);
    RangeQuery thirtySeconds =
        new RangeQuery(
            "cpu",
            Map.of("host", "web1"),
            List.of("user_pct"),
            T0,
            T0.plusSeconds(120),
            Resolution.AUTO,
            Duration.ofSeconds(30));
    eventually()
        .untilAsserted(
            () -> {
              RangeResult result = store.range(thirtySeconds);
              assertThat(result.resolution()).isEqualTo(Resolution.STEP);
              assertThat(result.series()).hasSize(1);
              RangeResult.Series s = result.series().get(0);
              assertThat(s.tags()).isEqualTo(Map.of("host", "web1", "cpu", "total"));
              assertThat(s.timestamps())
                  .containsExactly(
                      T0.toEpochMilli(),
                      T0.plusSeconds(30).toEpochMilli(),
                      T0.plusSeconds(60).toEpochMilli(),
                      T0.plusSeconds(90).toEpochMilli());
              assertThat(s.fields().get("user_pct").avg()).containsExactly(1.0, 4.0, 7.0, 10.0);
              assertThat(s.fields().get("user_pct").min()).containsExactly(0.0, 3.0, 6.0, 9.0);
              assertThat(s.fields().get("user_pct").max()).containsExactly(2.0, 5.0, 8.0, 11.0);
            });
    // buckets starting in [from, to), each over its whole width
    RangeResult.Series inner =
        store
            .range(
                new RangeQuery(
                    "cpu",
                    Map.of("host", "web1"),
                    List.of("user_pct"),
                    T0.plusSeconds(15),
                    T0.plusSeconds(100),
                    Resolution.STEP,
                    Duration.ofSeconds(30)))
            .series()
            .get(0);
    assertThat(inner.timestamps())
        .containsExactly(
            T0.plusSeconds(30).toEpochMilli(),
            T0.plusSeconds(60).toEpochMilli(),
            T0.plusSeconds(90).toEpochMilli());
    assertThat(inner.fields().get("user_pct").max()).containsExactly(5.0, 8.0, 11.0);
    assertThatThrownBy(
            () ->
                new RangeQuery(
                    "cpu", Map.of(), List.of(), T0, T0.plusSeconds(60), Resolution.STEP, null))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                new RangeQuery(
                    "cpu",
                    Map.of(),
                    List.of(),
                    T0,
                    T0.plusSeconds(60),
                    Resolution.AUTO,
                    Duration.ofSeconds(7)))
        .as("a step must divide a day")
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void latestIsTheNewestPointOfEverySeriesOfTheHostWithTheFieldsItHad() {
    store.write(
        List.of(
            cpu("web1", "total", 0, 1, 1),
            cpu("web1", "total", 20, 2, 2),
            cpu("web1", "cpu0", 10, 3, 3),
            point("cpu", tags("web1", "cpu1"), Map.of("user_pct", 7.0, "system_pct", 8.0), 10_000),
            point("cpu", tags("web1", "cpu1"), Map.of("user_pct", 9.0), 30_000),
            cpu("web2", "total", 30, 4, 4)));

    List<Point> latest =
        eventually()
            .until(
                () -> store.latest("web1", "cpu"),
                l ->
                    l.size() == 3
                        && l.stream().anyMatch(p -> p.timestamp() == T0.toEpochMilli() + 30_000));

    assertThat(latest)
        .containsExactlyInAnyOrder(
            cpu("web1", "total", 20, 2, 2),
            cpu("web1", "cpu0", 10, 3, 3),
            point("cpu", tags("web1", "cpu1"), Map.of("user_pct", 9.0), 30_000));
  }

  @Test
  void topRanksHostsByTheChosenAggregationOverTheWindow() {
    store.write(
        List.of(
            cpu("a", "total", 0, 10, 0),
            cpu("a", "total", 10, 90, 0),
            cpu("a", "total", 20, 20, 0),
            cpu("b", "total", 0, 50, 0),
            cpu("b", "total", 10, 60, 0),
            cpu("b", "total", 20, 70, 0),
            cpu("c", "cpu0", 0, 100, 0),
            cpu("d", "total", 60, 500, 0))); // after the window
    eventually()
        .until(() -> store.latest("b", "cpu").size() == 1 && store.latest("d", "cpu").size() == 1);

    assertThat(top(Aggregation.MAX, 2))
        .containsExactly(new TopEntry("a", 90), new TopEntry("b", 70));
    assertThat(top(Aggregation.AVG, 3))
        .containsExactly(new TopEntry("b", 60), new TopEntry("a", 40));
    assertThat(top(Aggregation.MIN, 3))
        .containsExactly(new TopEntry("b", 50), new TopEntry("a", 10));
    assertThat(top(Aggregation.LAST, 3))
        .containsExactly(new TopEntry("b", 70), new TopEntry("a", 20));
    // [from, to): the samples at 20 s fall outside a window ending there
    assertThat(
            store.top(
                new TopQuery(
                    "cpu",
                    "user_pct",
                    Map.of("cpu", "total"),
                    T0,
                    T0.plusSeconds(20),
                    Aggregation.LAST,
                    5)))
        .containsExactly(new TopEntry("a", 90), new TopEntry("b", 60));
    // without a tag filter a host's every series counts
    assertThat(
            store.top(
                new TopQuery(
                    "cpu", "user_pct", Map.of(), T0, T0.plusSeconds(60), Aggregation.MAX, 1)))
        .containsExactly(new TopEntry("c", 100));
  }

  @Test
  void aggregateFoldsEachSeriesPerBucketThenCombinesTheSeries() {
    Map<String, String> total = Map.of("cpu", "total");
    store.write(
        List.of(
            cpu("a", total, 0, 10),
            cpu("a", total, 30_000, 20), // a's first minute: 15
            cpu("a", total, 60_000, 30),
            cpu("b", total, 10_000, 40),
            cpu("b", total, 70_000, 50),
            cpu("b", total, 80_000, 70), // b's second minute: 60
            cpu("c", total, 20_000, 90),
            cpu("a", Map.of("cpu", "0"), 0, 1000)));
    eventually()
        .until(
            () ->
                store
                        .aggregate(aggregate(AggregateQuery.Function.COUNT, total, List.of()))
                        .values()
                        .length
                    == 2);

    assertBuckets(AggregateQuery.Function.AVG, total, List.of(), (15 + 40 + 90) / 3.0, 45);
    assertBuckets(AggregateQuery.Function.MIN, total, List.of(), 10, 30);
    assertBuckets(AggregateQuery.Function.MAX, total, List.of(), 90, 70);
    assertBuckets(AggregateQuery.Function.SUM, total, List.of(), 145, 90);
    assertBuckets(AggregateQuery.Function.COUNT, total, List.of(), 3, 2);
    assertBuckets(AggregateQuery.Function.AVG, total, List.of("a", "b"), 27.5, 45);
    assertBuckets(AggregateQuery.Function.AVG, Map.of(), List.of("a"), (15 + 1000) / 2.0, 30);

    AggregateSeries late =
        store.aggregate(
            new AggregateQuery(
                "cpu",
                "used_pct",
                total,
                List.of(),
                AggregateQuery.Function.MAX,
                Duration.ofMinutes(1),
                T0.plusSeconds(1),
                T0.plusSeconds(120)));
    assertThat(late.timestamps())
        .as("buckets start at or after from")
        .containsExactly(T0.plusSeconds(60).toEpochMilli());
    assertThat(
            store
                .aggregate(
                    new AggregateQuery(
                        "nosuch",
                        "used_pct",
                        Map.of(),
                        List.of(),
                        AggregateQuery.Function.AVG,
                        Duration.ofMinutes(1),
                        T0,
                        T0.plusSeconds(120)))
                .timestamps())
        .isEmpty();
    assertThat(
            store
                .aggregate(
                    new AggregateQuery(
                        "cpu",
                        "nosuch",
                        Map.of(),
                        List.of(),
                        AggregateQuery.Function.AVG,
                        Duration.ofMinutes(1),
                        T0,
                        T0.plusSeconds(120)))
                .timestamps())
        .isEmpty();
  }

  private static Point cpu(String host, Map<String, String> tags, int millis, double value) {
    Map<String, String> all = new java.util.HashMap<>(tags);
    all.put("host", host);
    return point("cpu", all, Map.of("used_pct", value), millis);
  }

  private static AggregateQuery aggregate(
      AggregateQuery.Function function, Map<String, String> tags, List<String> hosts) {
    return new AggregateQuery(
        "cpu", "used_pct", tags, hosts, function, Duration.ofMinutes(1), T0, T0.plusSeconds(120));
  }

  private void assertBuckets(
      AggregateQuery.Function function,
      Map<String, String> tags,
      List<String> hosts,
      double first,
      double second) {
    AggregateSeries series = store.aggregate(aggregate(function, tags, hosts));
    assertThat(series.timestamps())
        .as(function + " " + tags + " " + hosts)
        .containsExactly(T0.toEpochMilli(), T0.plusSeconds(60).toEpochMilli());
    assertThat(series.values())
        .as(function + " " + tags + " " + hosts)
        .containsExactly(new double[] {first, second}, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void groupTotalsEachTagValueWithFirstAndLastSeen() {
    List<Point> points =
        List.of(
            hit("w1", "url", "/a", 0, 10, 1000),
            hit("w1", "url", "/a", 60, 5, 500),
            hit("w2", "url", "/a", 30, 1, 100),
            hit("w1", "url", "/b", 10, 20, 10),
            hit("w2", "url", "/c", 20, 15, 0),
            hit("w2", "url", "/d", 40, 15, 0),
            hit("w1", "client", "10.0.0.1", 0, 99, 99),
            point("web_top", Map.of("host", "w1", "dim", "url"), Map.of("requests", 7.0), 0),
            hit("w1", "url", "/a", 3600, 1000, 1000)); // after the range
    store.write(points);
    eventually().until(() -> store.group(urls(List.of(), 10)).size() == 4);

    List<GroupRow> rows = store.group(urls(List.of(), 10));
    assertThat(rows)
        .extracting(GroupRow::key)
        .containsExactly("/b", "/a", "/c", "/d"); // 20, 16, 15, 15 requests; ties by key
    GroupRow a = rows.get(1);
    assertThat(a.sums()).isEqualTo(Map.of("requests", 16.0, "bytes", 1600.0));
    assertThat(a.firstSeen()).isEqualTo(T0.toEpochMilli());
    assertThat(a.lastSeen()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
    assertThat(a.rows()).as("two rows of w1, one of w2").isEqualTo(3);
    assertThat(
            store.group(
                new GroupQuery(
                    "web_top",
                    Map.of("dim", "url"),
                    List.of(),
                    "host",
                    List.of("requests"),
                    "requests",
                    T0,
                    T0.plusSeconds(600),
                    10)))
        .as("totals per host")
        .extracting(GroupRow::key, r -> r.sum("requests"), GroupRow::rows)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("w1", 42.0, 4L), // the row without a key counts
            org.assertj.core.groups.Tuple.tuple("w2", 31.0, 3L));
    assertThat(store.group(urls(List.of(), 2)))
        .extracting(GroupRow::key)
        .containsExactly("/b", "/a");
    assertThat(store.group(urls(List.of("w2"), 10)))
        .extracting(GroupRow::key, r -> r.sums().get("requests"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/c", 15.0),
            org.assertj.core.groups.Tuple.tuple("/d", 15.0),
            org.assertj.core.groups.Tuple.tuple("/a", 1.0));
    assertThat(store.group(urls(List.of("nosuch"), 10))).isEmpty();
    assertThat(
            store.group(
                new GroupQuery(
                    "nosuch",
                    Map.of(),
                    List.of(),
                    "key",
                    List.of("requests"),
                    "requests",
                    T0,
                    T0.plusSeconds(600),
                    10)))
        .isEmpty();
    assertThat(
            store.group(
                new GroupQuery(
                    "web_top",
                    Map.of(),
                    List.of(),
                    "nokey",
                    List.of("requests"),
                    "requests",
                    T0,
                    T0.plusSeconds(600),
                    10)))
        .isEmpty();
    // a field no row has sums to 0; [from, to) leaves out the sample at 60 s
    GroupRow aBefore =
        store
            .group(
                new GroupQuery(
                    "web_top",
                    Map.of("dim", "url"),
                    List.of("w1"),
                    "key",
                    List.of("requests", "errors"),
                    "requests",
                    T0,
                    T0.plusSeconds(60),
                    10))
            .stream()
            .filter(r -> r.key().equals("/a"))
            .findFirst()
            .orElseThrow();
    assertThat(aBefore.sums()).isEqualTo(Map.of("requests", 10.0, "errors", 0.0));
    assertThat(aBefore.lastSeen()).isEqualTo(T0.toEpochMilli());
  }

  @Test
  void tagValuesAreDataNeverQuerySyntax() {
    List<String> nasty =
        List.of("x' OR '1'='1", "a\"b\\c", ".*", "web.1", "{x=~\".+\"}", "한국어 /a?b=c&d|e");
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < nasty.size(); i++) {
      points.add(
          point("net", Map.of("host", "h1", "iface", nasty.get(i)), Map.of("rx", (double) i), 0));
    }
    points.add(point("net", Map.of("host", "h1", "iface", "webx1"), Map.of("rx", 99.0), 0));
    points.add(point("net", Map.of("host", "web.1", "iface", "eth0"), Map.of("rx", 7.0), 0));
    points.add(point("net", Map.of("host", "webx1", "iface", "eth0"), Map.of("rx", 8.0), 0));
    store.write(points);
    eventually().until(() -> store.latest("h1", "net").size() == nasty.size() + 1);

    for (int i = 0; i < nasty.size(); i++) {
      String value = nasty.get(i);
      assertThat(store.range(raw("net", Map.of("host", "h1", "iface", value))).series())
          .as(value)
          .singleElement()
          .satisfies(s -> assertThat(s.tags()).containsEntry("iface", value));
    }
    assertThat(store.latest("h1", "net")).extracting(p -> p.tags().get("iface")).containsAll(nasty);
    assertThat(
            store.group(
                new GroupQuery(
                    "net",
                    Map.of(),
                    List.of("web.1"),
                    "iface",
                    List.of("rx"),
                    "rx",
                    T0,
                    T0.plusSeconds(60),
                    10)))
        .extracting(GroupRow::key, r -> r.sums().get("rx"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("eth0", 7.0));
  }

  @Test
  void invalidQueriesAreRefusedWithAClearMessage() {
    store.write(List.of(cpu("web1", "total", 0, 1, 1)));
    eventually().until(() -> store.latest("web1", "cpu").size() == 1);

    assertThatThrownBy(() -> store.range(raw("nosuch", Map.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown measurement nosuch");
    assertThatThrownBy(
            () ->
                store.range(
                    new RangeQuery(
                        "cpu", Map.of(), List.of("nope"), T0, T0.plusSeconds(60), Resolution.RAW)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cpu has no field nope");
    assertThatThrownBy(() -> store.range(raw("cpu", Map.of("rack", "r1"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cpu has no tag rack");
    assertThatThrownBy(
            () ->
                store.top(
                    new TopQuery(
                        "cpu", "nope", Map.of(), T0, T0.plusSeconds(60), Aggregation.MAX, 5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cpu has no field nope");
    assertThatThrownBy(() -> store.latest("web1", "nosuch"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown measurement nosuch");
    assertThatThrownBy(
            () ->
                store.write(List.of(point("cpu", Map.of("cpu", "x"), Map.of("user_pct", 1.0), 0))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("without host");
  }

  @Test
  void dataSurvivesARestart() throws Exception {
    store.write(List.of(cpu("web1", "total", 0, 12.5, 1)));
    eventually().until(() -> store.latest("web1", "cpu").size() == 1);

    store = reopen();

    assertThat(store.measurements()).containsExactly("cpu");
    eventually()
        .untilAsserted(
            () ->
                assertThat(store.range(raw("cpu", Map.of("host", "web1"))).series())
                    .singleElement()
                    .satisfies(
                        s -> assertThat(s.fields().get("user_pct").avg()).containsExactly(12.5)));
    store.write(List.of(cpu("web1", "total", 10, 13.5, 1)));
    eventually()
        .until(
            () -> store.latest("web1", "cpu"),
            l -> l.size() == 1 && l.get(0).fields().get("user_pct") == 13.5);
  }

  private List<TopEntry> top(Aggregation aggregation, int limit) {
    return store.top(
        new TopQuery(
            "cpu", "user_pct", Map.of("cpu", "total"), T0, T0.plusSeconds(60), aggregation, limit));
  }

  private static GroupQuery urls(List<String> hosts, int limit) {
    return new GroupQuery(
        "web_top",
        Map.of("dim", "url"),
        hosts,
        "key",
        List.of("requests", "bytes"),
        "requests",
        T0,
        T0.plusSeconds(600),
        limit);
  }

  protected static RangeQuery raw(String measurement, Map<String, String> tags) {
    return new RangeQuery(
        measurement, tags, List.of(), T0, T0.plus(1, ChronoUnit.HOURS), Resolution.RAW);
  }

  private static RangeQuery rollup(String measurement, String host, Resolution resolution) {
    return new RangeQuery(
        measurement, Map.of("host", host), List.of(), T0, T0.plus(1, ChronoUnit.HOURS), resolution);
  }

  private static Map<String, String> tags(String host, String cpu) {
    return Map.of("host", host, "cpu", cpu);
  }

  protected static Point cpu(String host, String cpu, int second, double user, double system) {
    return point(
        "cpu", tags(host, cpu), Map.of("user_pct", user, "system_pct", system), second * 1000);
  }

  private static Point hit(
      String host, String dim, String key, int second, double requests, double bytes) {
    return point(
        "web_top",
        Map.of("host", host, "dim", dim, "key", key),
        Map.of("requests", requests, "bytes", bytes),
        second * 1000);
  }

  /** A point {@code millis} after {@link #T0}. */
  protected static Point point(
      String measurement, Map<String, String> tags, Map<String, Double> fields, int millis) {
    return new Point(measurement, tags, fields, T0.toEpochMilli() + millis);
  }
}
