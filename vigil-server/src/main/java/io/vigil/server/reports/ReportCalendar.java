package io.vigil.server.reports;

import io.vigil.server.web.ApiException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business hours: on the listed weekdays, from start (inclusive) to end (exclusive) local time in
 * the time zone, except on holidays. Everything else is off-hours.
 *
 * @param timeZone IANA zone id
 * @param days MON..SUN
 * @param start HH:mm
 * @param end HH:mm, after start
 * @param holidays yyyy-MM-dd dates
 */
public record ReportCalendar(
    String timeZone, List<String> days, String start, String end, List<String> holidays) {

  public static final int MAX_HOLIDAYS = 366;

  public ReportCalendar {
    zone(timeZone);
    if (days == null) {
      throw ApiException.badRequest("days is required");
    }
    Set<String> seen = new TreeSet<>();
    for (String d : days) {
      dayOf(d);
      if (!seen.add(d)) {
        throw ApiException.badRequest("day " + d + " is listed twice");
      }
    }
    days = List.copyOf(days);
    LocalTime s = time("start", start);
    LocalTime e = time("end", end);
    if (!s.isBefore(e)) {
      throw ApiException.badRequest("start must be before end");
    }
    holidays = holidays == null ? List.of() : List.copyOf(new TreeSet<>(holidays));
    if (holidays.size() > MAX_HOLIDAYS) {
      throw ApiException.badRequest("at most " + MAX_HOLIDAYS + " holidays");
    }
    for (String h : holidays) {
      try {
        LocalDate.parse(h);
      } catch (DateTimeParseException ex) {
        throw ApiException.badRequest("holiday " + h + " is not a yyyy-MM-dd date");
      }
    }
  }

  public static ReportCalendar defaults() {
    return new ReportCalendar(
        "UTC", List.of("MON", "TUE", "WED", "THU", "FRI"), "09:00", "18:00", List.of());
  }

  /** A compiled form for classifying many instants quickly. */
  public Matcher matcher() {
    EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    days.forEach(d -> set.add(dayOf(d)));
    Set<LocalDate> hol = new java.util.HashSet<>();
    holidays.forEach(h -> hol.add(LocalDate.parse(h)));
    return new Matcher(zone(timeZone), set, LocalTime.parse(start), LocalTime.parse(end), hol);
  }

  /** Classifies instants as business hours or not. */
  public record Matcher(
      ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end, Set<LocalDate> holidays) {
    public boolean isBusiness(long epochMs) {
      ZonedDateTime local = Instant.ofEpochMilli(epochMs).atZone(zone);
      if (!days.contains(local.getDayOfWeek()) || holidays.contains(local.toLocalDate())) {
        return false;
      }
      LocalTime t = local.toLocalTime();
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  static ZoneId zone(String id) {
    if (id == null || id.isBlank()) {
      throw ApiException.badRequest("timeZone is required");
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw ApiException.badRequest("unknown time zone " + id);
    }
  }

  static DayOfWeek dayOf(String d) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().substring(0, 3).equals(d)) {
        return day;
      }
    }
    throw ApiException.badRequest("day must be one of MON..SUN but was " + d);
  }

  private static LocalTime time(String name, String value) {
    if (value == null || !value.matches("\\d{2}:\\d{2}")) {
      throw ApiException.badRequest(name + " must be HH:mm");
    }
    try {
      return LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(name + " must be HH:mm");
    }
  }
}
