package io.vigil.checks.port;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** What a peer sent, made safe to put in a one-line check message. */
final class ReceivedText {

  /** Characters of the peer's text shown in a message, at most. */
  static final int MAX_SHOWN = 200;

  private ReceivedText() {}

  /** UTF-8, with malformed bytes (or a character cut at the read limit) as U+FFFD. */
  static String decode(byte[] bytes, int length) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException(e); // not reached: REPLACE never throws
    }
  }

  /**
   * Quoted, control and format characters escaped ({@code \r}, {@code \n}, {@code \t}, {@code
   * \}{@code uXXXX}), cut to {@link #MAX_SHOWN} characters with "…".
   */
  static String shown(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_SHOWN) + 8).append('\'');
    int shown = 0;
    for (int i = 0; i < text.length(); i++) {
      if (shown >= MAX_SHOWN) {
        out.append('…');
        break;
      }
      char c = text.charAt(i);
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        default -> {
          int type = Character.getType(c);
          if (Character.isISOControl(c)
              || type == Character.FORMAT
              || type == Character.LINE_SEPARATOR
              || type == Character.PARAGRAPH_SEPARATOR) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
      shown++;
    }
    return out.append('\'').toString();
  }
}
