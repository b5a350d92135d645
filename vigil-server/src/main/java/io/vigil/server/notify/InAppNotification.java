package io.vigil.server.notify;

/**
 * An in-app notification, as {@code GET /api/v1/notifications} lists it and the SSE event {@code
 * notification} carries it.
 */
public record InAppNotification(
    long id,
    long recipientId,
    long problemId,
    String kind,
    String severity,
    String host,
    String subject,
    String body,
    long at) {}
