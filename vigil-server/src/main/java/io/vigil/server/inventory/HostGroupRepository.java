package io.vigil.server.inventory;

import io.vigil.server.items.Ref;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Host groups and their members. */
@Repository
class HostGroupRepository {

  /** The group every enrolled host joins (created by migration V2; operators may rename it). */
  static final String ALL_HOSTS_GROUP = "Linux servers";

  /** A host group row. */
  record GroupRow(long id, String name, String description) {}

  private final JdbcClient jdbc;

  HostGroupRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<GroupRow> findAll() {
    return jdbc.sql("SELECT id, name, description FROM host_groups ORDER BY name")
        .query(
            (rs, n) ->
                new GroupRow(rs.getLong("id"), rs.getString("name"), rs.getString("description")))
        .list();
  }

  Optional<GroupRow> find(long id) {
    return jdbc.sql("SELECT id, name, description FROM host_groups WHERE id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new GroupRow(rs.getLong("id"), rs.getString("name"), rs.getString("description")))
        .optional();
  }

  Optional<Long> idByName(String name) {
    return jdbc.sql("SELECT id FROM host_groups WHERE name = ?")
        .param(name)
        .query(Long.class)
        .optional();
  }

  long insert(String name, String description) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO host_groups (name, description, created_at) VALUES (?, ?, ?)")
        .params(name, description, OffsetDateTime.now(ZoneOffset.UTC))
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  void update(long id, String name, String description) {
    jdbc.sql("UPDATE host_groups SET name = ?, description = ? WHERE id = ?")
        .params(name, description, id)
        .update();
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM host_groups WHERE id = ?").param(id).update();
  }

  List<String> memberKeys(long groupId) {
    return jdbc.sql(
            "SELECT h.host_key FROM hosts h JOIN host_group_members m ON m.host_id = h.id"
                + " WHERE m.group_id = ? ORDER BY h.host_key")
        .param(groupId)
        .query(String.class)
        .list();
  }

  List<Long> memberIds(long groupId) {
    return jdbc.sql("SELECT host_id FROM host_group_members WHERE group_id = ?")
        .param(groupId)
        .query(Long.class)
        .list();
  }

  List<Ref> templates(long groupId) {
    return jdbc.sql(
            "SELECT t.id, t.name FROM templates t JOIN template_groups tg ON tg.template_id = t.id"
                + " WHERE tg.group_id = ? ORDER BY t.id")
        .param(groupId)
        .query((rs, n) -> new Ref(rs.getLong("id"), rs.getString("name")))
        .list();
  }

  boolean addMember(long groupId, long hostId) {
    boolean present =
        jdbc.sql("SELECT COUNT(*) FROM host_group_members WHERE group_id = ? AND host_id = ?")
                .params(groupId, hostId)
                .query(Long.class)
                .single()
            > 0;
    if (present) {
      return false;
    }
    jdbc.sql("INSERT INTO host_group_members (group_id, host_id) VALUES (?, ?)")
        .params(groupId, hostId)
        .update();
    return true;
  }

  boolean removeMember(long groupId, long hostId) {
    return jdbc.sql("DELETE FROM host_group_members WHERE group_id = ? AND host_id = ?")
            .params(groupId, hostId)
            .update()
        > 0;
  }
}
