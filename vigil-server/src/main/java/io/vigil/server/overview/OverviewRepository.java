package io.vigil.server.overview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the overview reads from the configuration database: hosts, their group memberships and tags,
 * and the host groups. Three queries for the whole fleet rather than one per host, so a thousand
 * hosts cost the same three round trips as ten.
 */
@Repository
class OverviewRepository {

  /** A host row with what the overview shows and filters on. */
  record HostRow(
      long id, String key, String hostname, String os, boolean agentless, String address) {}

  record GroupRow(long id, String name) {}

  private final JdbcClient jdbc;

  OverviewRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<HostRow> hosts() {
    return jdbc.sql("SELECT id, host_key, hostname, os, agentless, address FROM hosts")
        .query(
            (rs, n) ->
                new HostRow(
                    rs.getLong("id"),
                    rs.getString("host_key"),
                    rs.getString("hostname"),
                    rs.getString("os"),
                    rs.getBoolean("agentless"),
                    rs.getString("address")))
        .list();
  }

  Optional<Long> hostId(String key) {
    return jdbc.sql("SELECT id FROM hosts WHERE host_key = ?")
        .param(key)
        .query(Long.class)
        .optional();
  }

  /** Host id → the ids of its groups. */
  Map<Long, List<Long>> memberships() {
    Map<Long, List<Long>> result = new HashMap<>();
    jdbc.sql("SELECT group_id, host_id FROM host_group_members ORDER BY group_id")
        .query(
            rs -> {
              result
                  .computeIfAbsent(rs.getLong("host_id"), id -> new ArrayList<>())
                  .add(rs.getLong("group_id"));
            });
    return result;
  }

  /** Host id → its tags, sorted by name. */
  Map<Long, Map<String, String>> tags() {
    Map<Long, Map<String, String>> result = new HashMap<>();
    jdbc.sql("SELECT host_id, name, tag_value FROM host_tags")
        .query(
            rs -> {
              result
                  .computeIfAbsent(rs.getLong("host_id"), id -> new TreeMap<>())
                  .put(rs.getString("name"), rs.getString("tag_value"));
            });
    return result;
  }

  Map<String, String> tags(long hostId) {
    Map<String, String> result = new TreeMap<>();
    jdbc.sql("SELECT name, tag_value FROM host_tags WHERE host_id = ?")
        .param(hostId)
        .query(
            rs -> {
              result.put(rs.getString("name"), rs.getString("tag_value"));
            });
    return result;
  }

  void replaceTags(long hostId, Map<String, String> tags) {
    jdbc.sql("DELETE FROM host_tags WHERE host_id = ?").param(hostId).update();
    tags.forEach(
        (name, value) ->
            jdbc.sql("INSERT INTO host_tags (host_id, name, tag_value) VALUES (?, ?, ?)")
                .params(hostId, name, value)
                .update());
  }

  List<GroupRow> groups() {
    return jdbc.sql("SELECT id, name FROM host_groups ORDER BY name")
        .query((rs, n) -> new GroupRow(rs.getLong("id"), rs.getString("name")))
        .list();
  }
}
