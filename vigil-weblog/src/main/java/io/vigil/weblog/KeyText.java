package io.vigil.weblog;

/**
 * Keys of the top tables as tag values: at most {@value #MAX_CHARS} characters (longer ones cut,
 * ending with {@code …}), no control characters, never empty. Keys are cut already as bytes before
 * they enter a sketch, so two URLs that differ only after the cut are one key.
 */
public final class KeyText {

  public static final int MAX_CHARS = 200;

  /** Bytes a key keeps at most: never more characters than {@link #MAX_CHARS} once decoded. */
  static final int MAX_BYTES = MAX_CHARS;

  private static final byte[] ELLIPSIS = {(byte) 0xE2, (byte) 0x80, (byte) 0xA6};

  private KeyText() {}

  /**
   * Cuts a key of {@code length} bytes held in {@code buf} (at least {@link #MAX_BYTES} long) in
   * place to at most {@link #MAX_BYTES} bytes ending with {@code …}, at a UTF-8 character boundary;
   * returns the new length.
   */
  static int cut(byte[] buf, int length) {
    if (length <= MAX_BYTES) {
      return length;
    }
    int at = MAX_BYTES - ELLIPSIS.length;
    while (at > 0 && (buf[at] & 0xC0) == 0x80) {
      at--; // inside a multi-byte character: cut before it
    }
    System.arraycopy(ELLIPSIS, 0, buf, at, ELLIPSIS.length);
    return at + ELLIPSIS.length;
  }

  /** A valid tag value: control characters become U+FFFD, cut to 200 characters, "-" if empty. */
  public static String tagValue(String key) {
    if (key == null || key.isEmpty()) {
      return "-";
    }
    StringBuilder sb = null;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isISOControl(c)) {
        if (sb == null) {
          sb = new StringBuilder(key.length()).append(key, 0, i);
        }
        sb.append('\uFFFD');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    String clean = sb == null ? key : sb.toString();
    if (clean.length() <= MAX_CHARS) {
      return clean;
    }
    int end = MAX_CHARS - 1;
    if (Character.isHighSurrogate(clean.charAt(end - 1))) {
      end--;
    }
    return clean.substring(0, end) + "…";
  }
}
