package io.vigil.server.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class HostRepository {

  /** A host row. */
  record HostRow(
      long id,
      String key,
      String hostname,
      String machineId,
      String os,
      String inventoryJson,
      Instant registeredAt,
      Instant lastSeenAt,
      long configVersion,
      boolean agentless,
      String address) {}

  /** Machine ids of agentless hosts start with this; no agent can have one (they are UUIDs). */
  static final String AGENTLESS_MACHINE_PREFIX = "agentless:";

  private static final String COLUMNS =
      "id, host_key, hostname, machine_id, os, inventory_json, registered_at, last_seen_at,"
          + " config_version, agentless, address";

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  HostRepository(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  List<HostRow> findAll() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM hosts ORDER BY host_key").query(this::row).list();
  }

  Optional<HostRow> findByKey(String key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM hosts WHERE host_key = ?")
        .param(key)
        .query(this::row)
        .optional();
  }

  Optional<HostRow> findByMachineId(String machineId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM hosts WHERE machine_id = ?")
        .param(machineId)
        .query(this::row)
        .optional();
  }

  boolean keyExists(String key) {
    return jdbc.sql("SELECT COUNT(*) FROM hosts WHERE host_key = ?")
            .param(key)
            .query(Long.class)
            .single()
        > 0;
  }

  long insert(String key, String hostname, String machineId) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO hosts (host_key, hostname, machine_id, registered_at) VALUES (?, ?, ?, ?)")
        .params(key, hostname, machineId, now())
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  /** A host without an agent, whose port and HTTP checks the server runs itself. */
  long insertAgentless(String key, String hostname, String address) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO hosts (host_key, hostname, machine_id, registered_at, agentless, address)"
                + " VALUES (?, ?, ?, ?, TRUE, ?)")
        .params(
            key, hostname, AGENTLESS_MACHINE_PREFIX + java.util.UUID.randomUUID(), now(), address)
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  List<HostRow> findAgentless() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM hosts WHERE agentless = TRUE ORDER BY host_key")
        .query(this::row)
        .list();
  }

  void updateInventory(long hostId, String hostname, String os, String inventoryJson) {
    jdbc.sql("UPDATE hosts SET hostname = ?, os = ?, inventory_json = ? WHERE id = ?")
        .params(hostname, os, inventoryJson, hostId)
        .update();
  }

  /**
   * One JDBC batch: with thousands of hosts, a statement each would be thousands of round trips.
   */
  void updateLastSeen(Map<String, Instant> lastSeenByKey) {
    List<Object[]> rows = new ArrayList<>(lastSeenByKey.size());
    lastSeenByKey.forEach(
        (key, seen) ->
            rows.add(new Object[] {OffsetDateTime.ofInstant(seen, ZoneOffset.UTC), key}));
    batch.batchUpdate("UPDATE hosts SET last_seen_at = ? WHERE host_key = ?", rows);
  }

  private HostRow row(ResultSet rs, int n) throws SQLException {
    return new HostRow(
        rs.getLong("id"),
        rs.getString("host_key"),
        rs.getString("hostname"),
        rs.getString("machine_id"),
        rs.getString("os"),
        rs.getString("inventory_json"),
        instant(rs, "registered_at"),
        instant(rs, "last_seen_at"),
        rs.getLong("config_version"),
        rs.getBoolean("agentless"),
        rs.getString("address"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
