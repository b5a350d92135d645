package io.vigil.server.alerting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code maintenance_windows} table. */
@Repository
class MaintenanceRepository {

  private static final String SELECT =
      "SELECT id, name, scope_type, scope_value, starts_at, ends_at, days, start_time, end_time,"
          + " time_zone, created_by, created_at FROM maintenance_windows";

  private final JdbcClient jdbc;

  MaintenanceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(MaintenanceWindow window) {
    MaintenanceSchedule s = window.schedule();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO maintenance_windows (name, scope_type, scope_value, starts_at, ends_at,"
                + " days, start_time, end_time, time_zone, created_by, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            window.name(),
            window.scopeType(),
            window.scopeValue(),
            s.startsAt(),
            s.endsAt(),
            s.daysText(),
            s.start() == null ? null : s.start().toString(),
            s.end() == null ? null : s.end().toString(),
            s.zone() == null ? null : s.zone().getId(),
            window.createdBy(),
            window.createdAt())
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  List<MaintenanceWindow> findAll() {
    return jdbc.sql(SELECT + " ORDER BY id DESC").query(MaintenanceRepository::row).list();
  }

  /** Weekly windows and the one-off windows in force at {@code now}. */
  List<MaintenanceWindow> candidates(long now) {
    return jdbc.sql(SELECT + " WHERE days IS NOT NULL OR (starts_at <= ? AND ends_at > ?)")
        .params(now, now)
        .query(MaintenanceRepository::row)
        .list();
  }

  Optional<MaintenanceWindow> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?")
        .param(id)
        .query(MaintenanceRepository::row)
        .optional();
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM maintenance_windows WHERE id = ?").param(id).update();
  }

  private static MaintenanceWindow row(ResultSet rs, int n) throws SQLException {
    String days = rs.getString("days");
    MaintenanceSchedule schedule =
        days == null
            ? new MaintenanceSchedule(
                rs.getLong("starts_at"), rs.getLong("ends_at"), null, null, null, null)
            : new MaintenanceSchedule(
                null,
                null,
                MaintenanceSchedule.parseDays(days),
                LocalTime.parse(rs.getString("start_time").strip()),
                LocalTime.parse(rs.getString("end_time").strip()),
                MaintenanceSchedule.parseZone(rs.getString("time_zone")));
    return new MaintenanceWindow(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("scope_type"),
        rs.getString("scope_value"),
        schedule,
        rs.getString("created_by"),
        rs.getLong("created_at"));
  }
}
