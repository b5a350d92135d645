package io.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link MetricStore#group} answers, whatever the engine: one data set of top-table rows
 * (three hosts, two dimensions, rows inside and outside the range) and exact expectations. Each
 * engine's test extends it.
 */
public abstract class GroupQueryContract {

  /** A recent hour boundary: inside any raw retention. */
  protected static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

  private static final Instant FROM = T0;
  private static final Instant TO = T0.plusSeconds(600);

  protected abstract MetricStore store();

  /** Returns once everything written is visible to queries. */
  protected abstract void awaitWritten();

  @BeforeEach
  void writeTopTables() {
    List<Point> points = new ArrayList<>();
    points.add(
        top("web1", "url", "/a", 0, Map.of("requests", 10.0, "bytes", 100.0, "errors", 1.0)));
    points.add(
        top("web1", "url", "/a", 60, Map.of("requests", 5.0, "bytes", 50.0, "err_bound", 2.0)));
    points.add(top("web1", "url", "/b", 0, Map.of("requests", 7.0, "bytes", 70.0)));
    points.add(top("web1", "url", "/e", 120, Map.of("requests", 7.0, "bytes", 1.0)));
    points.add(top("web2", "url", "/a", 30, Map.of("requests", 3.0, "bytes", 30.0)));
    points.add(top("web2", "url", "/c", 30, Map.of("requests", 20.0, "bytes", 200.0)));
    points.add(top("web3", "url", "/d", 0, Map.of("requests", 100.0, "bytes", 1.0)));
    points.add(top("web1", "client", "10.0.0.1", 0, Map.of("requests", 40.0, "bytes", 4.0)));
    // outside the range: just before it and at its (exclusive) end
    points.add(top("web1", "url", "/a", -1, Map.of("requests", 1000.0, "bytes", 1.0)));
    points.add(top("web1", "url", "/a", 600, Map.of("requests", 1000.0, "bytes", 1.0)));
    // a row without the group-by tag is left out
    points.add(
        new Point(
            "weblog_top",
            Map.of("host", "web1", "dim", "url"),
            Map.of("requests", 5000.0),
            at(10)));
    store().write(points);
    awaitWritten();
  }

