package io.vigil.model;

/** A wire value broke a validation rule; the message is safe to return to the sender. */
public class InvalidInputException extends IllegalArgumentException {
  public InvalidInputException(String message) {
    super(message);
  }
}
