package io.vigil.checks.http;

import java.io.IOException;

/** The peer sent something that is not a well-formed HTTP/1.x response (or stopped mid-way). */
public final class HttpProtocolException extends IOException {

  private static final long serialVersionUID = 1L;

  public HttpProtocolException(String message) {
    super(message);
  }
}
