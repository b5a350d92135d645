package io.vigil.server.ingest;

import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import java.time.Instant;

/**
 * Checks what the wire records cannot check alone: timestamps of points and check results against
 * the server's clock (the records check names, lengths and finite numbers themselves).
 */
final class BatchValidator {

  private final IngestProperties limits;

  BatchValidator(IngestProperties limits) {
    this.limits = limits;
  }

  void check(Batch batch, Instant now) {
    long oldest = now.minus(limits.maxAge()).toEpochMilli();
    long newest = now.plus(limits.maxFuture()).toEpochMilli();
    for (Point point : batch.points()) {
      checkTimestamp(point.measurement(), point.timestamp(), oldest, newest);
    }
    for (CheckResult result : batch.checks()) {
      checkTimestamp("check " + result.item(), result.timestamp(), oldest, newest);
    }
  }

  private void checkTimestamp(String what, long timestamp, long oldest, long newest) {
    if (timestamp < oldest) {
      throw new InvalidInputException(
          what
              + ": timestamp "
              + Instant.ofEpochMilli(timestamp)
              + " is older than "
              + limits.maxAge().toDays()
              + " days");
    }
    if (timestamp > newest) {
      throw new InvalidInputException(
          what
              + ": timestamp "
              + Instant.ofEpochMilli(timestamp)
              + " is in the future (check the host's clock)");
    }
  }
}
