package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When one-off and weekly maintenance windows are in force. */
class MaintenanceScheduleTest {

  /** Epoch millis of a local date-time in {@code zone}. */
  static long at(String localDateTime, String zone) {
    return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant().toEpochMilli();
  }

  @Test
  void aWeeklyWindowWithinADayCoversItsHoursOnItsDaysOnly() {
    // 2026-11-23 is a Monday
    MaintenanceSchedule s = MaintenanceSchedule.weekly("MON,WED", "09:00", "17:00", "UTC");
    assertThat(s.covers(at("2026-11-23T09:00", "UTC"))).isTrue();
    assertThat(s.covers(at("2026-11-23T16:59:59", "UTC"))).isTrue();
    assertThat(s.covers(at("2026-11-23T17:00", "UTC"))).as("the end is exclusive").isFalse();
    assertThat(s.covers(at("2026-11-23T08:59:59", "UTC"))).isFalse();
    assertThat(s.covers(at("2026-11-24T12:00", "UTC"))).as("Tuesday").isFalse();
    assertThat(s.covers(at("2026-11-25T12:00", "UTC"))).as("Wednesday").isTrue();
  }

  @Test
  void aWindowCrossingMidnightEndsOnTheNextDay() {
    MaintenanceSchedule s = MaintenanceSchedule.weekly("FRI", "22:00", "02:00", "UTC");
    // 2026-11-27 is a Friday
    assertThat(s.covers(at("2026-11-27T21:59", "UTC"))).isFalse();
    assertThat(s.covers(at("2026-11-27T22:00", "UTC"))).isTrue();
    assertThat(s.covers(at("2026-11-27T23:59", "UTC"))).isTrue();
    assertThat(s.covers(at("2026-11-28T00:00", "UTC"))).as("Saturday after midnight").isTrue();
    assertThat(s.covers(at("2026-11-28T01:59", "UTC"))).isTrue();
    assertThat(s.covers(at("2026-11-28T02:00", "UTC"))).isFalse();
    assertThat(s.covers(at("2026-11-28T22:30", "UTC"))).as("Saturday evening").isFalse();
    assertThat(s.covers(at("2026-11-27T01:00", "UTC")))
        .as("Friday early morning belongs to Thursday's window, which does not exist")
        .isFalse();
  }

  @Test
  void aSundayNightWindowWrapsIntoMonday() {
    MaintenanceSchedule s = MaintenanceSchedule.weekly("SUN", "23:00", "01:00", "UTC");
    // 2026-11-29 is a Sunday, 2026-11-30 a Monday
    assertThat(s.covers(at("2026-11-29T23:30", "UTC"))).isTrue();
    assertThat(s.covers(at("2026-11-30T00:30", "UTC"))).isTrue();
    assertThat(s.covers(at("2026-11-30T23:30", "UTC"))).isFalse();
  }

  @Test
  void anEndEqualToTheStartMakesAWholeDay() {
    MaintenanceSchedule s = MaintenanceSchedule.weekly("TUE", "06:00", "06:00", "UTC");
    assertThat(s.covers(at("2026-11-24T06:00", "UTC"))).isTrue();
    assertThat(s.covers(at("2026-11-25T05:59", "UTC"))).isTrue();
    assertThat(s.covers(at("2026-11-25T06:00", "UTC"))).isFalse();
    assertThat(s.covers(at("2026-11-24T05:59", "UTC"))).isFalse();
  }

  @Test
  void timesAreLocalToTheWindowsZone() {
    MaintenanceSchedule seoul = MaintenanceSchedule.weekly("MON", "22:00", "02:00", "Asia/Seoul");
    // Monday 22:00 in Seoul (UTC+9) is Monday 13:00 UTC
    assertThat(seoul.covers(at("2026-11-23T13:00", "UTC"))).isTrue();
    assertThat(seoul.covers(at("2026-11-23T16:59", "UTC"))).as("01:59 Tuesday in Seoul").isTrue();
    assertThat(seoul.covers(at("2026-11-23T17:00", "UTC"))).isFalse();
    assertThat(seoul.covers(at("2026-11-23T22:30", "UTC")))
        .as("22:30 UTC Monday is 07:30 Tuesday in Seoul")
        .isFalse();

    MaintenanceSchedule newYork =
        MaintenanceSchedule.weekly("SUN", "20:00", "23:00", "America/New_York");
    // Sunday 21:00 in New York (UTC-5 in November) is Monday 02:00 UTC
    assertThat(newYork.covers(at("2026-11-30T02:00", "UTC"))).isTrue();
    assertThat(newYork.covers(at("2026-11-29T21:00", "UTC"))).as("16:00 local").isFalse();
  }

  @Test
  void daylightSavingShiftsTheUtcHoursButNotTheLocalOnes() {
    MaintenanceSchedule berlin =
        MaintenanceSchedule.weekly("SUN", "01:00", "04:00", "Europe/Berlin");
    // 2026-03-29 (Sunday): 02:00 CET jumps to 03:00 CEST. 01:30 CET = 00:30 UTC, 03:30 CEST = 01:30
    // UTC, 04:00 CEST = 02:00 UTC.
    assertThat(berlin.covers(at("2026-03-29T00:30", "UTC"))).isTrue();
    assertThat(berlin.covers(at("2026-03-29T01:30", "UTC"))).isTrue();
    assertThat(berlin.covers(at("2026-03-29T02:00", "UTC"))).isFalse();
    // A week earlier (CET, UTC+1) the window runs until 03:00 UTC.
    assertThat(berlin.covers(at("2026-03-22T02:30", "UTC"))).isTrue();
  }

  @Test
  void aOneOffWindowCoversItsInterval() {
    MaintenanceSchedule s = MaintenanceSchedule.once(1_000L, 2_000L);
    assertThat(s.covers(999)).isFalse();
    assertThat(s.covers(1_000)).isTrue();
    assertThat(s.covers(1_999)).isTrue();
    assertThat(s.covers(2_000)).isFalse();
    assertThat(s.weekly()).isFalse();
  }

  @Test
  void daysAreWrittenInWeekOrder() {
    assertThat(MaintenanceSchedule.weekly(" sun, mon ,FRI", "01:00", "02:00", null).daysText())
        .isEqualTo("MON,FRI,SUN");
    assertThat(MaintenanceSchedule.weekly("MON", "01:00", "02:00", null).zone())
        .isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void invalidSchedulesNameTheField() {
    assertThatThrownBy(() -> MaintenanceSchedule.weekly("MON,XYZ", "01:00", "02:00", "UTC"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("days");
    assertThatThrownBy(() -> MaintenanceSchedule.weekly("MON,MON", "01:00", "02:00", "UTC"))
        .hasMessageContaining("days");
    assertThatThrownBy(() -> MaintenanceSchedule.weekly("", "01:00", "02:00", "UTC"))
        .hasMessageContaining("days");
    assertThatThrownBy(() -> MaintenanceSchedule.weekly("MON", "24:00", "02:00", "UTC"))
        .hasMessageStartingWith("start");
    assertThatThrownBy(() -> MaintenanceSchedule.weekly("MON", "01:00", "2:00", "UTC"))
        .hasMessageStartingWith("end");
    assertThatThrownBy(() -> MaintenanceSchedule.weekly("MON", "01:00", "02:00", "Mars/Base"))
        .hasMessageStartingWith("timeZone");
    assertThatThrownBy(() -> MaintenanceSchedule.once(5L, 5L)).hasMessageStartingWith("endsAt");
    assertThatThrownBy(() -> MaintenanceSchedule.once(null, 5L)).hasMessageStartingWith("startsAt");
  }
}
