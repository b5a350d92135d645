package io.vigil.server.items;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Templates, their items and their links to host groups and hosts. */
@Repository
class TemplateRepository implements NamedTable<TemplateRepository.TemplateRow> {

  /** A template row with its item count. */
  record TemplateRow(long id, String name, String description, boolean builtin, int itemCount)
      implements NamedTable.Row {}

  private final JdbcClient jdbc;
  private final JoinTable groupLinks;
  private final JoinTable hostLinks;

  TemplateRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
    this.groupLinks = new JoinTable(jdbc, "template_groups", "template_id", "group_id");
    this.hostLinks = new JoinTable(jdbc, "template_hosts", "template_id", "host_id");
  }

  @Override
  public String targetType() {
    return "template";
  }

  @Override
  public String noun() {
    return "template";
  }

  private static final String SELECT =
      "SELECT t.id, t.name, t.description, t.builtin,"
          + " (SELECT COUNT(*) FROM template_items i WHERE i.template_id = t.id) AS item_count"
          + " FROM templates t";

  List<TemplateRow> findAll() {
    return jdbc.sql(SELECT + " ORDER BY t.name").query(TemplateRepository::row).list();
  }

  @Override
  public Optional<TemplateRow> find(long id) {
    return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(TemplateRepository::row).optional();
  }

  @Override
  public boolean nameExists(String name) {
    return jdbc.sql("SELECT COUNT(*) FROM templates WHERE name = ?")
            .param(name)
            .query(Long.class)
            .single()
        > 0;
  }

  @Override
  public long insert(String name, String description) {
    return insert(name, description, false);
  }

  long insert(String name, String description, boolean builtin) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO templates (name, description, builtin, created_at) VALUES (?, ?, ?, ?)")
        .params(name, description, builtin, OffsetDateTime.now(ZoneOffset.UTC))
        .update(keys, "id");
    return keys.getKeyAs(Long.class);
  }

  @Override
  public void update(long id, String name, String description) {
    jdbc.sql("UPDATE templates SET name = ?, description = ? WHERE id = ?")
        .params(name, description, id)
        .update();
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM templates WHERE id = ?").param(id).update();
  }

  List<StoredItem> items(long templateId) {
    return jdbc.sql(
            "SELECT item_key, kind, interval_seconds, enabled, params_json FROM template_items"
                + " WHERE template_id = ? ORDER BY item_key")
        .param(templateId)
        .query(TemplateRepository::item)
        .list();
  }

  Optional<StoredItem> item(long templateId, String key) {
    return jdbc.sql(
            "SELECT item_key, kind, interval_seconds, enabled, params_json FROM template_items"
                + " WHERE template_id = ? AND item_key = ?")
        .params(templateId, key)
        .query(TemplateRepository::item)
        .optional();
  }

  void upsertItem(long templateId, StoredItem item) {
    int updated =
        jdbc.sql(
                "UPDATE template_items SET kind = ?, interval_seconds = ?, enabled = ?,"
                    + " params_json = ? WHERE template_id = ? AND item_key = ?")
            .params(
                item.kind(),
                item.intervalSeconds(),
                item.enabled(),
                ParamsJson.write(item.params()),
                templateId,
                item.key())
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO template_items (template_id, item_key, kind, interval_seconds, enabled,"
                  + " params_json) VALUES (?, ?, ?, ?, ?, ?)")
          .params(
              templateId,
              item.key(),
              item.kind(),
              item.intervalSeconds(),
              item.enabled(),
              ParamsJson.write(item.params()))
          .update();
    }
  }

  boolean deleteItem(long templateId, String key) {
    return jdbc.sql("DELETE FROM template_items WHERE template_id = ? AND item_key = ?")
            .params(templateId, key)
            .update()
        > 0;
  }

  List<Ref> groups(long templateId) {
    return jdbc.sql(
            "SELECT g.id, g.name FROM host_groups g JOIN template_groups tg ON tg.group_id = g.id"
                + " WHERE tg.template_id = ? ORDER BY g.name")
        .param(templateId)
        .query((rs, n) -> new Ref(rs.getLong("id"), rs.getString("name")))
        .list();
  }

  List<String> hostKeys(long templateId) {
    return jdbc.sql(
            "SELECT h.host_key FROM hosts h JOIN template_hosts th ON th.host_id = h.id"
                + " WHERE th.template_id = ? ORDER BY h.host_key")
        .param(templateId)
        .query(String.class)
        .list();
  }

  boolean linkGroup(long templateId, long groupId) {
    return groupLinks.link(templateId, groupId);
  }

  boolean unlinkGroup(long templateId, long groupId) {
    return groupLinks.unlink(templateId, groupId);
  }

  boolean linkHost(long templateId, long hostId) {
    return hostLinks.link(templateId, hostId);
  }

  boolean unlinkHost(long templateId, long hostId) {
    return hostLinks.unlink(templateId, hostId);
  }

  /** Hosts whose effective config includes this template: directly or through a group. */
  List<Long> hostsUsing(long templateId) {
    return jdbc.sql(
            "SELECT host_id FROM template_hosts WHERE template_id = ?"
                + " UNION SELECT m.host_id FROM template_groups tg"
                + " JOIN host_group_members m ON m.group_id = tg.group_id WHERE tg.template_id = ?")
        .params(templateId, templateId)
        .query(Long.class)
        .list();
  }

  /** Members of a host group. */
  List<Long> groupMembers(long groupId) {
    return jdbc.sql("SELECT host_id FROM host_group_members WHERE group_id = ?")
        .param(groupId)
        .query(Long.class)
        .list();
  }

  Optional<Ref> group(long groupId) {
    return jdbc.sql("SELECT id, name FROM host_groups WHERE id = ?")
        .param(groupId)
        .query((rs, n) -> new Ref(rs.getLong("id"), rs.getString("name")))
        .optional();
  }

  Optional<Ref> groupByName(String name) {
    return jdbc.sql("SELECT id, name FROM host_groups WHERE name = ?")
        .param(name)
        .query((rs, n) -> new Ref(rs.getLong("id"), rs.getString("name")))
        .optional();
  }

  private static TemplateRow row(ResultSet rs, int n) throws SQLException {
    return new TemplateRow(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getBoolean("builtin"),
        rs.getInt("item_count"));
  }

  static StoredItem item(ResultSet rs, int n) throws SQLException {
    int interval = rs.getInt("interval_seconds");
    return new StoredItem(
        rs.getString("item_key"),
        rs.getString("kind"),
        interval,
        rs.getBoolean("enabled"),
        ParamsJson.read(rs.getString("params_json")));
  }
}
