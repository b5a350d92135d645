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
 * @param receivedAtNanos {@link System#nanoTime()} when the batch reached the pipeline, for
 *     ingest-to-alert latency
 */
public record StoredBatch(
    String hostKey, List<Point> points, List<CheckResult> checks, long receivedAtNanos) {

  public StoredBatch {
    points = points == null ? List.of() : points;
    checks = checks == null ? List.of() : checks;
  }

  /** A batch received now. */
  public StoredBatch(String hostKey, List<Point> points, List<CheckResult> checks) {
    this(hostKey, points, checks, System.nanoTime());
  }

  /** A batch of points only, received now. */
  public StoredBatch(String hostKey, List<Point> points) {
    this(hostKey, points, List.of());
  }
}
