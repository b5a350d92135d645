package io.vigil.weblog.sketch;

/**
 * A 64-bit hash of a byte range (FNV-1a, then a murmur3 finalizer so the low bits index tables
 * well). Keys are compared by their bytes as well, so a collision costs a comparison, never a wrong
 * count.
 */
public final class KeyHash {

  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private KeyHash() {}

  public static long of(byte[] buf, int start, int end) {
    long h = OFFSET;
    for (int i = start; i < end; i++) {
      h = (h ^ (buf[i] & 0xff)) * PRIME;
    }
    return mix(h ^ (end - start));
  }

  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
