package io.vigil.server.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Routes, with their levels as JSON text. */
@Repository
class RouteRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Route.Level>> LEVELS = new TypeReference<>() {};
  private static final String SELECT =
      "SELECT id, name, enabled, min_severity, match_host, match_group, match_tag, channels,"
          + " levels_json, repeat_minutes, notify_recovery FROM routes";

  private final JdbcClient jdbc;

  RouteRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Route> findAll() {
    return jdbc.sql(SELECT + " ORDER BY name").query(RouteRepository::row).list();
  }

  List<Route> findEnabled() {
    return jdbc.sql(SELECT + " WHERE enabled = TRUE ORDER BY id")
        .query(RouteRepository::row)
        .list();
  }

  Optional<Route> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(RouteRepository::row).optional();
  }

  boolean nameTaken(String name, long exceptId) {
    return jdbc.sql("SELECT COUNT(*) FROM routes WHERE name = ? AND id <> ?")
            .params(name, exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  long insert(Route r) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO routes (name, enabled, min_severity, match_host, match_group, match_tag,"
                + " channels, levels_json, repeat_minutes, notify_recovery)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(values(r))
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  boolean update(Route r) {
    Object[] values = Arrays.copyOf(values(r), 11);
    values[10] = r.id();
    return jdbc.sql(
                "UPDATE routes SET name = ?, enabled = ?, min_severity = ?, match_host = ?,"
                    + " match_group = ?, match_tag = ?, channels = ?, levels_json = ?,"
                    + " repeat_minutes = ?, notify_recovery = ? WHERE id = ?")
            .params(values)
            .update()
        > 0;
  }

  boolean delete(long id) {
    return jdbc.sql("DELETE FROM routes WHERE id = ?").param(id).update() > 0;
  }

  /** Names of the host groups {@code hostKey} belongs to (the inventory feature's tables). */
  List<String> hostGroups(String hostKey) {
    return jdbc.sql(
            "SELECT g.name FROM host_groups g JOIN host_group_members m ON m.group_id = g.id"
                + " JOIN hosts h ON h.id = m.host_id WHERE h.host_key = ?")
        .param(hostKey)
        .query(String.class)
        .list();
  }

  private static Object[] values(Route r) {
    return new Object[] {
      r.name(),
      r.enabled(),
      r.minSeverity(),
      r.host(),
      r.group(),
      r.tag(),
      String.join(",", r.channels()),
      JSON.writeValueAsString(r.levels()),
      r.repeatMinutes(),
      r.notifyRecovery()
    };
  }

  private static Route row(ResultSet rs, int n) throws SQLException {
    return new Route(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getBoolean("enabled"),
        rs.getString("min_severity"),
        rs.getString("match_host"),
        rs.getString("match_group"),
        rs.getString("match_tag"),
        List.of(rs.getString("channels").split(",")),
        JSON.readValue(rs.getString("levels_json"), LEVELS),
        rs.getDouble("repeat_minutes"),
        rs.getBoolean("notify_recovery"));
  }
}
