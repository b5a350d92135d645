package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OnCallTest {

  @Test
  void aDaytimeWindowCoversItsWeekdaysAndHoursInItsTimeZone() {
    OnCall office = new OnCall("MON,TUE,WED,THU,FRI", "09:00", "18:00", "Asia/Seoul");
    // 2026-11-23 is a Monday; 00:30 UTC is 09:30 in Seoul.
    assertThat(office.covers(Instant.parse("2026-11-23T00:30:00Z"))).isTrue();
    // 09:30 UTC is 18:30 in Seoul: after hours.
    assertThat(office.covers(Instant.parse("2026-11-23T09:30:00Z"))).isFalse();
    // Saturday 10:00 in Seoul.
    assertThat(office.covers(Instant.parse("2026-11-28T01:00:00Z"))).isFalse();
  }

  @Test
  void aWindowEndingBeforeItStartsSpansMidnightAndBelongsToItsStartDay() {
    OnCall night = new OnCall("FRI", "22:00", "06:00", "UTC");
    assertThat(night.covers(Instant.parse("2026-11-27T23:00:00Z"))).as("Fri 23:00").isTrue();
    assertThat(night.covers(Instant.parse("2026-11-28T05:59:00Z"))).as("Sat 05:59").isTrue();
    assertThat(night.covers(Instant.parse("2026-11-28T06:00:00Z"))).as("Sat 06:00").isFalse();
    assertThat(night.covers(Instant.parse("2026-11-27T05:00:00Z"))).as("Fri 05:00").isFalse();
    assertThat(night.covers(Instant.parse("2026-11-28T23:00:00Z"))).as("Sat 23:00").isFalse();
  }

  @Test
  void invalidWindowsNameTheField() {
    assertThatThrownBy(() -> new OnCall("MOX", "09:00", "18:00", "UTC"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("onCall.days");
    assertThatThrownBy(() -> new OnCall("MON", "9:00", "18:00", "UTC"))
        .hasMessageContaining("onCall.start");
    assertThatThrownBy(() -> new OnCall("MON", "09:00", "25:00", "UTC"))
        .hasMessageContaining("onCall.end");
    assertThatThrownBy(() -> new OnCall("MON", "09:00", "18:00", "Mars/Olympus"))
        .hasMessageContaining("onCall.timeZone");
  }
}
