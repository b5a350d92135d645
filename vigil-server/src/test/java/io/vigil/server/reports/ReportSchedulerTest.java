package io.vigil.server.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportSchedulerTest {

  static ReportSchedule schedule(String frequency, String zone, Long lastPeriodStart) {
    return new ReportSchedule(
        1L,
        "s",
        frequency,
        List.of("h"),
        List.of(),
        List.of("cpu.used_pct"),
        "pdf",
        List.of("ops@example.test"),
        "en",
        zone,
        lastPeriodStart,
        null,
        null);
  }

  static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void aDailyScheduleIsDueOncePerDayForYesterday() {
    Clock clock = at("2026-11-21T00:30:00Z");
    long yesterday = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
    assertThat(ReportScheduler.due(List.of(schedule("daily", "UTC", null)), clock)).hasSize(1);
    assertThat(
            ReportScheduler.due(List.of(schedule("daily", "UTC", yesterday - 86_400_000)), clock))
        .hasSize(1);
    assertThat(ReportScheduler.due(List.of(schedule("daily", "UTC", yesterday)), clock)).isEmpty();
    assertThat(
            ReportScheduler.currentPeriod(schedule("daily", "UTC", null), clock.instant()).from())
        .isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
  }

  @Test
  void periodsFollowTheScheduleTimeZone() {
    // 2026-11-21 00:30 UTC is 09:30 in Seoul: the last complete Seoul day is Nov 20 (KST).
    ReportPeriod day =
        ReportScheduler.currentPeriod(
            schedule("daily", "Asia/Seoul", null), at("2026-11-21T00:30:00Z").instant());
    assertThat(day.from()).isEqualTo(Instant.parse("2026-11-19T15:00:00Z"));
    assertThat(day.to()).isEqualTo(Instant.parse("2026-11-20T15:00:00Z"));
  }

  @Test
  void weeklyAndMonthlyAreDueAfterTheBoundaryOnly() {
    // Saturday 2026-11-21: the last complete week is Mon Nov 9 .. Mon Nov 16.
    Instant now = Instant.parse("2026-11-21T12:00:00Z");
    ReportPeriod week = ReportScheduler.currentPeriod(schedule("weekly", "UTC", null), now);
    assertThat(week.from()).isEqualTo(Instant.parse("2026-11-09T00:00:00Z"));
    assertThat(week.to()).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
    long weekStart = week.from().toEpochMilli();
    assertThat(
            ReportScheduler.due(
                List.of(schedule("weekly", "UTC", weekStart)), at("2026-11-22T23:59:00Z")))
        .isEmpty();
    assertThat(
            ReportScheduler.due(
                List.of(schedule("weekly", "UTC", weekStart)), at("2026-11-23T00:00:00Z")))
        .hasSize(1);
    ReportPeriod month = ReportScheduler.currentPeriod(schedule("monthly", "UTC", null), now);
    assertThat(month.from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(month.to()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    long monthStart = month.from().toEpochMilli();
    assertThat(
            ReportScheduler.due(
                List.of(schedule("monthly", "UTC", monthStart)), at("2026-11-30T23:00:00Z")))
        .isEmpty();
    assertThat(
            ReportScheduler.due(
                List.of(schedule("monthly", "UTC", monthStart)), at("2026-12-01T00:00:01Z")))
        .hasSize(1);
  }

  @Test
  void periodsAndCalendarsAreValidated() {
    assertThatThrownBy(
            () ->
                ReportPeriod.resolve(
                    "custom", 0L, 401L * 86_400_000, ZoneOffset.UTC, Instant.EPOCH))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> ReportPeriod.resolve("day", 0L, 1L, ZoneOffset.UTC, Instant.EPOCH))
        .isInstanceOf(ApiException.class);
    ReportPeriod year =
        ReportPeriod.resolve(
            "year", null, null, ZoneId.of("UTC"), Instant.parse("2026-11-21T00:00:00Z"));
    assertThat(year.from()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    ReportPeriod implicit =
        ReportPeriod.resolve(
            null, null, null, ZoneOffset.UTC, Instant.parse("2026-11-21T00:00:00Z"));
    assertThat(implicit.kind()).isEqualTo("month");
    assertThat(implicit.from()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThatThrownBy(
            () ->
                new ReportCalendar("UTC", List.of("MON"), "09:00", "18:00", List.of("2026-13-01")))
        .isInstanceOf(ApiException.class);
    ReportCalendar.Matcher m =
        new ReportCalendar("Asia/Seoul", List.of("MON"), "09:00", "18:00", List.of("2026-11-30"))
            .matcher();
    // Monday 2026-11-23 10:00 KST is business time; the holiday Monday Nov 30 is not.
    assertThat(m.isBusiness(Instant.parse("2026-11-23T01:00:00Z").toEpochMilli())).isTrue();
    assertThat(m.isBusiness(Instant.parse("2026-11-23T09:00:00Z").toEpochMilli())).isFalse();
    assertThat(m.isBusiness(Instant.parse("2026-11-30T01:00:00Z").toEpochMilli())).isFalse();
  }

  @Test
  void csvCellsAreQuotedPerRfc4180() {
    assertThat(ReportCsv.quote("plain")).isEqualTo("plain");
    assertThat(ReportCsv.quote("a,b")).isEqualTo("\"a,b\"");
    assertThat(ReportCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(ReportCsv.num(25.0)).isEqualTo("25");
    assertThat(ReportCsv.num(87.5)).isEqualTo("87.5");
    assertThat(ReportCsv.num(null)).isEmpty();
  }
}
