package io.vigil.storage;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One field of many series folded into one series per time bucket: "the average CPU of all hosts
 * per minute", "the requests/s of a pool". Each series is first reduced to its average in the
 * bucket (or its minimum / maximum for MIN / MAX), then the series' values are combined, so a
 * series that reports more often does not weigh more — the semantics of PromQL's {@code
 * avg(avg_over_time(…))}.
 *
 * @param measurement table to read
 * @param field the field to fold
 * @param tags exact-match filter besides the hosts, e.g. {@code cpu=total}; may be empty
 * @param hosts the hosts whose series count; empty means every host
 * @param function how the series' bucket values combine
 * @param step bucket width, 10 s to 1 day in whole seconds that divide a day (10s, 15s, 1m, 5m, 1h,
 *     …); buckets are aligned to the epoch
 * @param from inclusive start (the first bucket is the one starting at or after it)
 * @param to exclusive end
 */
public record AggregateQuery(
    String measurement,
    String field,
    Map<String, String> tags,
    List<String> hosts,
    Function function,
    Duration step,
    Instant from,
    Instant to) {

  public static final int MAX_BUCKETS = 10_000;

  /** How the series' values of one bucket combine into one. */
  public enum Function {
    /** the mean of the series' averages */
    AVG,
    /** the smallest of the series' minima */
    MIN,
    /** the largest of the series' maxima */
    MAX,
    /** the sum of the series' averages (e.g. the requests/s of several servers) */
    SUM,
    /** how many series had data in the bucket */
    COUNT
  }

  public AggregateQuery {
    Names.requireIdentifier("measurement", measurement);
    Names.requireIdentifier("field", field);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    tags.forEach(
        (k, v) -> {
          Names.requireIdentifier("tag name", k);
          Names.requireTagValue(k, v);
        });
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    if (hosts.size() > GroupQuery.MAX_HOSTS) {
      throw new InvalidInputException("at most " + GroupQuery.MAX_HOSTS + " hosts");
    }
    hosts.forEach(h -> Names.requireTagValue("host", h));
    if (function == null) {
      throw new InvalidInputException("name a function: avg, min, max, sum or count");
    }
    if (step == null
        || step.compareTo(Duration.ofSeconds(10)) < 0
        || step.compareTo(Duration.ofDays(1)) > 0
        || step.getNano() != 0
        || Duration.ofDays(1).toSeconds() % step.toSeconds() != 0) {
      throw new InvalidInputException(
          "step must be whole seconds between 10s and 1d that divide a day, e.g. 1m, 5m, 1h");
    }
    if (from == null || to == null || !from.isBefore(to)) {
      throw new InvalidInputException("from must be before to");
    }
    if (Duration.between(from, to).dividedBy(step) > MAX_BUCKETS) {
      throw new InvalidInputException(
          "at most " + MAX_BUCKETS + " buckets: choose a larger step or a shorter range");
    }
  }

  /** The first bucket's start: the first multiple of the step at or after {@code from}. */
  public long firstBucketMillis() {
    long step = this.step.toMillis();
    return Math.ceilDiv(from.toEpochMilli(), step) * step;
  }
}
