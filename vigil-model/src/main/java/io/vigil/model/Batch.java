package io.vigil.model;

import java.util.List;

/**
 * What an agent sends in one push. Sequence numbers increase by one per batch and per server, so
 * the server can acknowledge the highest it has durably stored and the agent can drop those from
 * its spool.
 *
 * @param sequence per-agent sequence number, starting at 1
 * @param sentAt epoch millis when the agent built the batch (not re-stamped on re-send)
 * @param inventory present on first contact and whenever the host's inventory changed
 * @param points observations, possibly empty when only the inventory changed
 * @param checks check runs since the previous batch, possibly empty
 */
public record Batch(
    long sequence, long sentAt, Inventory inventory, List<Point> points, List<CheckResult> checks) {

  public static final int MAX_POINTS = 20_000;
  public static final int MAX_CHECKS = 2_000;

  public Batch {
    if (sequence < 1) {
      throw new InvalidInputException("sequence must be >= 1");
    }
    points = points == null ? List.of() : List.copyOf(points);
    if (points.size() > MAX_POINTS) {
      throw new InvalidInputException("a batch holds at most " + MAX_POINTS + " points");
    }
    checks = checks == null ? List.of() : List.copyOf(checks);
    if (checks.size() > MAX_CHECKS) {
      throw new InvalidInputException("a batch holds at most " + MAX_CHECKS + " check results");
    }
  }

  /** A batch of points only. */
  public Batch(long sequence, long sentAt, Inventory inventory, List<Point> points) {
    this(sequence, sentAt, inventory, points, List.of());
  }

  public int sampleCount() {
    int n = 0;
    for (Point p : points) {
      n += p.fields().size();
    }
    return n;
  }
}
