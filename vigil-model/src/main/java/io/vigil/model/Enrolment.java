package io.vigil.model;

/** Agent enrolment: an enrolment token is traded once for a per-agent token. */
public final class Enrolment {
  private Enrolment() {}

  /**
   * @param enrolmentToken shared secret an operator gave the agent at install time
   * @param hostname the host's name, used as its display name
   * @param machineId a stable identifier of the machine (e.g. /etc/machine-id), so a re-installed
   *     agent finds its host again
   */
  public record Request(String enrolmentToken, String hostname, String machineId) {
    public Request {
      Names.requireText("enrolmentToken", enrolmentToken, 256);
      Names.requireText("hostname", hostname, 253);
      Names.requireText("machineId", machineId, 128);
    }
  }

  /**
   * @param agentId the server's id for this agent
   * @param hostKey the host's key, the {@code host} tag of its data
   * @param agentToken the secret the agent authenticates with from now on (shown only once)
   */
  public record Response(String agentId, String hostKey, String agentToken) {}
}
