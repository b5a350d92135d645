package io.vigil.storage;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * @param measurement table to read
 * @param tags exact-match filter; normally holds {@code host}, may hold e.g. {@code cpu=total}
 * @param fields fields to return; empty means all
 * @param from inclusive start
 * @param to exclusive end
 * @param resolution raw, a rollup, or AUTO to choose by span; STEP when {@code step} is given
 * @param step bucket width of min/avg/max buckets computed from raw points (10 s to 1 day, dividing
 *     a day, at most 10,000 buckets), e.g. a 5-minute view of a day; null for the resolutions' own
 *     buckets
 */
public record RangeQuery(
    String measurement,
    Map<String, String> tags,
    List<String> fields,
    Instant from,
    Instant to,
    Resolution resolution,
    Duration step) {

  public static final int MAX_STEP_BUCKETS = 10_000;

  public RangeQuery(
      String measurement,
      Map<String, String> tags,
      List<String> fields,
      Instant from,
      Instant to,
      Resolution resolution) {
    this(measurement, tags, fields, from, to, resolution, null);
  }

  public RangeQuery {
    Names.requireIdentifier("measurement", measurement);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    tags.forEach(
        (k, v) -> {
          Names.requireIdentifier("tag name", k);
          Names.requireTagValue(k, v);
        });
    fields = fields == null ? List.of() : List.copyOf(fields);
    fields.forEach(f -> Names.requireIdentifier("field name", f));
    if (from == null || to == null || !from.isBefore(to)) {
      throw new InvalidInputException("from must be before to");
    }
    resolution = resolution == null ? Resolution.AUTO : resolution;
    if (step != null) {
      if (resolution != Resolution.AUTO && resolution != Resolution.STEP) {
        throw new InvalidInputException("a step goes with resolution step (or auto)");
      }
      if (step.compareTo(Duration.ofSeconds(10)) < 0
          || step.compareTo(Duration.ofDays(1)) > 0
          || step.getNano() != 0
          || Duration.ofDays(1).toSeconds() % step.toSeconds() != 0) {
        throw new InvalidInputException(
            "step must be whole seconds between 10s and 1d that divide a day, e.g. 1m, 5m, 1h");
      }
      if (Duration.between(from, to).dividedBy(step) > MAX_STEP_BUCKETS) {
        throw new InvalidInputException(
            "at most " + MAX_STEP_BUCKETS + " buckets: choose a larger step or a shorter range");
      }
      resolution = Resolution.STEP;
    } else if (resolution == Resolution.STEP) {
      throw new InvalidInputException("resolution step needs a step");
    }
  }

  /** Bucket width in milliseconds: the step, or the resolution's own (0 for raw). */
  public long bucketMillis() {
    return step != null ? step.toMillis() : effectiveResolution().bucket().toMillis();
  }

  /** For bucketed reads: the start of the first bucket starting at or after {@code from}. */
  public Instant firstBucketStart() {
    long width = bucketMillis();
    return Instant.ofEpochMilli(Math.ceilDiv(from.toEpochMilli(), width) * width);
  }

  /** For bucketed reads: the end of the last bucket starting before {@code to}. */
  public Instant lastBucketEnd() {
    long width = bucketMillis();
    return Instant.ofEpochMilli(Math.floorDiv(to.toEpochMilli() - 1, width) * width + width);
  }

  /** The resolution actually used: AUTO resolved by the span. */
  public Resolution effectiveResolution() {
    return resolution == Resolution.AUTO
        ? Resolution.forSpan(Duration.between(from, to))
        : resolution;
  }
}
