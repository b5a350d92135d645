package io.vigil.server.notify;

import io.vigil.server.auth.HostAccess;
import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log of a problem and the in-app notifications. */
@RestController
class DeliveryController {

  private final DeliveryRepository deliveries;
  private final JdbcClient jdbc;
  private final HostAccess hostAccess;

  DeliveryController(DeliveryRepository deliveries, JdbcClient jdbc, HostAccess hostAccess) {
    this.deliveries = deliveries;
    this.jdbc = jdbc;
    this.hostAccess = hostAccess;
  }

  @GetMapping("/api/v1/deliveries")
  List<Delivery> deliveries(@RequestParam long problem) {
    if (!hostAccess.current().all()) {
      jdbc.sql("SELECT host_key FROM problems WHERE id = ?")
          .param(problem)
          .query(String.class)
          .optional()
          .ifPresent(hostAccess::requireHost);
    }
    return deliveries.forProblem(problem);
  }

  /** Newest first; {@code before} pages by id. */
  @GetMapping("/api/v1/notifications")
  List<InAppNotification> notifications(
      @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Long before) {
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("limit must be 1..1000");
    }
    // Users scoped to host groups see only the notifications of their hosts.
    HostScope scope = hostAccess.current();
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (before != null) {
      where.add("id < ?");
      params.add(before);
    }
    if (!scope.all()) {
      if (scope.hostKeys().isEmpty()) {
        return List.of();
      }
      where.add(
          "host_key IN ("
              + String.join(", ", scope.hostKeys().stream().map(h -> "?").toList())
              + ")");
      params.addAll(scope.hostKeys());
    }
    JdbcClient.StatementSpec spec =
        jdbc.sql(
                "SELECT id, recipient_id, problem_id, kind, severity, host_key, subject, body,"
                    + " created_at FROM notifications"
                    + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                    + " ORDER BY id DESC LIMIT "
                    + limit)
            .params(params);
    return spec.query(
            (rs, n) ->
                new InAppNotification(
                    rs.getLong("id"),
                    rs.getLong("recipient_id"),
                    rs.getLong("problem_id"),
                    rs.getString("kind"),
                    rs.getString("severity"),
                    rs.getString("host_key"),
                    rs.getString("subject"),
                    rs.getString("body"),
                    rs.getLong("created_at")))
        .list();
  }
}
