package io.vigil.storage.questdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention enforced by the engine for real: points with old timestamps are written through the
 * store, and QuestDB's own TTL drops the partitions that fall out of the window, when it applies a
 * commit and when a changed retention is applied to existing tables at the next open.
 */
class RetentionIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private QuestDbMetricStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private QuestDbSettings settings() {
    return QuestDbSettings.defaults(dir).withRollupRefreshInterval(Duration.ZERO);
  }

  @Test
  void rawPartitionsOlderThanTheTtlAreDroppedWhenTheCommitIsApplied() {
    store = QuestDbMetricStore.open(settings().withRawRetention(Duration.ofDays(3)));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    store.write(daily("cpu", now, 10));

    // A DAY partition goes once its end is 3 days behind the newest row (capped at the wall
    // clock): the days 0..3 back stay (day 3's end is less than 3 days ago), 4..10 go.
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(daysBack("cpu", now)).containsExactly(0, 1, 2, 3));
    assertThat(partitionCount("cpu")).isEqualTo(4);
  }

  @Test
  void aShorterRetentionReachesExistingTablesAndViewsAtTheNextOpen() {
    store = QuestDbMetricStore.open(settings());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    store.write(daily("cpu", now, 25));
    store.awaitApplied(WAIT);
    // Under the default retention everything is kept and rolled up.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(daysBack("cpu", now)).hasSize(26);
              assertThat(rollupDaysBack("cpu", Resolution.MINUTE, now)).hasSize(26);
              assertThat(rollupDaysBack("cpu", Resolution.HOUR, now)).hasSize(26);
            });
    store.close();

    store =
        QuestDbMetricStore.open(
            settings()
                .withRawRetention(Duration.ofDays(3))
                .withRollupRetention(Duration.ofDays(10), Duration.ofDays(14)));

    // The ALTERs are applied through the tables' WALs, like writes.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(ttls())
                  .containsEntry("cpu", "3 DAY")
                  .containsEntry("cpu_1m", "10 DAY")
                  .containsEntry("cpu_1h", "2 WEEK");
              assertThat(daysBack("cpu", now)).containsExactly(0, 1, 2, 3);
              // the minute view's day partitions follow the same rule with 10 days
              assertThat(rollupDaysBack("cpu", Resolution.MINUTE, now))
                  .containsExactlyElementsOf(range(0, 10));
              // the hour view drops whole weeks: 14 days back always stay, 22 and more never
              assertThat(rollupDaysBack("cpu", Resolution.HOUR, now))
                  .contains(0, 14)
                  .doesNotContain(22, 23, 24, 25);
            });
    // Reopening with the same settings changes nothing.
    assertThat(store.retentionChanges("cpu")).isEmpty();
  }

  @Test
  void rollupsKeepTheDaysTheRawTtlDropped() {
    store = QuestDbMetricStore.open(settings());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    store.write(daily("mem", now, 6));
    await().atMost(WAIT).until(() -> rollupDaysBack("mem", Resolution.MINUTE, now).size() == 7);
    store.close();

    store = QuestDbMetricStore.open(settings().withRawRetention(Duration.ofDays(2)));

    await().atMost(WAIT).until(() -> daysBack("mem", now).size() == 3);
    assertThat(rollupDaysBack("mem", Resolution.MINUTE, now))
        .containsExactlyElementsOf(range(0, 6));
    RangeResult sixDaysAgo =
        store.range(
            new RangeQuery(
                "mem",
                Map.of("host", "h1"),
                List.of("used_pct"),
                now.minus(6, ChronoUnit.DAYS).minusSeconds(60),
                now.minus(6, ChronoUnit.DAYS).plusSeconds(60),
                Resolution.MINUTE));
    assertThat(sixDaysAgo.series()).singleElement();
    assertThat(sixDaysAgo.series().get(0).fields().get("used_pct").avg()).containsExactly(6.0);
  }

  /** One point a day, {@code days} back to today, at the same time of day; value = days back. */
  private static List<Point> daily(String measurement, Instant now, int days) {
    List<Point> points = new ArrayList<>();
    for (int d = 0; d <= days; d++) {
      points.add(
          new Point(
              measurement,
              Map.of("host", "h1"),
              Map.of("used_pct", (double) d),
              now.minus(d, ChronoUnit.DAYS).toEpochMilli()));
    }
    return points;
  }

  /** Which of the daily points the raw table still holds, as days back from now. */
  private TreeSet<Integer> daysBack(String measurement, Instant now) {
    return pointDays(
        store.range(
            new RangeQuery(
                measurement,
                Map.of("host", "h1"),
                List.of(),
                now.minus(60, ChronoUnit.DAYS),
                now.plusSeconds(1),
                Resolution.RAW)),
        now);
  }

  private TreeSet<Integer> rollupDaysBack(String measurement, Resolution resolution, Instant now) {
    return pointDays(
        store.range(
            new RangeQuery(
                measurement,
                Map.of("host", "h1"),
                List.of(),
                now.minus(60, ChronoUnit.DAYS),
                now.plusSeconds(1),
                resolution)),
        now);
  }

  /** Days back of each value (the values are the days back); a rollup bucket holds one point. */
  private static TreeSet<Integer> pointDays(RangeResult result, Instant now) {
    TreeSet<Integer> days = new TreeSet<>();
    for (RangeResult.Series series : result.series()) {
      for (double v : series.fields().get("used_pct").avg()) {
        days.add((int) v);
      }
    }
    return days;
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> values = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      values.add(i);
    }
    return values;
  }

  private int partitionCount(String table) {
    int[] count = {0};
    store
        .sqlRunner()
        .select(
            "SELECT name FROM table_partitions('" + table + "')", b -> {}, (r, m) -> count[0]++);
    return count[0];
  }

  private Map<String, String> ttls() {
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
    return ttl;
  }
}
