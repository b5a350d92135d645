package io.vigil.agent.check.clients;

/**
 * How many established connections one remote address has to the checked port.
 *
 * @param address the remote address as text ({@code 192.0.2.7}, {@code 2001:db8::1}); IPv4 clients
 *     of a dual-stack listener are shown as IPv4
 */
public record RemoteCount(String address, int connections) {

  public RemoteCount {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("address is required");
    }
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be >= 1: " + connections);
    }
  }
}
