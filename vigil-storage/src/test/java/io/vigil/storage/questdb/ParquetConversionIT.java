package io.vigil.storage.questdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.storage.MeasurementDiskUsage;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopQuery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Old raw partitions converted to Parquet by QuestDB for real: the same range, rollup, top and
 * latest answers before and after, new fields added after the conversion, the background schedule,
 * and TTL still dropping converted partitions.
 */
class ParquetConversionIT {

  private static final Logger LOG = LoggerFactory.getLogger(ParquetConversionIT.class);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int DAYS = 4;
  private static final List<String> HOSTS = List.of("web1", "web2", "db1");

  @TempDir Path dir;
  private QuestDbMetricStore store;

  /** Midnight UTC today: the data covers the {@link #DAYS} days before it and today so far. */
  private final Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

  @BeforeEach
  void open() {
    store = QuestDbMetricStore.open(settings());
  }

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
  void queriesAnswerTheSameOverConvertedPartitionsAndTheyTakeLessDisk() {
    writeDays("cpu");
    awaitRollups();
    List<Supplier<String>> queries = queries();
    List<String> before = queries.stream().map(Supplier::get).toList();
    MeasurementDiskUsage diskBefore = usage("cpu");
    assertThat(diskBefore.parquetPartitions()).isZero();
    assertThat(diskBefore.rawPartitions()).isEqualTo(DAYS + 1);

    // The days before yesterday: yesterday and today stay native.
    Instant cutoff = today.minus(1, ChronoUnit.DAYS);
    long nativeBytesBefore = partitionBytesBefore("cpu", cutoff);
    // Without the room for the Parquet files beside the native days nothing is converted.
    ParquetArchiver cramped =
        new ParquetArchiver(
            store.sqlRunner(), () -> List.of("cpu"), null, Clock.systemUTC(), () -> 1000L);
    assertThat(cramped.convertOlderThan(cutoff)).isZero();
    assertThat(store.convertToParquet(cutoff)).isEqualTo(DAYS - 1);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(parquetPartitions("cpu")).hasSize(DAYS - 1));
    // Partitions are named by their UTC day.
    assertThat(parquetPartitions("cpu").keySet())
        .allSatisfy(day -> assertThat(day).isLessThan(cutoff.toString().substring(0, 10)));

    assertThat(queries.stream().map(Supplier::get).toList()).isEqualTo(before);
    MeasurementDiskUsage diskAfter = usage("cpu");
    assertThat(diskAfter.parquetPartitions()).isEqualTo(DAYS - 1);
    assertThat(diskAfter.rawRows()).isEqualTo(diskBefore.rawRows());
    assertThat(diskAfter.rollupBytes()).isPositive();
    // The converted days take less disk as Parquet than their closed native column files did.
    assertThat(diskAfter.parquetBytes()).isPositive().isLessThan(nativeBytesBefore);
    LOG.info(
        "cpu, {} closed days of {} rows: {} bytes native, {} bytes Parquet",
        DAYS - 1,
        diskAfter.rawRows(),
        nativeBytesBefore,
        diskAfter.parquetBytes());

