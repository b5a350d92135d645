package io.vigil.agent.transport;

/** The server refused the enrolment token (401): retrying with the same token is pointless. */
public final class EnrolmentRefusedException extends Exception {
  public EnrolmentRefusedException(String message) {
    super(message);
  }
}
