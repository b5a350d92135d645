package io.vigil.storage;

import io.vigil.model.Point;
import java.util.List;

/**
 * The time-series store behind Vigil. Points are measurements with tags and fields; every point
 * written carries a {@code host} tag. Writes come from one writer thread (the ingest pipeline's
 * single writer); queries may come from any thread at any time and never block writes.
 */
public interface MetricStore extends AutoCloseable {

  /**
   * Appends the points and returns once they are durable (a crash of this process after the return
   * loses none of them). Writing the same point twice (same measurement, timestamp and tags) keeps
   * one row, so an agent re-sending a batch after a lost acknowledgement creates no duplicates.
   */
  void write(List<Point> points);

  /** Values of some fields of one measurement over a time range, raw or from a rollup. */
  RangeResult range(RangeQuery query);

  /** The most recent point of every series of a measurement for one host. */
  List<Point> latest(String host, String measurement);

  /** Hosts ranked by an aggregate of one field over a window, highest first. */
  List<TopEntry> top(TopQuery query);

  /**
   * Totals per value of one tag over a range, largest first, ties by key (top URLs, visitors). Only
   * raw rows count, so the range is limited by the raw retention. A measurement, tag or host that
   * does not exist matches nothing (an empty list, not an error); rows without the group-by tag are
   * left out. Engines that cannot answer it throw {@link UnsupportedOperationException}.
   */
  default List<GroupRow> group(GroupQuery query) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot group");
  }

  /**
   * One field of many series folded into one series per bucket (see {@link AggregateQuery}); a
   * missing measurement, field or tag gives an empty series.
   */
  AggregateSeries aggregate(AggregateQuery query);

  /** Measurements that exist in the store. */
  List<String> measurements();

  /** Disk space used by the store, for the storage screen and benchmarks. */
  long diskUsageBytes();

  /**
   * Disk space per measurement (its raw data and its rollups), largest first. Engines that cannot
   * tell (a remote store) return an empty list; {@link #diskUsageBytes()} still gives the total.
   */
  default List<MeasurementDiskUsage> diskUsageByMeasurement() {
    return List.of();
  }

  /**
   * Resumes tables that a failed background write (a full disk) suspended; what they hold stays and
   * what was queued for them is applied. Returns how many were resumed; engines that cannot be
   * suspended return 0.
   */
  default int resumeSuspended() {
    return 0;
  }

  @Override
  void close();
}
