package io.vigil.server.alerting;

import io.vigil.model.Severity;
import java.util.Map;

/**
 * A problem as other features see it (notification, the UI's API).
 *
 * @param id database id
 * @param ruleId the rule that raised it
 * @param ruleName the rule's name when it was raised
 * @param hostKey the host
 * @param series the series' tags (without host)
 * @param severity current severity
 * @param status open, acknowledged, resolved or closed
 * @param openedAt epoch millis
 * @param resolvedAt epoch millis, or null while active
 * @param text one line for people
 * @param value the deciding value, NaN when none
 * @param suppressed why it is not notified (maintenance, silence, dependency), or null
 * @param acknowledgedBy user name, or null
 * @param ackComment the acknowledgement's comment, or null
 */
public record Problem(
    long id,
    long ruleId,
    String ruleName,
    String hostKey,
    Map<String, String> series,
    Severity severity,
    Status status,
    long openedAt,
    Long resolvedAt,
    String text,
    double value,
    String suppressed,
    String acknowledgedBy,
    String ackComment) {

  public enum Status {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED,
    CLOSED;

    /** Open or acknowledged: the condition still holds. */
    public boolean active() {
      return this == OPEN || this == ACKNOWLEDGED;
    }
  }

  public Problem {
    series = series == null ? Map.of() : Map.copyOf(series);
  }
}
