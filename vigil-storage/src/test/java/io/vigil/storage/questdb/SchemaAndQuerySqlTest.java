package io.vigil.storage.questdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.storage.GroupQuery;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaAndQuerySqlTest {

  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private final TableSchema cpu =
      TableSchema.empty("cpu")
          .extendedBy(
              List.of(
                  new Point(
                      "cpu",
                      Map.of("host", "h", "cpu", "total"),
                      Map.of("user_pct", 1.0, "ctx_switches", 2.0),
                      1)));

  @Test
  void percentagesAndRatiosAreFloatsEverythingElseDouble() {
    assertThat(FieldType.forNewField("used_pct")).isEqualTo(FieldType.FLOAT);
    assertThat(FieldType.forNewField("hit_ratio")).isEqualTo(FieldType.FLOAT);
    assertThat(FieldType.forNewField("used_bytes")).isEqualTo(FieldType.DOUBLE);
    assertThat(FieldType.forNewField("pct_total")).isEqualTo(FieldType.DOUBLE);
    assertThat(cpu.fields())
        .containsEntry("user_pct", FieldType.FLOAT)
        .containsEntry("ctx_switches", FieldType.DOUBLE);
  }

  @Test
  void createTableHasTtlWalAndDedupOnTimestampHostAndTags() {
    assertThat(SchemaSql.createTable(cpu, 30))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS \"cpu\" (ts TIMESTAMP, \"host\" SYMBOL CAPACITY 16384,"
                + " \"cpu\" SYMBOL, \"ctx_switches\" DOUBLE, \"user_pct\" FLOAT) TIMESTAMP(ts)"
                + " PARTITION BY DAY TTL 30 DAYS WAL DEDUP UPSERT KEYS(ts, \"host\", \"cpu\")");
  }

  @Test
  void growingASchemaAddsOneColumnPerStatementAndExtendsTheDedupKey() {
    TableSchema grown =
        cpu.extendedBy(
            List.of(
                new Point("cpu", Map.of("host", "h", "core", "0"), Map.of("idle_pct", 1.0), 1)));

    assertThat(grown.tags()).containsExactly("cpu", "core");
    assertThat(SchemaSql.addColumns(cpu, grown))
        .containsExactly(
            "ALTER TABLE \"cpu\" ADD COLUMN IF NOT EXISTS \"core\" SYMBOL",
            "ALTER TABLE \"cpu\" ADD COLUMN IF NOT EXISTS \"idle_pct\" FLOAT",
            "ALTER TABLE \"cpu\" DEDUP ENABLE UPSERT KEYS(ts, \"host\", \"cpu\", \"core\")");
    assertThat(
            cpu.extendedBy(
                List.of(new Point("cpu", Map.of("host", "x"), Map.of("user_pct", 1.0), 1))))
        .isSameAs(cpu);
  }

  @Test
  void rollupViewsAggregateEveryFieldWithTheirOwnPartitionAndTtl() {
    String minute = SchemaSql.createView(cpu, Resolution.MINUTE, 400, Duration.ZERO);
    assertThat(minute)
        .startsWith(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS \"cpu_1m\" AS (SELECT ts, \"host\", \"cpu\", ")
        .contains("min(\"user_pct\") \"user_pct__min\"", "avg(\"user_pct\") \"user_pct__avg\"")
        .contains(
            "max(\"ctx_switches\") \"ctx_switches__max\"",
            "count(\"ctx_switches\") \"ctx_switches__count\"")
        .endsWith("FROM \"cpu\" SAMPLE BY 1m) PARTITION BY DAY TTL 400 DAYS");
    assertThat(SchemaSql.createView(cpu, Resolution.HOUR, 261, Duration.ZERO))
        .contains("\"cpu_1h\"")
        .endsWith("SAMPLE BY 1h) PARTITION BY WEEK TTL 261 WEEKS");
  }

  @Test
  void rollupViewsCanRefreshOnATimer() {
    assertThat(SchemaSql.createView(cpu, Resolution.MINUTE, 400, Duration.ofMinutes(1)))
        .startsWith(
            "CREATE MATERIALIZED VIEW IF NOT EXISTS \"cpu_1m\" REFRESH EVERY 1m AS (SELECT");
  }

  @Test
  void clashingOrReservedNamesAreRejected() {
    assertThatThrownBy(() -> TableSchema.empty("cpu_1m"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("reserved for rollups");
    assertThatThrownBy(
            () ->
                cpu.extendedBy(
                    List.of(
                        new Point(
                            "cpu", Map.of("host", "h", "user_pct", "x"), Map.of("v", 1.0), 1))))
        .hasMessageContaining("user_pct is a field, not a tag");
    assertThatThrownBy(
            () ->
                cpu.extendedBy(
                    List.of(new Point("cpu", Map.of("host", "h"), Map.of("a__max", 1.0), 1))))
        .hasMessageContaining("reserved for rollup columns");
    assertThatThrownBy(() -> SchemaSql.quote("x\"; DROP TABLE cpu; --"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void rangeReadsRawOrRollupColumnsAndBindsTagValues() {
    RangeQuery query =
        new RangeQuery(
            "cpu",
            Map.of("host", "h'1", "cpu", "total"),
            List.of("user_pct"),
            T,
            T.plus(Duration.ofHours(1)),
            Resolution.AUTO);

    QuerySql.Statement raw = QuerySql.range(cpu, query, Resolution.RAW);
    assertThat(raw.sql())
        .isEqualTo(
            "SELECT ts, \"host\", \"cpu\", \"user_pct\" FROM \"cpu\" WHERE ts >= $1 AND ts < $2"
                + " AND \"cpu\" = $3 AND \"host\" = $4 ORDER BY ts");
    assertThat(raw.tagValues()).containsExactly("total", "h'1");

    QuerySql.Statement minute = QuerySql.range(cpu, query, Resolution.MINUTE);
    assertThat(minute.sql())
        .contains("\"user_pct__avg\", \"user_pct__min\", \"user_pct__max\" FROM \"cpu_1m\"")
        .doesNotContain("h'1");
  }

  @Test
  void unknownFieldsAndTagsGiveClearErrors() {
    RangeQuery badField =
        new RangeQuery("cpu", Map.of(), List.of("nope"), T, T.plusSeconds(1), Resolution.RAW);
    assertThatThrownBy(() -> QuerySql.range(cpu, badField, Resolution.RAW))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("cpu has no field nope; fields: [ctx_switches, user_pct]");
    TopQuery badTag =
        new TopQuery("cpu", "user_pct", Map.of("rack", "1"), T, T.plusSeconds(1), null, 5);
    assertThatThrownBy(() -> QuerySql.top(cpu, badTag))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("cpu has no tag rack; tags: [cpu]");
  }

  @Test
  void topAggregatesPerHostOrTakesTheLatestValue() {
    TopQuery max =
        new TopQuery("cpu", "user_pct", Map.of("cpu", "total"), T, T.plusSeconds(300), null, 10);
    assertThat(QuerySql.top(cpu, max).sql())
        .isEqualTo(
            "SELECT \"host\", v FROM (SELECT \"host\", max(\"user_pct\") v FROM \"cpu\" WHERE ts >="
                + " $1 AND ts < $2 AND \"cpu\" = $3 AND \"user_pct\" IS NOT NULL GROUP BY \"host\")"
                + " ORDER BY v DESC LIMIT 10");
    TopQuery last =
        new TopQuery(
            "cpu", "user_pct", Map.of(), T, T.plusSeconds(300), TopQuery.Aggregation.LAST, 3);
    assertThat(QuerySql.top(cpu, last).sql()).contains("LATEST ON ts PARTITION BY \"host\"");
  }

  @Test
  void groupSumsPerTagValueWithHostsAndTagsAsBindVariables() {
    GroupQuery query =
        new GroupQuery(
            "cpu",
            Map.of(),
            List.of("web1", "web2"),
            "cpu",
            List.of("ctx_switches", "missing_field"),
            "ctx_switches",
            T,
            T.plusSeconds(60),
            5);
    QuerySql.Statement statement = QuerySql.group(cpu, query);

    assertThat(statement.sql())
        .isEqualTo(
            "SELECT \"cpu\" g, coalesce(sum(\"ctx_switches\"), 0.0) s0, count() n, min(ts) lo,"
                + " max(ts) hi FROM \"cpu\" WHERE ts >= $1 AND ts < $2 AND \"host\" IN ($3, $4)"
                + " AND \"cpu\" IS NOT NULL GROUP BY \"cpu\" ORDER BY s0 DESC, g LIMIT 5");
    assertThat(statement.tagValues()).containsExactly("web1", "web2");
    assertThat(statement.fields()).containsExactly("ctx_switches");
    // a table without the group-by tag (or a filtered tag) cannot match: no statement at all
    GroupQuery byCore =
        new GroupQuery(
            "cpu", Map.of(), List.of(), "core", List.of("x"), "x", T, T.plusSeconds(1), 1);
    assertThat(QuerySql.group(cpu, byCore)).isNull();
  }

  @Test
  void retentionsRoundUpToWholePartitions() {
    QuestDbSettings settings =
        new QuestDbSettings(
            java.nio.file.Path.of("x"),
            Duration.ofHours(36),
            null,
            Duration.ofDays(8),
            false,
            null);
    assertThat(settings.rawRetentionDays()).isEqualTo(2);
    assertThat(settings.minuteRollupRetentionDays()).isEqualTo(400);
    assertThat(settings.hourRollupRetentionWeeks()).isEqualTo(2);
    assertThat(settings.rollupRefreshInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> settings.withRollupRefreshInterval(Duration.ofSeconds(90)))
        .hasMessageContaining("whole minutes");
    assertThat(QuestDbSettings.defaults(java.nio.file.Path.of("x")).hourRollupRetentionWeeks())
        .isEqualTo(261);
    assertThatThrownBy(
            () ->
                QuestDbSettings.defaults(java.nio.file.Path.of("x"))
                    .withRawRetention(Duration.ofHours(1)))
        .hasMessageContaining("at least one day");
  }

  @Test
  void retentionChangesAndParquetConversionAreAlterStatements() {
    assertThat(SchemaSql.setTableTtl("cpu", 3)).isEqualTo("ALTER TABLE \"cpu\" SET TTL 3 DAYS");
    assertThat(SchemaSql.setViewTtlDays("cpu_1m", 10))
        .isEqualTo("ALTER MATERIALIZED VIEW \"cpu_1m\" SET TTL 10 DAYS");
    assertThat(SchemaSql.setViewTtlWeeks("cpu_1h", 2))
        .isEqualTo("ALTER MATERIALIZED VIEW \"cpu_1h\" SET TTL 2 WEEKS");
    Instant day = Instant.parse("2026-03-01T00:00:00Z");
    assertThat(SchemaSql.convertToParquet("cpu", day))
        .isEqualTo(
            "ALTER TABLE \"cpu\" CONVERT PARTITION TO PARQUET WHERE ts < '2026-03-01T00:00:00Z'");
    assertThat(SchemaSql.convertToNative("cpu", day))
        .isEqualTo(
            "ALTER TABLE \"cpu\" CONVERT PARTITION TO NATIVE WHERE ts < '2026-03-01T00:00:00Z'");
    // A cut-off inside a day would convert a partition holding rows newer than it.
    assertThatThrownBy(() -> SchemaSql.convertToParquet("cpu", day.plusSeconds(3600)))
        .hasMessageContaining("day boundary");
    assertThatThrownBy(() -> SchemaSql.convertToParquet("cpu'; DROP TABLE x; --", day))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void ttlsInHoursAndParquetSettingsAreChecked() {
    QuestDbSettings settings =
        QuestDbSettings.defaults(java.nio.file.Path.of("x"))
            .withRawRetention(Duration.ofDays(3))
            .withRollupRetention(Duration.ofDays(10), Duration.ofDays(9));
    assertThat(settings.rawRetentionHours()).isEqualTo(72);
    assertThat(settings.minuteRollupRetentionHours()).isEqualTo(240);
    assertThat(settings.hourRollupRetentionHours()).isEqualTo(14 * 24);
    assertThat(settings.parquetAfter()).isNull();
    assertThat(settings.withParquetAfter(Duration.ofDays(7), null).parquetCheckInterval())
        .isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> settings.withParquetAfter(Duration.ofHours(12), null))
        .hasMessageContaining("at least one day");
    assertThatThrownBy(() -> settings.withParquetAfter(Duration.ofDays(7), Duration.ZERO))
        .hasMessageContaining("positive");
  }
}
