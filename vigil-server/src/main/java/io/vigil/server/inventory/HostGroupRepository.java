package io.vigil.server.inventory;

import io.vigil.server.items.JoinTable;
import io.vigil.server.items.NamedTable;
import io.vigil.server.items.Ref;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Host groups and their members. */
@Repository
class HostGroupRepository implements NamedTable<HostGroupRepository.GroupRow> {

  /** The group every enrolled host joins (created by migration V2; operators may rename it). */
  static final String ALL_HOSTS_GROUP = "Linux servers";

  /** A host group row. */
  record GroupRow(long id, String name, String description) implements NamedTable.Row {}

  private static final String SELECT = "SELECT id, name, description FROM host_groups";

  private final JdbcClient jdbc;
  private final JoinTable members;

  HostGroupRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.members = new JoinTable(jdbc, "host_group_members", "group_id", "host_id");
  }

  @Override
  public String targetType() {
    return "host_group";
  }

  @Override
  public String noun() {
    return "host group";
  }

  List<GroupRow> findAll() {
    return jdbc.sql(SELECT + " ORDER BY name").query(HostGroupRepository::row).list();
  }

  @Override
  public Optional<GroupRow> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(HostGroupRepository::row).optional();
  }

  Optional<Long> idByName(String name) {
    return jdbc.sql("SELECT id FROM host_groups WHERE name = ?")
        .param(name)
        .query(Long.class)
        .optional();
  }

  @Override
  public boolean nameExists(String name) {
    return idByName(name).isPresent();
  }

  @Override
  public long insert(String name, String description) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO host_groups (name, description, created_at) VALUES (?, ?, ?)")
        .params(name, description, OffsetDateTime.now(ZoneOffset.UTC))
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  @Override
  public void update(long id, String name, String description) {
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
    return members.link(groupId, hostId);
  }

  boolean removeMember(long groupId, long hostId) {
    return members.unlink(groupId, hostId);
  }

  private static GroupRow row(ResultSet rs, int n) throws SQLException {
    return new GroupRow(rs.getLong("id"), rs.getString("name"), rs.getString("description"));
  }
}
