package io.vigil.server.ingest;

import io.vigil.model.Batch;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import java.time.Instant;

/** Checks what the wire records cannot check alone: timestamps against the server's clock. */
final class BatchValidator {

  private final IngestProperties limits;

  BatchValidator(IngestProperties limits) {
    this.limits = limits;
  }

  void check(Batch batch, Instant now) {
    long oldest = now.minus(limits.maxAge()).toEpochMilli();
    long newest = now.plus(limits.maxFuture()).toEpochMilli();
    for (Point point : batch.points()) {
      if (point.timestamp() < oldest) {
        throw new InvalidInputException(
            point.measurement()
                + ": timestamp "
                + Instant.ofEpochMilli(point.timestamp())
                + " is older than "
                + limits.maxAge().toDays()
                + " days");
      }
      if (point.timestamp() > newest) {
        throw new InvalidInputException(
            point.measurement()
                + ": timestamp "
                + Instant.ofEpochMilli(point.timestamp())
                + " is in the future (check the host's clock)");
      }
    }
  }
}
