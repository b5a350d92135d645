package io.vigil.agent.collect;

import io.vigil.model.Point;
import java.util.List;

/**
 * One schedulable item: collects the points of one measurement. Implementations keep their OSHI
 * handles and previous counter snapshots between calls; they are called from one thread only.
 */
public interface Collector {

  /** The item key the central config refers to, e.g. {@code cpu}. */
  String key();

  /**
   * Appends this item's points to {@code out}.
   *
   * @param timestampMillis the wall-clock timestamp to stamp on the points
   * @param nanoTime a monotonic reading taken at the same moment, for rates over real elapsed time
   */
  void collect(long timestampMillis, long nanoTime, List<Point> out);
}
