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
 */
public record Batch(long sequence, long sentAt, Inventory inventory, List<Point> points) {

  public static final int MAX_POINTS = 20_000;

  public Batch {
    if (sequence < 1) {
      throw new InvalidInputException("sequence must be >= 1");
    }
    points = points == null ? List.of() : List.copyOf(points);
    if (points.size() > MAX_POINTS) {
      throw new InvalidInputException("a batch holds at most " + MAX_POINTS + " points");
    }
  }

  public int sampleCount() {
    int n = 0;
    for (Point p : points) {
      n += p.fields().size();
    }
    return n;
  }
}
