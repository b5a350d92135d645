package io.vigil.weblog;

/**
 * Makes URLs that name the same page one key. The query string is always reduced to its sorted,
 * de-duplicated parameter names ({@code /s?b=2&a=1&a=3} → {@code /s?a&b}; values dropped, an empty
 * query dropped); with {@code collapseIds}, path segments that are numbers, UUIDs or hex strings of
 * 16 characters or more become {@code {id}} ({@code /user/42/orders} → {@code /user/{id}/orders}).
 * A fragment is dropped; a URL without a query stays as it is.
 *
 * <p>Works on bytes into a caller's buffer, allocating nothing. Not thread-safe (scratch arrays).
 */
public final class UrlNormalizer {

  /** Query parameters kept at most; further names are dropped. */
  static final int MAX_PARAMS = 64;

  private static final byte[] ID = {'{', 'i', 'd', '}'};

  private final boolean collapseIds;
  private final int[] paramStart = new int[MAX_PARAMS];
  private final int[] paramEnd = new int[MAX_PARAMS];
  private byte[] out;
  private int pos;

  public UrlNormalizer(boolean collapseIds) {
    this.collapseIds = collapseIds;
  }

  /**
   * Writes the normalised form of {@code src[start..end)} to {@code dst} from index 0.
   *
   * @return the length of the normalised URL; when larger than {@code dst.length} only the first
   *     {@code dst.length} bytes were written
   */
  public int normalize(byte[] src, int start, int end, byte[] dst) {
    out = dst;
    pos = 0;
    int pathEnd = start;
    while (pathEnd < end && src[pathEnd] != '?' && src[pathEnd] != '#') {
      pathEnd++;
    }
    if (collapseIds) {
      collapsePath(src, start, pathEnd);
    } else {
      copy(src, start, pathEnd);
    }
    if (pathEnd < end && src[pathEnd] == '?') {
      int queryEnd = pathEnd + 1;
      while (queryEnd < end && src[queryEnd] != '#') {
        queryEnd++;
      }
      query(src, pathEnd + 1, queryEnd);
    }
    out = null;
    return pos;
  }

  private void collapsePath(byte[] src, int start, int end) {
    int segment = start;
    for (int i = start; i <= end; i++) {
      if (i == end || src[i] == '/') {
        if (i > segment && isId(src, segment, i)) {
          copy(ID, 0, ID.length);
        } else {
          copy(src, segment, i);
        }
        if (i < end) {
          put((byte) '/');
        }
        segment = i + 1;
      }
    }
  }

  /** A number, a UUID, or 16 or more hex digits. */
  static boolean isId(byte[] b, int start, int end) {
    int length = end - start;
    boolean digits = true;
    boolean hex = true;
    for (int i = start; i < end; i++) {
      byte c = b[i];
      boolean digit = c >= '0' && c <= '9';
      digits &= digit;
      hex &= digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    if (digits || (hex && length >= 16)) {
      return true;
    }
    if (length != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      byte c = b[start + i];
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      boolean isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (dash ? c != '-' : !isHex) {
        return false;
      }
    }
    return true;
  }

  private void query(byte[] src, int start, int end) {
    int n = 0;
    int p = start;
    while (p < end && n < MAX_PARAMS) {
      int keyEnd = p;
      while (keyEnd < end && src[keyEnd] != '&' && src[keyEnd] != '=') {
        keyEnd++;
      }
      if (keyEnd > p) {
        // insertion sort by bytes, skipping duplicates
        int at = n;
        int cmp = 1;
        while (at > 0
            && (cmp = compare(src, p, keyEnd, paramStart[at - 1], paramEnd[at - 1])) < 0) {
          at--;
        }
        if (at == 0 || cmp != 0) {
          System.arraycopy(paramStart, at, paramStart, at + 1, n - at);
          System.arraycopy(paramEnd, at, paramEnd, at + 1, n - at);
          paramStart[at] = p;
          paramEnd[at] = keyEnd;
          n++;
        }
      }
      p = keyEnd;
      while (p < end && src[p] != '&') {
        p++;
      }
      p++;
    }
    for (int i = 0; i < n; i++) {
      put(i == 0 ? (byte) '?' : (byte) '&');
      copy(src, paramStart[i], paramEnd[i]);
    }
  }

  private static int compare(byte[] b, int s1, int e1, int s2, int e2) {
    int n = Math.min(e1 - s1, e2 - s2);
    for (int i = 0; i < n; i++) {
      int d = (b[s1 + i] & 0xff) - (b[s2 + i] & 0xff);
      if (d != 0) {
        return d;
      }
    }
    return (e1 - s1) - (e2 - s2);
  }

  private void copy(byte[] src, int start, int end) {
    int n = Math.min(end - start, out.length - pos);
    if (n > 0) {
      System.arraycopy(src, start, out, pos, n);
    }
    pos += end - start;
  }

  private void put(byte b) {
    if (pos < out.length) {
      out[pos] = b;
    }
    pos++;
  }
}
