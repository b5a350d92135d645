package io.vigil.server.notify;

import io.vigil.server.live.LiveHub;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * A row the UI lists ({@code GET /api/v1/notifications}) and the SSE event {@code notification}.
 * One row per delivery, so a delivery sent again after a crash is not shown twice.
 */
@Component
class InAppChannel implements Channel {

  private final JdbcClient jdbc;
  private final LiveHub live;

  InAppChannel(JdbcClient jdbc, LiveHub live) {
    this.jdbc = jdbc;
    this.live = live;
  }

  @Override
  public String name() {
    return "in_app";
  }

  @Override
  public void send(Recipient recipient, Message message, long deliveryId) {
    long now = System.currentTimeMillis();
    String severity = message.problem().severity().name().toLowerCase(Locale.ROOT);
    String host = message.problem().hostKey();
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    try {
      jdbc.sql(
              "INSERT INTO notifications (delivery_id, recipient_id, problem_id, kind, severity,"
                  + " host_key, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              deliveryId,
              recipient.id(),
              message.problem().id(),
              message.kind(),
              severity,
              host,
              message.subject(),
              message.body(),
              now)
          .update(keys, "id");
    } catch (DuplicateKeyException alreadyShown) {
      return;
    }
    live.broadcast(
        "notification",
        host,
        new InAppNotification(
            keys.getKeyAs(Long.class),
            recipient.id(),
            message.problem().id(),
            message.kind(),
            severity,
            host,
            message.subject(),
            message.body(),
            now));
  }
}
