package io.vigil.weblog.parse;

/** The request methods counted one by one; anything else is {@link #OTHER}. */
public enum HttpMethod {
  GET,
  POST,
  HEAD,
  PUT,
  DELETE,
  PATCH,
  OPTIONS,
  CONNECT,
  TRACE,
  OTHER;

  private static final HttpMethod[] VALUES = values();

  private final byte[] name = name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** The method spelled by {@code buf[start..end)} (case-sensitive, as HTTP defines it). */
  public static HttpMethod of(byte[] buf, int start, int end) {
    int length = end - start;
    if (length < 3 || length > 7) {
      return OTHER;
    }
    for (int m = 0; m < VALUES.length - 1; m++) {
      byte[] name = VALUES[m].name;
      if (name.length == length && name[0] == buf[start] && sameTail(name, buf, start)) {
        return VALUES[m];
      }
    }
    return OTHER;
  }

  private static boolean sameTail(byte[] name, byte[] buf, int start) {
    for (int i = 1; i < name.length; i++) {
      if (name[i] != buf[start + i]) {
        return false;
      }
    }
    return true;
  }

  /** The method at {@code ordinal()}. */
  public static HttpMethod at(int ordinal) {
    return VALUES[ordinal];
  }

  public static int count() {
    return VALUES.length;
  }
}
