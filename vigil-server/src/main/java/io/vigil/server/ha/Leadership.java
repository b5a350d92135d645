package io.vigil.server.ha;

/**
 * Whether this server is the notification leader: the one that writes problems, sends notifications
 * and scheduled reports. A single server always is.
 */
public interface Leadership {

  boolean isLeader();

  /** True when this server is one of a pair. */
  boolean clustered();
}
