package io.vigil.agent.cli;

/** A command line or config file problem; its message is shown to the operator as is. */
public final class OptionsException extends RuntimeException {
  public OptionsException(String message) {
    super(message);
  }
}
