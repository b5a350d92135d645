package io.vigil.server.notify;

import io.vigil.server.web.ApiException;
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

  DeliveryController(DeliveryRepository deliveries, JdbcClient jdbc) {
    this.deliveries = deliveries;
    this.jdbc = jdbc;
  }

  @GetMapping("/api/v1/deliveries")
  List<Delivery> deliveries(@RequestParam long problem) {
    return deliveries.forProblem(problem);
  }

  /** Newest first; {@code before} pages by id. */
  @GetMapping("/api/v1/notifications")
  List<InAppNotification> notifications(
      @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Long before) {
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("limit must be 1..1000");
    }
    JdbcClient.StatementSpec spec =
        jdbc.sql(
            "SELECT id, recipient_id, problem_id, kind, severity, host_key, subject, body,"
                + " created_at FROM notifications"
                + (before == null ? "" : " WHERE id < ?")
                + " ORDER BY id DESC LIMIT "
                + limit);
    if (before != null) {
      spec = spec.param(before);
    }
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
