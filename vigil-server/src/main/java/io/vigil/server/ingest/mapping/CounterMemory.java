package io.vigil.server.ingest.mapping;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The previous values of counters, per series, so that mappings can turn counters (bytes received
 * since boot) into the per-second rates Vigil stores. Bounded: at most {@code maxSeries} series are
 * remembered (a series beyond it gets no rates until old ones are forgotten), and series not seen
 * for a while are forgotten by {@link #forgetOlderThan}. A series is identified by a 64-bit hash of
 * host, rule, measurement and tags; a collision could only mix two series' rates.
 */
final class CounterMemory {

  private static final Logger log = LoggerFactory.getLogger(CounterMemory.class);

  /** The counters of one series at one instant; {@code seenAt} is the server's clock. */
  record Snapshot(long timestamp, double[] values, long seenAt) {}

  private final int maxSeries;
  private final Map<Long, Snapshot> bySeries = new ConcurrentHashMap<>();
  private final AtomicBoolean warned = new AtomicBoolean();

  CounterMemory(int maxSeries) {
    this.maxSeries = maxSeries;
  }

  /** Stores the series' counters now and returns the previous ones, or null. */
  Snapshot swap(long series, long timestamp, double[] values) {
    Snapshot now = new Snapshot(timestamp, values, System.currentTimeMillis());
    if (bySeries.size() >= maxSeries && !bySeries.containsKey(series)) {
      if (warned.compareAndSet(false, true)) {
        log.warn(
            "More than {} counter series (vigil.mapping.max-counter-series): new ones get no rates"
                + " until old ones are forgotten",
            maxSeries);
      }
      return null;
    }
    Snapshot before = bySeries.put(series, now);
    // An older sample arriving late must not replace a newer one.
    if (before != null && before.timestamp() > timestamp) {
      bySeries.put(series, before);
      return null;
    }
    return before;
  }

  /** Forgets series last seen before {@code cutoff} (server clock, epoch millis). */
  void forgetOlderThan(long cutoff) {
    bySeries.values().removeIf(snapshot -> snapshot.seenAt() < cutoff);
    if (bySeries.size() < maxSeries) {
      warned.set(false);
    }
  }

  int size() {
    return bySeries.size();
  }

  /** Per-second rate between two counter readings; NaN when unknown, reset or out of order. */
  static double rate(double before, double now, long beforeMillis, long nowMillis) {
    if (Double.isNaN(before) || Double.isNaN(now) || nowMillis <= beforeMillis || now < before) {
      return Double.NaN;
    }
    return (now - before) * 1000.0 / (nowMillis - beforeMillis);
  }
}
