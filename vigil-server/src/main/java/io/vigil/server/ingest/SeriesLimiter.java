package io.vigil.server.ingest;

import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.Point;
import io.vigil.server.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.springframework.http.HttpStatus;

/**
 * Bounds the cardinality hosts can create: at most {@code maxSeries} distinct series (a measurement
 * and its tag values; a check item and its metrics) per host, and {@code maxTotal} for all hosts
 * together, within each window. A batch that would go past either limit is refused whole, so a
 * runaway agent (e.g. a tag holding a request id) — or a fleet of them — cannot grow the store's
 * series and the server's per-series state without bound.
 *
 * <p>Series are remembered as 64-bit hashes in one open-addressing set per host, at most {@code
 * maxSeries} entries, cleared when the window rolls over (so series that come and go, such as
 * process ids, do not add up forever). A hash collision can only let a series through uncounted.
 */
final class SeriesLimiter {

  private final int maxSeries;
  private final long maxTotal;
  private final long windowNanos;
  private final Map<String, HostSeries> byHost = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();

  SeriesLimiter(int maxSeries, long maxTotal, java.time.Duration window) {
    this.maxSeries = maxSeries;
    this.maxTotal = maxTotal;
    this.windowNanos = window.toNanos();
  }

  /** Series counted in the current windows of all hosts. */
  long total() {
    return total.get();
  }

  /** Records the batch's series for the host, or refuses it (recording none) when over the cap. */
  void admit(String hostKey, Batch batch) {
    admit(hostKey, batch.points(), batch.checks());
  }

  /** Records the points' and results' series for the host, or refuses all (recording none). */
  void admit(String hostKey, List<Point> points, List<CheckResult> checks) {
    HostSeries host = byHost.computeIfAbsent(hostKey, k -> new HostSeries(System.nanoTime()));
    synchronized (host) {
      long now = System.nanoTime();
      if (now - host.windowStart >= windowNanos) {
        total.addAndGet(-host.size);
        host.clear(now);
      }
      // Steady state: every series is known and only the hasher is allocated, once per batch.
      HostSeries fresh = null;
      Hasher hasher = new Hasher();
      int n = points.size() + checks.size();
      for (int i = 0; i < n; i++) {
        long hash = hashAt(points, checks, i, hasher);
        if (host.contains(hash) || (fresh != null && fresh.contains(hash))) {
          continue;
        }
        if (host.size + (fresh == null ? 0 : fresh.size) >= maxSeries) {
          throw tooMany();
        }
        if (fresh == null) {
          fresh = new HostSeries(now);
        }
        fresh.add(hash);
      }
      if (fresh != null) {
        if (total.addAndGet(fresh.size) > maxTotal) {
          total.addAndGet(-fresh.size);
          throw tooManyOverall();
        }
        fresh.forEach(host::add);
      }
    }
  }

  /**
   * Hashes tags and metric names without the per-entry wrappers an entry-set iteration of the
   * records' unmodifiable maps would allocate; one per {@link #admit} call.
   */
  private static final class Hasher implements BiConsumer<String, Object> {
    long tags;
    long metrics;

    @Override
    public void accept(String key, Object value) {
      if (value instanceof String tagValue) {
        tags = mix(mix(tags * 31 + key.hashCode()) * 31 + tagValue.hashCode());
      } else {
        metrics += mix(key.hashCode()); // order-independent
      }
    }
  }

  private static long hashAt(List<Point> points, List<CheckResult> checks, int i, Hasher hasher) {
    if (i < points.size()) {
      Point point = points.get(i);
      hasher.tags = mix(point.measurement().hashCode());
      point.tags().forEach(hasher);
      return hasher.tags;
    }
    CheckResult check = checks.get(i - points.size());
    // The check's metric names become series too; fold them in so a check with ever-new metric
    // names counts as new series.
    hasher.metrics = 0;
    check.metrics().forEach(hasher);
    return mix(mix(0x636865636bL * 31 + check.item().hashCode()) ^ hasher.metrics);
  }

  /** A finaliser of SplitMix64: spreads 32-bit string hashes over 64 bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private ApiException tooMany() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "too_many_series",
        "this host sent more than "
            + maxSeries
            + " distinct series (measurement and tag values) within "
            + java.time.Duration.ofNanos(windowNanos)
            + " (vigil.ingest.max-series-per-host); the batch was not stored");
  }

  private ApiException tooManyOverall() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "too_many_series",
        "all hosts together sent more than "
            + maxTotal
            + " distinct series within "
            + java.time.Duration.ofNanos(windowNanos)
            + " (vigil.ingest.max-series); the batch was not stored");
  }

  /** Series hashes of one host: linear probing, 0 marks a free slot (hash 0 is stored as 1). */
  private static final class HostSeries {
    long windowStart;
    long[] slots = new long[64];
    int size;

    HostSeries(long windowStart) {
      this.windowStart = windowStart;
    }

    void clear(long now) {
      windowStart = now;
      slots = new long[64];
      size = 0;
    }

    boolean contains(long hash) {
      long key = hash == 0 ? 1 : hash;
      int mask = slots.length - 1;
      for (int i = (int) key & mask; ; i = (i + 1) & mask) {
        if (slots[i] == key) {
          return true;
        }
        if (slots[i] == 0) {
          return false;
        }
      }
    }

    void add(long hash) {
      if ((size + 1) * 2 > slots.length) {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long value : old) {
          if (value != 0) {
            insert(value);
          }
        }
      }
      insert(hash == 0 ? 1 : hash);
    }

    void forEach(java.util.function.LongConsumer action) {
      for (long value : slots) {
        if (value != 0) {
          action.accept(value);
        }
      }
    }

    private void insert(long key) {
      int mask = slots.length - 1;
      int i = (int) key & mask;
      while (slots[i] != 0) {
        if (slots[i] == key) {
          return;
        }
        i = (i + 1) & mask;
      }
      slots[i] = key;
      size++;
    }
  }
}
