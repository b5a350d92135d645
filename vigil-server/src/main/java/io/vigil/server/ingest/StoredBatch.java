package io.vigil.server.ingest;

import io.vigil.model.CheckResult;
import io.vigil.model.Point;
import java.util.List;

/**
 * What one request (or one server-side check run) made durable in the store.
 *
 * @param hostKey the host it belongs to
 * @param points the batch's own points, each carrying the host tag (the {@code check} and {@code
 *     check_metric} points derived from the check results are stored but not repeated here)
 * @param checks the check results, stored as points of {@code check} and {@code check_metric}
 */
public record StoredBatch(String hostKey, List<Point> points, List<CheckResult> checks) {

  public StoredBatch {
    points = points == null ? List.of() : points;
    checks = checks == null ? List.of() : checks;
  }

  /** A batch of points only. */
  public StoredBatch(String hostKey, List<Point> points) {
    this(hostKey, points, List.of());
  }
}
