package io.vigil.agent.collect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Per-second rates of monotonically increasing counters, per key (interface, device, pid), over the
 * real elapsed time between two samples rather than the nominal interval, so a late collection does
 * not inflate the rate.
 *
 * @param <K> what identifies a set of counters
 */
public final class CounterRates<K> {

  private record Sample(long nanoTime, long[] counters) {}

  private final Map<K, Sample> previous = new HashMap<>();

  /**
   * Records the counters and returns their rates since the previous sample of the same key: null on
   * the first sample; an element is NaN when its counter went backwards (reset or wrap).
   */
  public double[] update(K key, long nanoTime, long... counters) {
    Sample before = previous.put(key, new Sample(nanoTime, counters));
    if (before == null || before.counters.length != counters.length) {
      return null;
    }
    long elapsed = nanoTime - before.nanoTime;
    double[] rates = new double[counters.length];
    for (int i = 0; i < counters.length; i++) {
      rates[i] = perSecond(before.counters[i], counters[i], elapsed);
    }
    return rates;
  }

  /** Forgets keys that no longer exist, so a vanished process does not leak. */
  public void retainOnly(Set<K> live) {
    previous.keySet().retainAll(live);
  }

  public int size() {
    return previous.size();
  }

  public static double perSecond(long before, long now, long elapsedNanos) {
    if (elapsedNanos <= 0 || now < before) {
      return Double.NaN;
    }
    return (now - before) * 1e9 / elapsedNanos;
  }
}
