package io.vigil.server.reports;

import java.util.List;

/**
 * A computed report. Statistics come from the rollups: 1-minute buckets up to 7 days, 1-hour
 * buckets beyond; avg is the mean of bucket averages, p95 the nearest-rank 95th percentile of
 * bucket averages, min/max the extremes of the bucket minima/maxima.
 */
public record Report(
    long from,
    long to,
    String period,
    String timeZone,
    String resolution,
    List<String> hosts,
    List<FieldStats> fields,
    List<Availability> availability,
    List<CheckAvailability> checks,
    List<ProblemStats> problems,
    Heatmap heatmap) {

  /** Statistics of one field of one host; null where there was no data. */
  public record FieldStats(
      String host,
      String field,
      Double avg,
      Double min,
      Double max,
      Double p95,
      Double businessAvg,
      Double offHoursAvg) {}

  /** Share of the period a host was not down (host_down problems), in percent. */
  public record Availability(String host, double pct, long downSeconds) {}

  /** Share of buckets in which a check's worst status was OK, in percent (null: no data). */
  public record CheckAvailability(String host, String check, Double okPct) {}

  /** Problems overlapping the period, with durations clipped to it. */
  public record ProblemStats(String severity, long count, long durationSeconds) {}

  /**
   * Averages of the first field over all hosts by weekday (rows, Monday first) and hour (columns)
   * in the report's time zone.
   */
  public record Heatmap(String field, Double[][] cells) {}
}
