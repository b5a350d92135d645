package io.vigil.server.web;

import io.vigil.model.ApiError;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised before a controller runs (the firewall refusing an encoded {@code %} or
 * {@code ..} in a path, a malformed request line, a failure in a filter) as {@link ApiError} JSON
 * like every other error, instead of Spring Boot's default body without a message.
 */
@RestController
class ApiErrorController implements ErrorController {

  @RequestMapping(path = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ApiError> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    if (status == null || !status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    String error =
        switch (status) {
          case BAD_REQUEST -> "invalid_request";
          case UNAUTHORIZED -> "unauthorized";
          case FORBIDDEN -> "forbidden";
          case NOT_FOUND -> "not_found";
          case METHOD_NOT_ALLOWED -> "method_not_allowed";
          case CONTENT_TOO_LARGE -> "too_large";
          case INTERNAL_SERVER_ERROR -> "internal_error";
          default -> status.name().toLowerCase(java.util.Locale.ROOT);
        };
    String message =
        status == HttpStatus.BAD_REQUEST
            ? "The request was rejected: check the URL (no encoded '%', '/', '\\' or '..' in paths)"
                + " and the headers."
            : status.getReasonPhrase() + ".";
    return ResponseEntity.status(status).body(new ApiError(error, message));
  }
}
