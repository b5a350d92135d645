package io.vigil.server.notify;

import io.vigil.model.InvalidInputException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One on-call window: weekdays ({@code MON,TUE,…}) between {@code start} and {@code end} local time
 * in {@code timeZone}. An end at or before the start spans midnight: the window then belongs to the
 * day it starts on ({@code FRI 22:00–06:00} covers Saturday 03:00).
 */
public record OnCall(String days, String start, String end, String timeZone) {

  public OnCall {
    if (days == null || days.isBlank()) {
      throw new InvalidInputException("onCall.days is required, e.g. MON,TUE");
    }
    days = days.toUpperCase(Locale.ROOT).replace(" ", "");
    parseDays(days);
    parseTime("onCall.start", start);
    parseTime("onCall.end", end);
    if (timeZone == null || timeZone.isBlank()) {
      timeZone = "UTC";
    }
    try {
      ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new InvalidInputException("onCall.timeZone is not a time zone: " + timeZone);
    }
  }

  /** Whether {@code at} falls inside this window. */
  boolean covers(Instant at) {
    ZonedDateTime local = at.atZone(ZoneId.of(timeZone));
    Set<DayOfWeek> weekdays = parseDays(days);
    LocalTime from = LocalTime.parse(start);
    LocalTime to = LocalTime.parse(end);
    LocalTime now = local.toLocalTime();
    if (from.isBefore(to)) {
      return weekdays.contains(local.getDayOfWeek()) && !now.isBefore(from) && now.isBefore(to);
    }
    return (weekdays.contains(local.getDayOfWeek()) && !now.isBefore(from))
        || (weekdays.contains(local.getDayOfWeek().minus(1)) && now.isBefore(to));
  }

  private static Set<DayOfWeek> parseDays(String days) {
    Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    for (String day : days.split(",")) {
      DayOfWeek match =
          Arrays.stream(DayOfWeek.values())
              .filter(d -> d.name().startsWith(day) && day.length() == 3)
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "onCall.days must be a list of MON,TUE,WED,THU,FRI,SAT,SUN: "
                              + Arrays.stream(days.split(",")).collect(Collectors.joining(","))));
      set.add(match);
    }
    return set;
  }

  private static void parseTime(String field, String value) {
    try {
      if (value == null || value.length() != 5) {
        throw new InvalidInputException(field + " must be HH:MM");
      }
      LocalTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field + " must be HH:MM");
    }
  }
}
