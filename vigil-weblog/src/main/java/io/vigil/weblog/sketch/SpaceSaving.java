package io.vigil.weblog.sketch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Heavy hitters by the space-saving algorithm (Metwally, Agrawal, El Abbadi, ICDT 2005) over byte
 * keys, with {@code m} counters. A key not in the table replaces the key of the smallest counter
 * and inherits its count (plus one), remembering that inherited part as its {@code error}. The
 * guarantees, for {@code N} requests offered:
 *
 * <ul>
 *   <li>a reported count over-estimates the key's true count by at most its {@code error}, and
 *       {@code error ≤ min count ≤ N/m};
 *   <li>every key whose true count exceeds {@code N/m} is in the table;
 *   <li>while fewer than {@code m} distinct keys were offered, every count is exact (error 0).
 * </ul>
 *
 * Besides the count each counter sums the response bytes and the errors (5xx) of its key, and
 * optionally keeps a {@link QuantileSketch} of its response times — those describe the requests
 * seen since the key last entered the table, so they are lower bounds for a key with an error.
 *
 * <p>Updates cost O(log m): a hash table (linear probing on the 64-bit key hash, keys compared by
 * bytes) finds the counter, a binary min-heap on the counts finds the smallest. Key bytes are
 * copied only when a key enters the table, into the evicted counter's array when it fits. Not
 * thread-safe; summaries of different threads or periods are combined with {@link #merge}.
 */
public final class SpaceSaving {

  /** One row of the table, as reported. */
  public record Entry(
      String key, long count, long error, long bytes, long errors, QuantileSketch latency) {}

  private final int capacity;
  private final int latencyBuckets; // 0: no response-time sketches
  private final byte[][] keys;
  private final int[] keyLengths;
  private final long[] hashes;
  private final long[] counts;
  private final long[] errs;
  private final long[] bytes;
  private final long[] fails;
  private final QuantileSketch[] latency;
  private final int[] heap; // counter indexes, min-heap on counts
  private final int[] heapPos; // counter index -> position in heap
  private final int[] table; // counter index + 1, 0 = empty
  private final int mask;
  private int size;
  private long total;

  /**
   * @param capacity the number of counters {@code m}
   * @param latencyBuckets 0 for no response-time sketches, else their {@code maxBuckets}
   */
  public SpaceSaving(int capacity, int latencyBuckets) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.latencyBuckets = latencyBuckets;
    keys = new byte[capacity][];
    keyLengths = new int[capacity];
    hashes = new long[capacity];
    counts = new long[capacity];
    errs = new long[capacity];
    bytes = new long[capacity];
    fails = new long[capacity];
    latency = latencyBuckets > 0 ? new QuantileSketch[capacity] : null;
    heap = new int[capacity];
    heapPos = new int[capacity];
    int tableSize = Integer.highestOneBit(Math.max(4, capacity * 2 - 1)) << 1;
    table = new int[tableSize];
    mask = tableSize - 1;
  }

  /**
   * Counts one request of key {@code buf[start..end)} whose hash is {@code hash} ({@link
   * KeyHash#of}).
   *
   * @param responseBytes response bytes of the request
   * @param failed whether it was an error (5xx)
   * @param millis its response time, or a negative number when unknown
   */
  public void offer(
      byte[] buf,
      int start,
      int end,
      long hash,
      long responseBytes,
      boolean failed,
      double millis) {
    total++;
    int slot = (int) hash & mask;
    int length = end - start;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        break;
      }
      int c = entry - 1;
      if (hashes[c] == hash && keyLengths[c] == length && sameBytes(keys[c], buf, start, length)) {
        counts[c]++;
        record(c, responseBytes, failed, millis);
        siftDown(heapPos[c]);
        return;
      }
      slot = (slot + 1) & mask;
    }
    int c;
    if (size < capacity) {
      c = size++;
      counts[c] = 1;
      errs[c] = 0;
      heap[c] = c;
      heapPos[c] = c;
      siftUp(c);
    } else {
      c = heap[0];
      remove(c);
      errs[c] = counts[c];
      counts[c] = counts[c] + 1;
    }
    bytes[c] = 0;
    fails[c] = 0;
    if (latency != null && latency[c] != null) {
      latency[c].clear();
    }
    setKey(c, buf, start, length, hash);
    table[findEmpty(hash)] = c + 1;
    record(c, responseBytes, failed, millis);
    siftDown(heapPos[c]);
  }

  private void record(int c, long responseBytes, boolean failed, double millis) {
    bytes[c] += responseBytes;
    if (failed) {
      fails[c]++;
    }
    if (latency != null && millis >= 0) {
      QuantileSketch sketch = latency[c];
      if (sketch == null) {
        sketch = new QuantileSketch(latencyBuckets);
        latency[c] = sketch;
      }
      sketch.add(millis);
    }
  }

  private void setKey(int c, byte[] buf, int start, int length, long hash) {
    byte[] key = keys[c];
    if (key == null || key.length < length) {
      key = new byte[Math.max(length, 16)];
      keys[c] = key;
    }
    System.arraycopy(buf, start, key, 0, length);
    keyLengths[c] = length;
    hashes[c] = hash;
  }

  private static boolean sameBytes(byte[] key, byte[] buf, int start, int length) {
    for (int i = 0; i < length; i++) {
      if (key[i] != buf[start + i]) {
        return false;
      }
    }
    return true;
  }

  private int findEmpty(long hash) {
    int slot = (int) hash & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** Removes counter {@code c} from the hash table (backward-shift deletion). */
  private void remove(int c) {
    int slot = (int) hashes[c] & mask;
    while (table[slot] != c + 1) {
      slot = (slot + 1) & mask;
    }
    int hole = slot;
    int j = hole;
    while (true) {
      j = (j + 1) & mask;
      int entry = table[j];
      if (entry == 0) {
        break;
      }
      int home = (int) hashes[entry - 1] & mask;
      // Move the entry into the hole unless its home lies cyclically in (hole, j].
      boolean homeBetween = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
      if (!homeBetween) {
        table[hole] = entry;
        hole = j;
      }
    }
    table[hole] = 0;
  }

  private void siftUp(int pos) {
    int c = heap[pos];
    long count = counts[c];
    while (pos > 0) {
      int parent = (pos - 1) >>> 1;
      int p = heap[parent];
      if (counts[p] <= count) {
        break;
      }
      heap[pos] = p;
      heapPos[p] = pos;
      pos = parent;
    }
    heap[pos] = c;
    heapPos[c] = pos;
  }

  private void siftDown(int pos) {
    int c = heap[pos];
    long count = counts[c];
    int half = size >>> 1;
    while (pos < half) {
      int child = 2 * pos + 1;
      int right = child + 1;
      if (right < size && counts[heap[right]] < counts[heap[child]]) {
        child = right;
      }
      int ch = heap[child];
      if (count <= counts[ch]) {
        break;
      }
      heap[pos] = ch;
      heapPos[ch] = pos;
      pos = child;
    }
    heap[pos] = c;
    heapPos[c] = pos;
  }

  /** Requests offered ({@code N}). */
  public long total() {
    return total;
  }

  /** Counters in use. */
  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * The largest over-count any key may have: 0 while the table never filled (every count exact),
   * else the smallest count, which is at most {@code N/m}.
   */
  public long errorBound() {
    return size < capacity ? 0 : counts[heap[0]];
  }

  /** The {@code k} largest counts, largest first (ties by key). */
  public List<Entry> top(int k) {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    // Largest first; equal counts by key bytes, so the order is stable without making strings.
    Arrays.sort(
        order,
        (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : compareKeys(a, b));
    List<Entry> out = new ArrayList<>(Math.min(k, size));
    for (int i = 0; i < Math.min(k, size); i++) {
      int c = order[i];
      out.add(
          new Entry(
              keyText(c),
              counts[c],
              errs[c],
              bytes[c],
              fails[c],
              latency == null ? null : latency[c]));
    }
    return out;
  }

  private int compareKeys(int a, int b) {
    return Arrays.compareUnsigned(keys[a], 0, keyLengths[a], keys[b], 0, keyLengths[b]);
  }

  private String keyText(int c) {
    return new String(keys[c], 0, keyLengths[c], StandardCharsets.UTF_8);
  }

  /**
   * Adds {@code other} (a summary of other requests, with as many counters) so that this summary
   * describes both, keeping the guarantees for {@code N = N1 + N2} (Agarwal et al., "Mergeable
   * Summaries", PODS 2012): a key missing from one side is charged that side's smallest count as
   * possible over-count, then the {@code m} largest counters are kept.
   */
  public void merge(SpaceSaving other) {
    long minThis = errorBound();
    long minOther = other.errorBound();
    int n = size + other.size;
    int[] source = new int[n]; // counter index; >= size means other's counter (index - size)
    long[] mergedCount = new long[n];
    long[] mergedErr = new long[n];
    long[] mergedBytes = new long[n];
    long[] mergedFails = new long[n];
    boolean[] matched = new boolean[other.size];
    int m = 0;
    for (int c = 0; c < size; c++) {
      int o = other.find(keys[c], 0, keyLengths[c], hashes[c]);
      source[m] = c;
      if (o >= 0) {
        matched[o] = true;
        mergedCount[m] = counts[c] + other.counts[o];
        mergedErr[m] = errs[c] + other.errs[o];
        mergedBytes[m] = bytes[c] + other.bytes[o];
        mergedFails[m] = fails[c] + other.fails[o];
        if (latency != null && other.latency != null && other.latency[o] != null) {
          latencyOf(c).merge(other.latency[o]);
        }
      } else {
        mergedCount[m] = counts[c] + minOther;
        mergedErr[m] = errs[c] + minOther;
        mergedBytes[m] = bytes[c];
        mergedFails[m] = fails[c];
      }
      m++;
    }
    for (int o = 0; o < other.size; o++) {
      if (!matched[o]) {
        source[m] = size + o;
        mergedCount[m] = other.counts[o] + minThis;
        mergedErr[m] = other.errs[o] + minThis;
        mergedBytes[m] = other.bytes[o];
        mergedFails[m] = other.fails[o];
        m++;
      }
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong((Integer i) -> -mergedCount[i]));
    int keep = Math.min(capacity, m);
    // Rebuild from the kept rows: first gather keys (ours may be overwritten while copying).
    byte[][] newKeys = new byte[keep][];
    int[] newLengths = new int[keep];
    long[] newHashes = new long[keep];
    QuantileSketch[] newLatency = new QuantileSketch[keep];
    for (int i = 0; i < keep; i++) {
      int s = source[order[i]];
      if (s < size) {
        newKeys[i] = keys[s];
        newLengths[i] = keyLengths[s];
        newHashes[i] = hashes[s];
        newLatency[i] = latency == null ? null : latency[s];
      } else {
        int o = s - size;
        newKeys[i] = Arrays.copyOf(other.keys[o], other.keyLengths[o]);
        newLengths[i] = other.keyLengths[o];
        newHashes[i] = other.hashes[o];
        if (latency != null && other.latency != null && other.latency[o] != null) {
          QuantileSketch copy = new QuantileSketch(latencyBuckets);
          copy.merge(other.latency[o]);
          newLatency[i] = copy;
        }
      }
    }
    long[] keptCount = new long[keep];
    long[] keptErr = new long[keep];
    long[] keptBytes = new long[keep];
    long[] keptFails = new long[keep];
    for (int i = 0; i < keep; i++) {
      keptCount[i] = mergedCount[order[i]];
      keptErr[i] = mergedErr[order[i]];
      keptBytes[i] = mergedBytes[order[i]];
      keptFails[i] = mergedFails[order[i]];
    }
    Arrays.fill(table, 0);
    Arrays.fill(keys, null);
    if (latency != null) {
      Arrays.fill(latency, null);
    }
    size = keep;
    for (int c = 0; c < keep; c++) {
      keys[c] = newKeys[c];
      keyLengths[c] = newLengths[c];
      hashes[c] = newHashes[c];
      counts[c] = keptCount[c];
      errs[c] = keptErr[c];
      bytes[c] = keptBytes[c];
      fails[c] = keptFails[c];
      if (latency != null) {
        latency[c] = newLatency[c];
      }
      table[findEmpty(hashes[c])] = c + 1;
      heap[c] = c;
      heapPos[c] = c;
      siftUp(c);
    }
    total += other.total;
  }

  private QuantileSketch latencyOf(int c) {
    if (latency[c] == null) {
      latency[c] = new QuantileSketch(latencyBuckets);
    }
    return latency[c];
  }

  private int find(byte[] buf, int start, int length, long hash) {
    int slot = (int) hash & mask;
    while (true) {
      int entry = table[slot];
      if (entry == 0) {
        return -1;
      }
      int c = entry - 1;
      if (hashes[c] == hash && keyLengths[c] == length && sameBytes(keys[c], buf, start, length)) {
        return c;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Forgets every key (a new period); arrays are kept. */
  public void clear() {
    Arrays.fill(table, 0);
    for (int c = 0; c < size; c++) {
      counts[c] = 0;
      if (latency != null && latency[c] != null) {
        latency[c].clear();
      }
    }
    size = 0;
    total = 0;
  }
}
