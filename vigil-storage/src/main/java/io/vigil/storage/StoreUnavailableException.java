package io.vigil.storage;

/**
 * The store cannot be reached or did not answer in time (a remote engine's server is down,
 * overloaded or refused our credentials). Nothing was lost: a write that fails so is not
 * acknowledged, and the caller may retry. The server answers 503 to it.
 */
public class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message) {
    super(message);
  }

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
