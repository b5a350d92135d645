package io.vigil.server.web;

import org.springframework.http.HttpStatus;

/** An expected failure with a status and a message meant for the caller. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final long retryAfterSeconds;

  public ApiException(HttpStatus status, String code, String message) {
    this(status, code, message, 0);
  }

  /** A failure worth retrying: answered with {@code Retry-After} (when positive). */
  public ApiException(HttpStatus status, String code, String message, long retryAfterSeconds) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds for {@code Retry-After}; 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
  }
}
