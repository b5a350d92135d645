package io.vigil.server.alerting;

import io.vigil.model.InvalidInputException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When a maintenance window is in force: once (from {@code startsAt} until before {@code endsAt},
 * epoch millis) or every week on {@code days} from {@code start} until before {@code end}, local
 * time of {@code zone}. A weekly end at or before the start falls on the next day, so {@code FRI
 * 22:00–02:00} covers Friday 22:00 to Saturday 02:00 (and an end equal to the start makes a whole
 * day). Local times follow the zone's daylight saving: on the night the clocks skip an hour, a
 * window inside the skipped hour does not happen.
 *
 * @param startsAt one-off start, or null for a weekly window
 * @param endsAt one-off end (exclusive), or null
 * @param days weekly: the days a window starts on, or null
 * @param start weekly: local start time, or null
 * @param end weekly: local end time (exclusive), or null
 * @param zone weekly: the time zone of start and end, or null
 */
record MaintenanceSchedule(
    Long startsAt, Long endsAt, Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  MaintenanceSchedule {
    days = days == null ? null : Set.copyOf(days);
  }

  /** A one-off window; {@code endsAt} must be after {@code startsAt}. */
  static MaintenanceSchedule once(Long startsAt, Long endsAt) {
    if (startsAt == null) {
      throw new InvalidInputException("startsAt is required for a one-off window");
    }
    if (endsAt == null) {
      throw new InvalidInputException("endsAt is required for a one-off window");
    }
    if (endsAt <= startsAt) {
      throw new InvalidInputException("endsAt must be after startsAt");
    }
    return new MaintenanceSchedule(startsAt, endsAt, null, null, null, null);
  }

  /**
   * A weekly window from text as the API takes it: days {@code "MON,TUE"}, times {@code "22:00"},
   * an IANA zone such as {@code Europe/Berlin}.
   */
  static MaintenanceSchedule weekly(String days, String start, String end, String zone) {
    return new MaintenanceSchedule(
        null,
        null,
        parseDays(days),
        parseTime("start", start),
        parseTime("end", end),
        parseZone(zone));
  }

  boolean weekly() {
    return days != null;
  }

  /** Whether the window is in force at {@code epochMillis}. */
  boolean covers(long epochMillis) {
    if (!weekly()) {
      return startsAt <= epochMillis && epochMillis < endsAt;
    }
    ZonedDateTime local = Instant.ofEpochMilli(epochMillis).atZone(zone);
    LocalTime time = local.toLocalTime();
    DayOfWeek day = local.getDayOfWeek();
    if (start.isBefore(end)) {
      return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
    }
    boolean startedToday = days.contains(day) && !time.isBefore(start);
    boolean startedYesterday = days.contains(day.minus(1)) && time.isBefore(end);
    return startedToday || startedYesterday;
  }

  /** The days as the API writes them: {@code MON,WED}, in week order. */
  String daysText() {
    return days == null
        ? null
        : days.stream()
            .sorted()
            .map(d -> d.name().substring(0, 3))
            .collect(Collectors.joining(","));
  }

  static Set<DayOfWeek> parseDays(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("days is required for a weekly window, e.g. MON,TUE");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : text.split(",", -1)) {
      String name = part.strip().toUpperCase(Locale.ROOT);
      DayOfWeek day = null;
      for (DayOfWeek candidate : DayOfWeek.values()) {
        if (candidate.name().substring(0, 3).equals(name)) {
          day = candidate;
        }
      }
      if (day == null || !days.add(day)) {
        throw new InvalidInputException(
            "days must list distinct days of MON, TUE, WED, THU, FRI, SAT, SUN separated by commas");
      }
    }
    return days;
  }

  static LocalTime parseTime(String field, String text) {
    if (text == null || !TIME.matcher(text.strip()).matches()) {
      throw new InvalidInputException(field + " must be a time of day HH:mm, e.g. 22:00");
    }
    return LocalTime.parse(text.strip());
  }

  static ZoneId parseZone(String text) {
    if (text == null || text.isBlank()) {
      return ZoneId.of("UTC");
    }
    try {
      if (text.length() > 64) {
        throw new DateTimeException("too long");
      }
      return ZoneId.of(text.strip());
    } catch (DateTimeException e) {
      throw new InvalidInputException(
          "timeZone must be an IANA time zone such as Europe/Berlin or UTC");
    }
  }
}
