package io.vigil.server.ingest;

import io.vigil.model.CheckResult;
import io.vigil.model.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Check results as store points, so their history is queried like any other series: one point of
 * {@value #CHECK} per result (tags {@code check} = item, {@code kind}; fields {@code status} = the
 * Nagios exit code and {@code duration_ms}) and one point of {@value #CHECK_METRIC} per metric
 * (tags {@code check}, {@code metric}; field {@code value}).
 */
public final class CheckPoints {

  public static final String CHECK = "check";
  public static final String CHECK_METRIC = "check_metric";

  private CheckPoints() {}

  /** The points of these results, each stamped with the host tag. */
  public static List<Point> of(String hostKey, List<CheckResult> results) {
    List<Point> points = new ArrayList<>(results.size() * 2);
    for (CheckResult result : results) {
      points.add(
          new Point(
              CHECK,
              Map.of(Point.HOST_TAG, hostKey, "check", result.item(), "kind", result.kind()),
              Map.of(
                  "status",
                  (double) result.status().exitCode(),
                  "duration_ms",
                  result.durationMs()),
              result.timestamp()));
      for (Map.Entry<String, Double> metric : result.metrics().entrySet()) {
        points.add(
            new Point(
                CHECK_METRIC,
                Map.of(Point.HOST_TAG, hostKey, "check", result.item(), "metric", metric.getKey()),
                Map.of("value", metric.getValue()),
                result.timestamp()));
      }
    }
    return points;
  }
}
