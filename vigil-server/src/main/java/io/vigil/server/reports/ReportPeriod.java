package io.vigil.server.reports;

import io.vigil.server.web.ApiException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The time range a report covers: the last complete day, week (Monday to Monday), month or year in
 * a time zone, or a custom range of at most {@link #MAX_DAYS} days.
 *
 * @param kind day, week, month, year or custom
 * @param from inclusive start
 * @param to exclusive end
 */
public record ReportPeriod(String kind, Instant from, Instant to) {

  public static final int MAX_DAYS = 400;

  public ReportPeriod {
    if (!from.isBefore(to)) {
      throw ApiException.badRequest("from must be before to");
    }
    if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
      throw ApiException.badRequest("a report covers at most " + MAX_DAYS + " days");
    }
  }

  /**
   * Resolves a request's period; {@code from}/{@code to} (epoch ms) only for custom. No kind means
   * custom when from/to are given, else the last complete month.
   */
  public static ReportPeriod resolve(String kind, Long from, Long to, ZoneId zone, Instant now) {
    boolean custom = from != null || to != null;
    String k =
        kind == null || kind.isBlank()
            ? (custom ? "custom" : "month")
            : kind.toLowerCase(Locale.ROOT);
    if (k.equals("custom")) {
      if (from == null || to == null) {
        throw ApiException.badRequest("a custom period needs from and to (epoch ms)");
      }
      return new ReportPeriod(k, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }
    if (from != null || to != null) {
      throw ApiException.badRequest("from and to apply only to period=custom");
    }
    return lastComplete(k, zone, now);
  }

  /** The last complete period of a kind before {@code now} in {@code zone}. */
  public static ReportPeriod lastComplete(String kind, ZoneId zone, Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate end =
        switch (kind) {
          case "day" -> today;
          case "week" -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case "month" -> today.withDayOfMonth(1);
          case "year" -> today.withDayOfYear(1);
          default ->
              throw ApiException.badRequest("period must be day, week, month, year or custom");
        };
    LocalDate start =
        switch (kind) {
          case "day" -> end.minusDays(1);
          case "week" -> end.minusWeeks(1);
          case "month" -> end.minusMonths(1);
          default -> end.minusYears(1);
        };
    return new ReportPeriod(
        kind, start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
  }
}
