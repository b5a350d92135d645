package io.vigil.server.web;

import io.vigil.model.ApiError;
import io.vigil.model.InvalidInputException;
import io.vigil.server.ingest.IngestPipeline;
import io.vigil.storage.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure leaves as {@link ApiError} JSON with a 4xx/5xx status, never a stack trace. */
@RestControllerAdvice
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    if (e.retryAfterSeconds() > 0) {
      return ResponseEntity.status(e.status())
          .header("Retry-After", Long.toString(e.retryAfterSeconds()))
          .contentType(MediaType.APPLICATION_JSON)
          .body(new ApiError(e.code(), e.getMessage()));
    }
    return error(e.status(), e.code(), e.getMessage());
  }

  @ExceptionHandler(IngestPipeline.UnavailableException.class)
  ResponseEntity<ApiError> unavailable(IngestPipeline.UnavailableException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError("unavailable", e.getMessage()));
  }

  /** The config database cannot be reached or closed itself (full disk): retry, not a bug. */
  @ExceptionHandler(DataAccessResourceFailureException.class)
  ResponseEntity<ApiError> databaseUnavailable(DataAccessResourceFailureException e) {
    log.warn("The config database is unavailable: {}", e.getMostSpecificCause().toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .body(
            new ApiError("unavailable", "The config database is unavailable; try again shortly."));
  }

  /** The remote metrics store cannot be reached: retry, not a bug; where it lives stays here. */
  @ExceptionHandler(StoreUnavailableException.class)
  ResponseEntity<ApiError> storeUnavailable(StoreUnavailableException e) {
    log.warn("The metrics store is unavailable: {}", e.getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .body(new ApiError("unavailable", "The metrics store is unavailable; try again shortly."));
  }

  /**
   * The config database gave up waiting for a lock or a query (many writers at once): the work was
   * rolled back and can be sent again, so say so instead of reporting a server fault.
   */
  @ExceptionHandler(TransientDataAccessException.class)
  ResponseEntity<ApiError> databaseBusy(TransientDataAccessException e) {
    log.warn("The config database is busy: {}", e.getMostSpecificCause().toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "2")
        .body(new ApiError("unavailable", "The config database is busy; try again shortly."));
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ApiError> invalid(InvalidInputException e) {
    return error(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidInputException invalid) {
        return invalid(invalid);
      }
    }
    return error(HttpStatus.BAD_REQUEST, "invalid_request", "The request body is not valid JSON.");
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<ApiError> badParameter(Exception e) {
    String message =
        e instanceof MethodArgumentTypeMismatchException mismatch
            ? "parameter " + mismatch.getName() + " has the wrong type"
            : e.getMessage();
    return error(HttpStatus.BAD_REQUEST, "invalid_request", message);
  }

  /** Query parameters bound to a record (e.g. a report's) that do not convert to their type. */
  @ExceptionHandler(BindException.class)
  ResponseEntity<ApiError> badParameters(BindException e) {
    String names =
        e.getFieldErrors().stream()
            .map(FieldError::getField)
            .distinct()
            .collect(java.util.stream.Collectors.joining(", "));
    return error(
        HttpStatus.BAD_REQUEST, "invalid_request", "parameter(s) with the wrong type: " + names);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
    return error(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send application/json.");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
    return error(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMessage());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
    return error(HttpStatus.NOT_FOUND, "not_found", "No such resource.");
  }

  /** A browser closed its live stream: nothing to answer and nothing worth logging. */
  @ExceptionHandler(AsyncRequestNotUsableException.class)
  void clientGone(AsyncRequestNotUsableException e) {
    log.debug("Client disconnected: {}", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e) {
    log.error("Unexpected error while serving a request", e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_error",
        "Unexpected server error; see the log.");
  }

  /**
   * Always JSON, whatever the request accepts: an InfluxDB client asking for msgpack must still
   * learn why it was refused.
   */
  private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new ApiError(code, message));
  }
}
