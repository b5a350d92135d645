package io.vigil.server.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Recipients, recipient groups, their members and on-call windows. */
@Repository
class RecipientRepository {

  private static final String SELECT =
      "SELECT id, name, email, phone, webhook_url, webhook_format, language, enabled"
          + " FROM recipients";

  private final JdbcClient jdbc;

  RecipientRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Recipient> findAll() {
    return jdbc.sql(SELECT + " ORDER BY name").query(this::row).list();
  }

  Optional<Recipient> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(this::row).optional();
  }

  boolean nameTaken(String table, String name, long exceptId) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE name = ? AND id <> ?")
            .params(name, exceptId)
            .query(Long.class)
            .single()
        > 0;
  }

  @Transactional
  long insert(Recipient r) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO recipients (name, email, phone, webhook_url, webhook_format, language,"
                + " enabled) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(
            r.name(),
            r.email(),
            r.phone(),
            r.webhookUrl(),
            r.webhookFormat(),
            r.language(),
            r.enabled())
        .update(keys, "id");
    long id = keys.getKeyAs(Long.class);
    writeOnCall("recipient_id", id, r.onCall());
    return id;
  }

  @Transactional
  boolean update(Recipient r) {
    int rows =
        jdbc.sql(
                "UPDATE recipients SET name = ?, email = ?, phone = ?, webhook_url = ?,"
                    + " webhook_format = ?, language = ?, enabled = ? WHERE id = ?")
            .params(
                r.name(),
                r.email(),
                r.phone(),
                r.webhookUrl(),
                r.webhookFormat(),
                r.language(),
                r.enabled(),
                r.id())
            .update();
    if (rows > 0) {
      writeOnCall("recipient_id", r.id(), r.onCall());
    }
    return rows > 0;
  }

  boolean delete(long id) {
    return jdbc.sql("DELETE FROM recipients WHERE id = ?").param(id).update() > 0;
  }

  List<RecipientGroup> findAllGroups() {
    return jdbc.sql("SELECT id, name FROM recipient_groups ORDER BY name")
        .query((rs, n) -> group(rs.getLong("id"), rs.getString("name")))
        .list();
  }

  Optional<RecipientGroup> findGroup(long id) {
    return jdbc.sql("SELECT id, name FROM recipient_groups WHERE id = ?")
        .param(id)
        .query((rs, n) -> group(rs.getLong("id"), rs.getString("name")))
        .optional();
  }

  @Transactional
  long insertGroup(RecipientGroup g) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO recipient_groups (name) VALUES (?)").param(g.name()).update(keys, "id");
    long id = keys.getKeyAs(Long.class);
    writeMembers(id, g.members());
    writeOnCall("group_id", id, g.onCall());
    return id;
  }

  @Transactional
  boolean updateGroup(RecipientGroup g) {
    int rows =
        jdbc.sql("UPDATE recipient_groups SET name = ? WHERE id = ?")
            .params(g.name(), g.id())
            .update();
    if (rows > 0) {
      writeMembers(g.id(), g.members());
      writeOnCall("group_id", g.id(), g.onCall());
    }
    return rows > 0;
  }

  boolean deleteGroup(long id) {
    return jdbc.sql("DELETE FROM recipient_groups WHERE id = ?").param(id).update() > 0;
  }

  boolean addMember(long groupId, long recipientId) {
    if (memberIds(groupId).contains(recipientId)) {
      return false;
    }
    jdbc.sql("INSERT INTO recipient_group_members (group_id, recipient_id) VALUES (?, ?)")
        .params(groupId, recipientId)
        .update();
    return true;
  }

  boolean removeMember(long groupId, long recipientId) {
    return jdbc.sql("DELETE FROM recipient_group_members WHERE group_id = ? AND recipient_id = ?")
            .params(groupId, recipientId)
            .update()
        > 0;
  }

  /** The enabled recipients of the given ids and groups, each once, in a stable order. */
  List<Recipient> expand(List<Long> recipientIds, List<Long> groupIds) {
    Set<Long> ids = new LinkedHashSet<>(recipientIds);
    for (long groupId : groupIds) {
      ids.addAll(memberIds(groupId));
    }
    List<Recipient> result = new ArrayList<>();
    for (long id : ids) {
      find(id).filter(Recipient::enabled).ifPresent(result::add);
    }
    return result;
  }

  /**
   * Whether the recipient is on call at {@code at}: its own windows decide when it has any, else
   * the windows of its groups; with none at all it is always on call.
   */
  boolean onCall(long recipientId, Instant at) {
    List<OnCall> own = onCallRows("recipient_id = ?", recipientId);
    List<OnCall> windows =
        own.isEmpty()
            ? onCallRows(
                "group_id IN (SELECT group_id FROM recipient_group_members WHERE recipient_id = ?)",
                recipientId)
            : own;
    return windows.isEmpty() || windows.stream().anyMatch(w -> w.covers(at));
  }

  private List<Long> memberIds(long groupId) {
    return jdbc.sql(
            "SELECT recipient_id FROM recipient_group_members WHERE group_id = ?"
                + " ORDER BY recipient_id")
        .param(groupId)
        .query(Long.class)
        .list();
  }

  private RecipientGroup group(long id, String name) {
    return new RecipientGroup(id, name, memberIds(id), onCallRows("group_id = ?", id));
  }

  private void writeMembers(long groupId, List<Long> members) {
    jdbc.sql("DELETE FROM recipient_group_members WHERE group_id = ?").param(groupId).update();
    for (long member : members) {
      jdbc.sql("INSERT INTO recipient_group_members (group_id, recipient_id) VALUES (?, ?)")
          .params(groupId, member)
          .update();
    }
  }

  private void writeOnCall(String owner, long id, List<OnCall> windows) {
    jdbc.sql("DELETE FROM on_call WHERE " + owner + " = ?").param(id).update();
    for (OnCall w : windows) {
      jdbc.sql(
              "INSERT INTO on_call ("
                  + owner
                  + ", days, start_time, end_time, time_zone) VALUES (?, ?, ?, ?, ?)")
          .params(id, w.days(), w.start(), w.end(), w.timeZone())
          .update();
    }
  }

  private List<OnCall> onCallRows(String where, long id) {
    return jdbc.sql(
            "SELECT days, start_time, end_time, time_zone FROM on_call WHERE "
                + where
                + " ORDER BY id")
        .param(id)
        .query(
            (rs, n) ->
                new OnCall(
                    rs.getString("days"),
                    rs.getString("start_time"),
                    rs.getString("end_time"),
                    rs.getString("time_zone")))
        .list();
  }

  private Recipient row(ResultSet rs, int n) throws SQLException {
    long id = rs.getLong("id");
    return new Recipient(
        id,
        rs.getString("name"),
        rs.getString("email"),
        rs.getString("phone"),
        rs.getString("webhook_url"),
        rs.getString("webhook_format"),
        rs.getString("language"),
        rs.getBoolean("enabled"),
        onCallRows("recipient_id = ?", id));
  }
}
