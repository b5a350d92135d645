package io.vigil.server.items;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Hosts as items see them, and each host's overrides and own items. */
@Repository
class HostItemRepository {

  /**
   * A host.
   *
   * @param agentless whether the host has no agent (its network checks run on the server); read
   *     from the {@code agentless} column when the schema has one
   */
  record HostRef(long id, String key, long configVersion, boolean agentless) {}

  /**
   * A host's override of an inherited item (null fields inherit), or its own item.
   *
   * @param own whether this is the host's own item: complete, and it replaces any template item of
   *     the same key; an override instead applies only while an inherited item of its kind exists
   * @param params null to inherit the parameters, otherwise all of them (secrets sealed)
   */
  record HostItemRow(
      String key,
      boolean own,
      String kind,
      Integer intervalSeconds,
      Boolean enabled,
      Map<String, String> params) {}

  private final JdbcClient jdbc;

  HostItemRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<HostRef> hostByKey(String key) {
    return jdbc.sql("SELECT * FROM hosts WHERE host_key = ?")
        .param(key)
        .query(HostItemRepository::host)
        .optional();
  }

  Optional<HostRef> hostById(long id) {
    return jdbc.sql("SELECT * FROM hosts WHERE id = ?")
        .param(id)
        .query(HostItemRepository::host)
        .optional();
  }

  List<HostItemRow> rows(long hostId) {
    return jdbc.sql(
            "SELECT item_key, own_item, kind, interval_seconds, enabled, params_json FROM host_items"
                + " WHERE host_id = ? ORDER BY item_key")
        .param(hostId)
        .query(HostItemRepository::row)
        .list();
  }

  Optional<HostItemRow> row(long hostId, String key) {
    return jdbc.sql(
            "SELECT item_key, own_item, kind, interval_seconds, enabled, params_json FROM host_items"
                + " WHERE host_id = ? AND item_key = ?")
        .params(hostId, key)
        .query(HostItemRepository::row)
        .optional();
  }

  void upsert(long hostId, HostItemRow row) {
    String params = row.params() == null ? null : ParamsJson.write(row.params());
    int updated =
        jdbc.sql(
                "UPDATE host_items SET own_item = ?, kind = ?, interval_seconds = ?, enabled = ?,"
                    + " params_json = ? WHERE host_id = ? AND item_key = ?")
            .params(
                row.own(),
                row.kind(),
                row.intervalSeconds(),
                row.enabled(),
                params,
                hostId,
                row.key())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO host_items (host_id, item_key, own_item, kind, interval_seconds,"
                  + " enabled, params_json) VALUES (?, ?, ?, ?, ?, ?, ?)")
          .params(
              hostId,
              row.key(),
              row.own(),
              row.kind(),
              row.intervalSeconds(),
              row.enabled(),
              params)
          .update();
    }
  }

  boolean delete(long hostId, String key) {
    return jdbc.sql("DELETE FROM host_items WHERE host_id = ? AND item_key = ?")
            .params(hostId, key)
            .update()
        > 0;
  }

  private static HostItemRow row(ResultSet rs, int n) throws SQLException {
    return new HostItemRow(
        rs.getString("item_key"),
        rs.getBoolean("own_item"),
        rs.getString("kind"),
        rs.getObject("interval_seconds", Integer.class),
        rs.getObject("enabled", Boolean.class),
        ParamsJson.read(rs.getString("params_json")));
  }

  private static HostRef host(ResultSet rs, int n) throws SQLException {
    return new HostRef(
        rs.getLong("id"),
        rs.getString("host_key"),
        rs.getLong("config_version"),
        hasColumn(rs, "agentless") && rs.getBoolean("agentless"));
  }

  private static boolean hasColumn(ResultSet rs, String name) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      if (meta.getColumnLabel(i).equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
