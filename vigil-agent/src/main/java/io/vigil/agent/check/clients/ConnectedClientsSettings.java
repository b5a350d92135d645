package io.vigil.agent.check.clients;

/**
 * @param port the local listening port, 1..65535
 * @param top how many remote addresses to return, 1..100
 * @param establishedWarn WARNING from this many established connections, null for none
 * @param establishedCrit CRITICAL from this many established connections, null for none
 */
public record ConnectedClientsSettings(
    int port, int top, Integer establishedWarn, Integer establishedCrit) {

  public static final int DEFAULT_TOP = 10;
  public static final int MAX_TOP = 100;

  public ConnectedClientsSettings {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    if (top < 1 || top > MAX_TOP) {
      throw new IllegalArgumentException("top must be 1.." + MAX_TOP + ": " + top);
    }
    if (establishedWarn != null && establishedCrit != null && establishedWarn > establishedCrit) {
      throw new IllegalArgumentException("establishedWarn is above establishedCrit");
    }
  }

  /** The top {@value #DEFAULT_TOP} clients of {@code port}, no thresholds. */
  public static ConnectedClientsSettings of(int port) {
    return new ConnectedClientsSettings(port, DEFAULT_TOP, null, null);
  }
}
