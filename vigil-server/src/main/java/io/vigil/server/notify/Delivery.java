package io.vigil.server.notify;

import java.util.List;

/**
 * One message owed to one recipient on one channel. Times are epoch millis.
 *
 * @param kind problem, escalation, repeat or recovery
 * @param sequence the severity notified (problem), the repeat number (repeat), else 0
 * @param dueAt when it became due; retries give up {@code give-up-after} past it
 * @param attemptLog filled only when listed through the API
 */
public record Delivery(
    long id,
    long problemId,
    Long routeId,
    long recipientId,
    String channel,
    String kind,
    int level,
    int sequence,
    String status,
    int attempts,
    long dueAt,
    long nextAttemptAt,
    long createdAt,
    Long sentAt,
    String lastError,
    String dedupKey,
    List<Attempt> attemptLog) {

  /** One try to send, and how it went ({@code ok} or {@code error}). */
  public record Attempt(long at, String outcome, String detail) {}

  /** What the planner asks for; the repository assigns id and status. */
  record Plan(
      long problemId,
      Long routeId,
      long recipientId,
      String channel,
      String kind,
      int level,
      int sequence,
      long dueAt) {

    String dedupKey() {
      return problemId
          + ":"
          + recipientId
          + ":"
          + channel
          + ":"
          + kind
          + ":"
          + level
          + ":"
          + sequence;
    }
  }
}
