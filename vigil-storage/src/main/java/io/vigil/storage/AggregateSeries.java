package io.vigil.storage;

/**
 * The answer to an {@link AggregateQuery}: one value per bucket that had data.
 *
 * @param timestamps bucket starts, epoch millis, ascending
 * @param values the folded value of each bucket
 */
public record AggregateSeries(long[] timestamps, double[] values) {

  public AggregateSeries {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("one value per timestamp");
    }
  }

  public static AggregateSeries empty() {
    return new AggregateSeries(new long[0], new double[0]);
  }
}
