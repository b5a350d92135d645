package io.vigil.server.notify;

import io.vigil.model.Severity;
import io.vigil.server.alerting.Problem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The delivery queue, its attempts, and the problem states notification has seen. */
@Repository
class DeliveryRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SELECT =
      "SELECT id, problem_id, route_id, recipient_id, channel, kind, level, sequence, status,"
          + " attempts, due_at, next_attempt_at, created_at, sent_at, last_error, dedup_key"
          + " FROM deliveries";

  private final JdbcClient jdbc;

  DeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the problem's latest state; returns the severity notified so far (or null). */
  Severity remember(Problem problem, long now) {
    String json = JSON.writeValueAsString(ProblemSnapshot.of(problem));
    int updated =
        jdbc.sql(
                "UPDATE notify_problems SET status = ?, problem_json = ?, updated_at = ?"
                    + " WHERE problem_id = ?")
            .params(problem.status().name(), json, now, problem.id())
            .update();
    if (updated == 0) {
      try {
        jdbc.sql(
                "INSERT INTO notify_problems (problem_id, status, problem_json, updated_at)"
                    + " VALUES (?, ?, ?, ?)")
            .params(problem.id(), problem.status().name(), json, now)
            .update();
      } catch (DuplicateKeyException raced) {
        return remember(problem, now);
      }
    }
    return jdbc.sql("SELECT notified_severity FROM notify_problems WHERE problem_id = ?")
        .param(problem.id())
        .query(String.class)
        .optional()
        .map(Severity::valueOf)
        .orElse(null);
  }

  void notified(long problemId, Severity severity) {
    jdbc.sql("UPDATE notify_problems SET notified_severity = ? WHERE problem_id = ?")
        .params(severity.name(), problemId)
        .update();
  }

  Optional<Problem> problem(long problemId) {
    return jdbc.sql("SELECT problem_json FROM notify_problems WHERE problem_id = ?")
        .param(problemId)
        .query(String.class)
        .optional()
        .map(json -> JSON.readValue(json, ProblemSnapshot.class).toProblem());
  }

  /** Inserts the planned delivery unless its dedup key exists; true when inserted. */
  boolean plan(Delivery.Plan plan, long now) {
    try {
      jdbc.sql(
              "INSERT INTO deliveries (problem_id, route_id, recipient_id, channel, kind, level,"
                  + " sequence, status, attempts, due_at, next_attempt_at, created_at, dedup_key)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)")
          .params(
              plan.problemId(),
              plan.routeId(),
              plan.recipientId(),
              plan.channel(),
              plan.kind(),
              plan.level(),
              plan.sequence(),
              plan.dueAt(),
              plan.dueAt(),
              now,
              plan.dedupKey())
          .update();
      return true;
    } catch (DuplicateKeyException alreadyPlanned) {
      return false;
    }
  }

  /** Cancels the problem's pending rows of these kinds; returns how many. */
  int cancelPending(long problemId, List<String> kinds, String reason) {
    String in = String.join(",", kinds.stream().map(k -> "'" + k + "'").toList());
    return jdbc.sql(
            "UPDATE deliveries SET status = 'cancelled', last_error = ? WHERE problem_id = ?"
                + " AND status = 'pending' AND kind IN ("
                + in
                + ")")
        .params(reason, problemId)
        .update();
  }

  /**
   * Rows (recipient, channel, route) that got the problem, or will: sent, or a pending problem row.
   */
  List<Delivery.Plan> recoveryTargets(long problemId) {
    return jdbc.sql(
            "SELECT DISTINCT recipient_id, channel, route_id FROM deliveries WHERE problem_id = ?"
                + " AND kind <> 'recovery' AND (status = 'sent'"
                + " OR (status IN ('pending', 'sending') AND kind = 'problem'))"
                + " ORDER BY recipient_id, channel")
        .param(problemId)
        .query(
            (rs, n) -> {
              long routeId = rs.getLong("route_id");
              return new Delivery.Plan(
                  problemId,
                  rs.wasNull() ? null : routeId,
                  rs.getLong("recipient_id"),
                  rs.getString("channel"),
                  "recovery",
                  0,
                  0,
                  0);
            })
        .list();
  }

  /** Whether an earlier notice to the same recipient and channel is still queued. */
  boolean earlierQueued(Delivery d) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM deliveries WHERE problem_id = ? AND recipient_id = ?"
                    + " AND channel = ? AND kind <> 'recovery'"
                    + " AND status IN ('pending', 'sending')")
            .params(d.problemId(), d.recipientId(), d.channel())
            .query(Long.class)
            .single()
        > 0;
  }

  List<Long> due(long now, int limit) {
    return jdbc.sql(
            "SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, id LIMIT "
                + limit)
        .param(now)
        .query(Long.class)
        .list();
  }

  /** Atomically takes a pending row for sending; false when someone else took it first. */
  boolean claim(long id) {
    return jdbc.sql("UPDATE deliveries SET status = 'sending' WHERE id = ? AND status = 'pending'")
            .param(id)
            .update()
        == 1;
  }

  /** Rows a crash left in 'sending' go back to the queue; returns how many. */
  int releaseSending() {
    return jdbc.sql("UPDATE deliveries SET status = 'pending' WHERE status = 'sending'").update();
  }

  Optional<Delivery> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(DeliveryRepository::row).optional();
  }

  List<Delivery> forProblem(long problemId) {
    return jdbc
        .sql(SELECT + " WHERE problem_id = ? ORDER BY id")
        .param(problemId)
        .query(DeliveryRepository::row)
        .list()
        .stream()
        .map(this::withAttempts)
        .toList();
  }

  void attempt(long id, long at, String outcome, String detail) {
    jdbc.sql("INSERT INTO delivery_attempts (delivery_id, at, outcome, detail) VALUES (?, ?, ?, ?)")
        .params(id, at, outcome, truncate(detail))
        .update();
  }

  void sent(long id, int attempts, long at) {
    jdbc.sql(
            "UPDATE deliveries SET status = 'sent', attempts = ?, sent_at = ?, last_error = NULL"
                + " WHERE id = ?")
        .params(attempts, at, id)
        .update();
  }

  void retry(long id, int attempts, long nextAt, String error) {
    jdbc.sql(
            "UPDATE deliveries SET status = 'pending', attempts = ?, next_attempt_at = ?,"
                + " last_error = ? WHERE id = ?")
        .params(attempts, nextAt, truncate(error), id)
        .update();
  }

  /** Puts a claimed row back without counting an attempt (e.g. a recovery waiting its turn). */
  void postpone(long id, long nextAt) {
    jdbc.sql("UPDATE deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ?")
        .params(nextAt, id)
        .update();
  }

  void finish(long id, String status, int attempts, String error) {
    jdbc.sql("UPDATE deliveries SET status = ?, attempts = ?, last_error = ? WHERE id = ?")
        .params(status, attempts, truncate(error), id)
        .update();
  }

  private Delivery withAttempts(Delivery d) {
    List<Delivery.Attempt> attempts =
        jdbc.sql(
                "SELECT at, outcome, detail FROM delivery_attempts WHERE delivery_id = ?"
                    + " ORDER BY id")
            .param(d.id())
            .query(
                (rs, n) ->
                    new Delivery.Attempt(
                        rs.getLong("at"), rs.getString("outcome"), rs.getString("detail")))
            .list();
    return new Delivery(
        d.id(),
        d.problemId(),
        d.routeId(),
        d.recipientId(),
        d.channel(),
        d.kind(),
        d.level(),
        d.sequence(),
        d.status(),
        d.attempts(),
        d.dueAt(),
        d.nextAttemptAt(),
        d.createdAt(),
        d.sentAt(),
        d.lastError(),
        d.dedupKey(),
        attempts);
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
  }

  private static Delivery row(ResultSet rs, int n) throws SQLException {
    long routeId = rs.getLong("route_id");
    Long route = rs.wasNull() ? null : routeId;
    long sentAt = rs.getLong("sent_at");
    Long sent = rs.wasNull() ? null : sentAt;
    return new Delivery(
        rs.getLong("id"),
        rs.getLong("problem_id"),
        route,
        rs.getLong("recipient_id"),
        rs.getString("channel"),
        rs.getString("kind"),
        rs.getInt("level"),
        rs.getInt("sequence"),
        rs.getString("status"),
        rs.getInt("attempts"),
        rs.getLong("due_at"),
        rs.getLong("next_attempt_at"),
        rs.getLong("created_at"),
        sent,
        rs.getString("last_error"),
        rs.getString("dedup_key"),
        List.of());
  }
}
