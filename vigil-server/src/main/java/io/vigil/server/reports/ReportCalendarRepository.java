package io.vigil.server.reports;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one business-hours calendar (row id 1, created by V10). */
@Repository
class ReportCalendarRepository {

  private final JdbcClient jdbc;

  ReportCalendarRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  ReportCalendar get() {
    return jdbc.sql(
            "SELECT time_zone, days, start_time, end_time, holidays FROM report_calendar WHERE id = 1")
        .query(
            (rs, n) ->
                new ReportCalendar(
                    rs.getString(1),
                    split(rs.getString(2)),
                    rs.getString(3),
                    rs.getString(4),
                    split(rs.getString(5))))
        .optional()
        .orElseGet(ReportCalendar::defaults);
  }

  void put(ReportCalendar calendar) {
    jdbc.sql(
            "UPDATE report_calendar SET time_zone = ?, days = ?, start_time = ?, end_time = ?,"
                + " holidays = ? WHERE id = 1")
        .params(
            calendar.timeZone(),
            String.join(",", calendar.days()),
            calendar.start(),
            calendar.end(),
            String.join(",", calendar.holidays()))
        .update();
  }

  static List<String> split(String csv) {
    if (csv == null || csv.isBlank()) {
      return List.of();
    }
    return List.of(csv.split(","));
  }
}
