package io.vigil.agent.check.clients;

import io.vigil.checks.CheckOutcome;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ConnectedClientsCheck} run: the outcome (metric {@code established}, {@code
 * remote_addresses}) and the remote addresses with the most connections, most first.
 */
public record ConnectedClients(CheckOutcome outcome, List<RemoteCount> top) {

  public ConnectedClients {
    Objects.requireNonNull(outcome, "outcome");
    top = List.copyOf(top);
  }
}
