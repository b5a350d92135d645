package io.vigil.server.alerting;

/** Why a problem must not be notified right now, asked again before every delivery. */
public interface Suppressions {

  /**
   * @return {@code maintenance}, {@code silence} or {@code dependency}, or null when the problem
   *     may be notified at {@code nowMillis}
   */
  String reason(Problem problem, long nowMillis);
}
