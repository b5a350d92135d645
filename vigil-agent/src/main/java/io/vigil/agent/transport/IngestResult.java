package io.vigil.agent.transport;

import io.vigil.model.IngestAck;

/** How the server answered one batch, reduced to what the sender must do next. */
public sealed interface IngestResult {

  /** Stored: delete everything up to the acknowledged sequence. */
  record Acked(IngestAck ack) implements IngestResult {}

  /** 400/413/415/422: this batch will never be accepted; move it aside. */
  record Rejected(int status, String message) implements IngestResult {}

  /** 401/403: the agent token is no longer valid. */
  record Unauthorized(int status, String message) implements IngestResult {}

  /**
   * Connection failure, timeout, 429, 5xx or anything unexpected: keep it and retry later, after
   * {@code retryAfterMillis} when the server said how long (its {@code Retry-After}), else 0.
   */
  record RetryLater(String reason, long retryAfterMillis) implements IngestResult {
    RetryLater(String reason) {
      this(reason, 0);
    }
  }
}