  @Test
  void sumsPerKeyOverTheRangeAndHostsLargestFirstWithFirstAndLastSeen() {
    List<GroupRow> rows = group(List.of("web1", "web2"), 10);

    assertThat(rows).extracting(GroupRow::key).containsExactly("/c", "/a", "/b", "/e");
    GroupRow a = rows.get(1);
    assertThat(a.sum("requests")).isEqualTo(18.0);
    assertThat(a.sum("bytes")).isEqualTo(180.0);
    assertThat(a.sum("err_bound")).isEqualTo(2.0);
    assertThat(a.rows()).isEqualTo(3);
    assertThat(a.firstSeen()).isEqualTo(at(0));
    assertThat(a.lastSeen()).isEqualTo(at(60));
    GroupRow c = rows.get(0);
    assertThat(c.sums())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("requests", 20.0, "bytes", 200.0, "err_bound", 0.0));
    assertThat(c.rows()).isEqualTo(1);
    assertThat(c.firstSeen()).isEqualTo(at(30)).isEqualTo(c.lastSeen());
  }

  @Test
  void theLimitKeepsTheLargestAndTiesGoByKey() {
    assertThat(group(List.of("web1", "web2"), 2))
        .extracting(GroupRow::key)
        .containsExactly("/c", "/a");
    assertThat(group(List.of("web1"), 3))
        .extracting(GroupRow::key)
        .containsExactly("/a", "/b", "/e");
  }

  @Test
  void noHostsMeansEveryHost() {
    List<GroupRow> rows = group(List.of(), 10);
    assertThat(rows).extracting(GroupRow::key).containsExactly("/d", "/c", "/a", "/b", "/e");
    assertThat(rows.get(0).sum("requests")).isEqualTo(100.0);
  }

  @Test
  void groupingByHostGivesEachHostsTotals() {
    List<GroupRow> rows =
        store().group(query(Map.of("dim", "url"), List.of("web1", "web2"), "host", 10));
    assertThat(rows).extracting(GroupRow::key).containsExactly("web1", "web2");
    // 10 + 5 + 7 + 7, and the row without a key: it has a host
    assertThat(rows.get(0).sum("requests")).isEqualTo(5029.0);
    assertThat(rows.get(0).rows()).isEqualTo(5);
    assertThat(rows.get(1).sum("requests")).isEqualTo(23.0);
    assertThat(rows.get(1).firstSeen()).isEqualTo(at(30));
  }

  @Test
  void theTagFilterSelectsTheDimension() {
    List<GroupRow> clients =
        store().group(query(Map.of("dim", "client"), List.of("web1"), "key", 10));
    assertThat(clients)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo("10.0.0.1");
              assertThat(r.sum("requests")).isEqualTo(40.0);
            });
  }

  @Test
  void whatMatchesNothingIsAnEmptyAnswerNotAnError() {
    assertThat(store().group(query(Map.of("dim", "referrer"), List.of(), "key", 10))).isEmpty();
    assertThat(store().group(query(Map.of("rack", "r1"), List.of(), "key", 10))).isEmpty();
    assertThat(store().group(query(Map.of("dim", "url"), List.of(), "nosuch", 10))).isEmpty();
    assertThat(store().group(query(Map.of("dim", "url"), List.of("web9"), "key", 10))).isEmpty();
    assertThat(
            store()
                .group(
                    new GroupQuery(
                        "nosuch_measurement",
                        Map.of(),
                        List.of(),
                        "key",
                        List.of("requests"),
                        "requests",
                        FROM,
                        TO,
                        10)))
        .isEmpty();
    assertThat(
            store()
                .group(
                    new GroupQuery(
                        "weblog_top",
                        Map.of("dim", "url"),
                        List.of(),
                        "key",
                        List.of("requests"),
                        "requests",
                        T0.minusSeconds(7200),
                        T0.minusSeconds(3600),
                        10)))
        .isEmpty();
  }

  @Test
  void aFieldNoRowHasSumsToZero() {
    List<GroupRow> rows =
        store()
            .group(
                new GroupQuery(
                    "weblog_top",
                    Map.of("dim", "url"),
                    List.of("web2"),
                    "key",
                    List.of("requests", "rt_p99_ms"),
                    "rt_p99_ms",
                    FROM,
                    TO,
                    10));
    // every sum of the order field is 0: ties, so by key
    assertThat(rows).extracting(GroupRow::key).containsExactly("/a", "/c");
    assertThat(rows.get(1).sums()).isEqualTo(Map.of("requests", 20.0, "rt_p99_ms", 0.0));
  }

  @Test
  void tagValuesAndHostsAreBoundNotConcatenated() {
    String nasty = "x' OR '1'='1";
    store().write(List.of(top(nasty, "url", "/n", 5, Map.of("requests", 1.0))));
    awaitWritten();
    assertThat(group(List.of(nasty), 10)).extracting(GroupRow::key).containsExactly("/n");
    assertThat(store().group(query(Map.of("dim", nasty), List.of(), "key", 10))).isEmpty();
  }

  @Test
  void theQueryItselfRefusesWhatCannotBeAnswered() {
    assertThatThrownBy(() -> query(Map.of("dim", "url"), List.of(), "dim", 10))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> query(Map.of("dim", "url"), List.of(), "key", 0))
        .isInstanceOf(InvalidInputException.class);
  }

  private List<GroupRow> group(List<String> hosts, int limit) {
    return store().group(query(Map.of("dim", "url"), hosts, "key", limit));
  }

  private static GroupQuery query(
      Map<String, String> tags, List<String> hosts, String groupBy, int limit) {
    return new GroupQuery(
        "weblog_top",
        tags,
        hosts,
        groupBy,
        List.of("requests", "bytes", "err_bound"),
        "requests",
        FROM,
        TO,
        limit);
  }

  private static Point top(
      String host, String dim, String key, int second, Map<String, Double> fields) {
    Map<String, String> tags = new HashMap<>();
    tags.put("host", host);
    tags.put("log", "access");
    tags.put("dim", dim);
    tags.put("key", key);
    return new Point("weblog_top", tags, fields, at(second));
  }

  private static long at(int second) {
    return T0.plusSeconds(second).toEpochMilli();
  }
}
