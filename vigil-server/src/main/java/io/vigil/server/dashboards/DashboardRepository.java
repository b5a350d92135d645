package io.vigil.server.dashboards;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Dashboards in the configuration database; panels are kept as one JSON document. */
@Repository
class DashboardRepository {

  private static final String SELECT =
      "SELECT d.id, d.owner_id, u.username, d.name, d.shared, d.builtin, d.refresh_seconds,"
          + " d.panels_json, d.created_at, d.updated_at"
          + " FROM dashboards d LEFT JOIN users u ON u.id = d.owner_id";
  private static final TypeReference<List<Panel>> PANELS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json = JsonMapper.builder().build();

  DashboardRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Dashboards {@code userId} may open: own, shared and built-in; all of them for an admin. */
  List<Dashboard> visibleTo(long userId, boolean admin) {
    String where = admin ? "" : " WHERE d.owner_id = ? OR d.shared OR d.builtin";
    JdbcClient.StatementSpec spec = jdbc.sql(SELECT + where + " ORDER BY d.builtin DESC, d.name");
    if (!admin) {
      spec = spec.param(userId);
    }
    return spec.query(this::row).list();
  }

  Optional<Dashboard> find(long id) {
    return jdbc.sql(SELECT + " WHERE d.id = ?").param(id).query(this::row).optional();
  }

  long insert(Long ownerId, DashboardRequest request, boolean builtin) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO dashboards (owner_id, name, shared, builtin, refresh_seconds, panels_json,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            ownerId,
            request.name(),
            request.shared(),
            builtin,
            request.refreshSeconds(),
            json.writeValueAsString(request.panels()),
            now,
            now)
        .update(keys, "id");
    return keys.getKeyAs(Number.class).longValue();
  }

  void update(long id, DashboardRequest request) {
    jdbc.sql(
            "UPDATE dashboards SET name = ?, shared = ?, refresh_seconds = ?, panels_json = ?,"
                + " updated_at = ? WHERE id = ?")
        .params(
            request.name(),
            request.shared(),
            request.refreshSeconds(),
            json.writeValueAsString(request.panels()),
            OffsetDateTime.now(ZoneOffset.UTC),
            id)
        .update();
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM dashboards WHERE id = ?").param(id).update();
  }

  /** The id of the host group named {@code name}, if there is one. */
  Optional<Long> groupId(String name) {
    return jdbc.sql("SELECT id FROM host_groups WHERE name = ?")
        .param(name)
        .query(Long.class)
        .optional();
  }

  private Dashboard row(ResultSet rs, int n) throws SQLException {
    long owner = rs.getLong("owner_id");
    Long ownerId = rs.wasNull() ? null : owner;
    return new Dashboard(
        rs.getLong("id"),
        ownerId,
        rs.getString("username"),
        rs.getString("name"),
        rs.getBoolean("shared"),
        rs.getBoolean("builtin"),
        rs.getInt("refresh_seconds"),
        json.readValue(rs.getString("panels_json"), PANELS),
        millis(rs.getObject("created_at", OffsetDateTime.class)),
        millis(rs.getObject("updated_at", OffsetDateTime.class)));
  }

  private static long millis(OffsetDateTime at) {
    return at == null ? Instant.EPOCH.toEpochMilli() : at.toInstant().toEpochMilli();
  }
}
