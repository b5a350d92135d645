package io.vigil.server.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Report schedules in {@code report_schedules}. */
@Repository
class ReportScheduleRepository {

  private static final String COLUMNS =
      "id, name, frequency, hosts, group_ids, fields, format, emails, language, time_zone,"
          + " last_period_start, last_sent_at, last_error";

  private final JdbcClient jdbc;

  ReportScheduleRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<ReportSchedule> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM report_schedules ORDER BY name")
        .query(ReportScheduleRepository::map)
        .list();
  }

  Optional<ReportSchedule> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM report_schedules WHERE id = ?")
        .param(id)
        .query(ReportScheduleRepository::map)
        .optional();
  }

  boolean nameTaken(String name, Long exceptId) {
    return jdbc.sql("SELECT COUNT(*) FROM report_schedules WHERE name = ? AND id <> ?")
            .params(name, exceptId == null ? -1L : exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  long insert(ReportSchedule s, String createdBy, long now, long periodStart) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO report_schedules (name, frequency, hosts, group_ids, fields, format,"
                + " emails, language, time_zone, created_by, created_at, last_period_start)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            s.name(),
            s.frequency(),
            join(s.hosts()),
            joinIds(s.groups()),
            join(s.fields()),
            s.format(),
            join(s.emails()),
            s.language(),
            s.timeZone(),
            createdBy,
            now,
            periodStart)
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  void update(long id, ReportSchedule s, Long periodStart) {
    jdbc.sql(
            "UPDATE report_schedules SET name = ?, frequency = ?, hosts = ?, group_ids = ?,"
                + " fields = ?, format = ?, emails = ?, language = ?, time_zone = ?,"
                + " last_period_start = ? WHERE id = ?")
        .params(
            s.name(),
            s.frequency(),
            join(s.hosts()),
            joinIds(s.groups()),
            join(s.fields()),
            s.format(),
            join(s.emails()),
            s.language(),
            s.timeZone(),
            periodStart,
            id)
        .update();
  }

  boolean delete(long id) {
    return jdbc.sql("DELETE FROM report_schedules WHERE id = ?").param(id).update() > 0;
  }

  /**
   * Claims a period for sending: true only for the first caller, so no period goes out twice, even
   * across restarts (a crash while sending loses that one e-mail instead of doubling it).
   */
  boolean claim(long id, long periodStart) {
    return jdbc.sql(
                "UPDATE report_schedules SET last_period_start = ? WHERE id = ?"
                    + " AND (last_period_start IS NULL OR last_period_start < ?)")
            .params(periodStart, id, periodStart)
            .update()
        > 0;
  }

  void recordSend(long id, long at, String error) {
    if (error == null) {
      jdbc.sql("UPDATE report_schedules SET last_sent_at = ?, last_error = NULL WHERE id = ?")
          .params(at, id)
          .update();
    } else {
      jdbc.sql("UPDATE report_schedules SET last_error = ? WHERE id = ?")
          .params(error.length() > 1000 ? error.substring(0, 1000) : error, id)
          .update();
    }
  }

  private static ReportSchedule map(ResultSet rs, int n) throws SQLException {
    long lastStart = rs.getLong(11);
    Long periodStart = rs.wasNull() ? null : lastStart;
    long sent = rs.getLong(12);
    Long sentAt = rs.wasNull() ? null : sent;
    return new ReportSchedule(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        split(rs.getString(4)),
        split(rs.getString(5)).stream().map(Long::valueOf).toList(),
        split(rs.getString(6)),
        rs.getString(7),
        split(rs.getString(8)),
        rs.getString(9),
        rs.getString(10),
        periodStart,
        sentAt,
        rs.getString(13));
  }

  private static String join(List<String> values) {
    return String.join(",", values);
  }

  private static String joinIds(List<Long> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  private static List<String> split(String csv) {
    return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
  }
}
