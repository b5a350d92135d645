package io.vigil.server.notify;

/** A way to reach a recipient. Implementations are Spring beans found by {@link #name()}. */
public interface Channel {

  /** {@code email}, {@code sms}, {@code webhook} or {@code in_app}. */
  String name();

  /**
   * Sends one message; returns normally only when the peer accepted it.
   *
   * @param deliveryId the delivery's id, for idempotency keys the peer may honour
   * @throws Exception any failure; the dispatcher records it and retries
   */
  void send(Recipient recipient, Message message, long deliveryId) throws Exception;

  /** Null when usable, else why not (e.g. no SMTP host configured): fails deliveries at once. */
  default String notConfigured() {
    return null;
  }
}
