package io.vigil.agent.transport;

/**
 * What the agent presents when enrolling.
 *
 * @param enrolmentToken the shared enrolment secret; null when the operator gave none (the agent
 *     then relies on stored agent tokens and cannot recover from a revoked one by itself)
 * @param hostname the host's name
 * @param machineId the stable machine id
 */
public record EnrolmentIdentity(String enrolmentToken, String hostname, String machineId) {
  public boolean canEnrol() {
    return enrolmentToken != null && !enrolmentToken.isBlank();
  }
}