    // Converting again finds nothing left to convert.
    assertThat(store.convertToParquet(cutoff)).isZero();
  }

  @Test
  void aFieldAddedAfterTheConversionReadsAsMissingInConvertedDays() {
    writeDays("cpu");
    Instant cutoff = today.minus(1, ChronoUnit.DAYS);
    store.convertToParquet(cutoff);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(parquetPartitions("cpu")).hasSize(DAYS - 1));

    // QuestDB 9.3 cannot read a column added after a conversion from a Parquet partition: the
    // store converts them back to native before it adds one.
    store.write(
        List.of(
            new Point(
                "cpu",
                Map.of("host", "web1", "cpu", "total"),
                Map.of("user_pct", 1.0, "steal_pct", 0.5),
                now.toEpochMilli())));
    assertThat(parquetPartitions("cpu")).isEmpty();
    assertNewFieldReadsBack();

    // Converted again, the Parquet files hold the new column (empty in those days).
    assertThat(store.convertToParquet(cutoff)).isEqualTo(DAYS - 1);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(parquetPartitions("cpu")).hasSize(DAYS - 1));
    assertNewFieldReadsBack();
  }

  private void assertNewFieldReadsBack() {
    Instant from = today.minus(DAYS, ChronoUnit.DAYS);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              RangeResult result =
                  store.range(
                      new RangeQuery(
                          "cpu",
                          Map.of("host", "web1"),
                          List.of("user_pct", "steal_pct"),
                          from,
                          now.plusSeconds(1),
                          Resolution.RAW));
              assertThat(result.series()).hasSize(1);
              RangeResult.Series series = result.series().get(0);
              double[] steal = series.fields().get("steal_pct").avg();
              assertThat(steal[steal.length - 1]).isEqualTo(0.5);
              assertThat(steal[0]).isNaN();
              assertThat(series.fields().get("user_pct").avg()[0]).isEqualTo(value(from, 0));
              // the recreated rollups were rebuilt over the old days too
              List<RangeResult.Series> hours =
                  store
                      .range(
                          new RangeQuery(
                              "cpu",
                              Map.of("host", "web1"),
                              List.of("steal_pct"),
                              from,
                              now.plusSeconds(1),
                              Resolution.HOUR))
                      .series();
              assertThat(hours).hasSize(1);
              assertThat(hours.get(0).timestamps()).hasSizeGreaterThan(DAYS * 24);
            });
  }

  @Test
  void theBackgroundScheduleConvertsAndTheTtlStillDropsConvertedDays() {
    writeDays("mem");
    store.close();
    store =
        QuestDbMetricStore.open(
            settings().withParquetAfter(Duration.ofDays(1), Duration.ofMillis(200)));

    // Days that ended a day ago or more: the days before yesterday.
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(parquetPartitions("mem")).hasSize(DAYS - 1));
    store.close();

    store = QuestDbMetricStore.open(settings().withRawRetention(Duration.ofDays(2)));
    // 2 days of TTL keep today, yesterday and the day before: one Parquet day is left.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(usage("mem").rawPartitions()).isEqualTo(3);
              assertThat(parquetPartitions("mem")).hasSize(1);
            });
  }

  /** Ten-second samples for {@link #DAYS} days and today so far: smooth, like real load. */
  private void writeDays(String measurement) {
    Instant from = today.minus(DAYS, ChronoUnit.DAYS);
    List<Point> batch = new ArrayList<>();
    for (Instant t = from; t.isBefore(now); t = t.plusSeconds(10)) {
      for (int h = 0; h < HOSTS.size(); h++) {
        batch.add(
            new Point(
                measurement,
                Map.of("host", HOSTS.get(h), "cpu", "total"),
                Map.of("user_pct", value(t, h), "load1", value(t, h) / 25),
                t.toEpochMilli()));
      }
      if (batch.size() >= 10_000) {
        store.write(batch);
        batch = new ArrayList<>();
      }
    }
    store.write(batch);
    store.awaitApplied(WAIT);
  }

  /** A daily wave per host, two decimals, as an agent reports percentages. */
  private static double value(Instant t, int host) {
    double day = (t.getEpochSecond() % 86_400) / 86_400.0;
    return Math.round((30 + 20 * Math.sin(2 * Math.PI * day) + 5 * host) * 100) / 100.0;
  }

  private void awaitRollups() {
    Instant lastFullMinute = now.minusSeconds(60);
    await()
        .atMost(WAIT)
        .until(
            () ->
                !store
                    .range(
                        new RangeQuery(
                            "cpu",
                            Map.of("host", "db1"),
                            List.of("user_pct"),
                            lastFullMinute,
                            now,
                            Resolution.MINUTE))
                    .series()
                    .isEmpty());
  }

  /** Raw inside one converted day, raw across the native boundary, rollups, top and latest. */
  private List<Supplier<String>> queries() {
    Instant old = today.minus(3, ChronoUnit.DAYS);
    Instant boundary = today.minus(1, ChronoUnit.DAYS);
    return List.of(
        () -> describe(raw("web1", old.plus(6, ChronoUnit.HOURS), old.plus(12, ChronoUnit.HOURS))),
        () -> describe(raw("db1", boundary.minusSeconds(3 * 3600), boundary.plusSeconds(3 * 3600))),
        () ->
            describe(
                store.range(
                    new RangeQuery(
                        "cpu",
                        Map.of(),
                        List.of("user_pct"),
                        today.minus(DAYS, ChronoUnit.DAYS),
                        now,
                        Resolution.HOUR))),
        () ->
            describe(
                store.range(
                    new RangeQuery(
                        "cpu",
                        Map.of("host", "web2"),
                        List.of(),
                        old,
                        old.plus(1, ChronoUnit.DAYS),
                        Resolution.MINUTE))),
        () ->
            store
                .top(
                    new TopQuery(
                        "cpu", "user_pct", Map.of(), old, now, TopQuery.Aggregation.AVG, 3))
                .toString(),
        () ->
            store
                .top(
                    new TopQuery(
                        "cpu",
                        "load1",
                        Map.of("cpu", "total"),
                        old,
                        boundary,
                        TopQuery.Aggregation.MAX,
                        2))
                .toString(),
        () -> store.latest("web2", "cpu").toString());
  }

  private RangeResult raw(String host, Instant from, Instant to) {
    return store.range(
        new RangeQuery("cpu", Map.of("host", host), List.of(), from, to, Resolution.RAW));
  }

  /** A comparable text of a result: tags, timestamps and every value array. */
  private static String describe(RangeResult result) {
    StringBuilder text = new StringBuilder(result.resolution().name());
    assertThat(result.series()).isNotEmpty();
    for (RangeResult.Series s : result.series()) {
      assertThat(s.timestamps()).isNotEmpty();
      text.append('\n').append(new TreeMap<>(s.tags())).append(Arrays.toString(s.timestamps()));
      new TreeMap<>(s.fields())
          .forEach(
              (field, values) ->
                  text.append(field)
                      .append(Arrays.toString(values.avg()))
                      .append(Arrays.toString(values.min()))
                      .append(Arrays.toString(values.max())));
    }
    return text.toString();
  }

  private MeasurementDiskUsage usage(String measurement) {
    return store.diskUsageByMeasurement().stream()
        .filter(u -> u.measurement().equals(measurement))
        .findFirst()
        .orElseThrow();
  }

  /** Bytes of the partitions that start before a day, as table_partitions() reports them. */
  private long partitionBytesBefore(String table, Instant day) {
    long[] bytes = {0};
    String before = day.toString().substring(0, 10);
    store
        .sqlRunner()
        .select(
            "SELECT name, diskSize FROM table_partitions('" + table + "')",
            b -> {},
            (r, m) -> {
              if (String.valueOf(r.getStrA(0)).compareTo(before) < 0) {
                bytes[0] += r.getLong(1);
              }
            });
    assertThat(bytes[0]).isPositive();
    return bytes[0];
  }

  /** Parquet partitions of a table: partition name (its day) → Parquet file size. */
  private Map<String, Long> parquetPartitions(String table) {
    Map<String, Long> parquet = new TreeMap<>();
    store
        .sqlRunner()
        .select(
            "SELECT name, parquetFileSize FROM table_partitions('" + table + "') WHERE isParquet",
            b -> {},
            (r, m) -> parquet.put(String.valueOf(r.getStrA(0)), r.getLong(1)));
    return parquet;
  }
}
