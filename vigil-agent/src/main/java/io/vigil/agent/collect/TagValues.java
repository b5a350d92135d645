package io.vigil.agent.collect;

import io.vigil.model.Names;

/** Makes OS-provided strings (process names, users, mounts) acceptable as tag values. */
final class TagValues {
  private TagValues() {}

  static String clean(String raw, String fallback) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    String s = raw.strip();
    if (s.length() > Names.MAX_TAG_VALUE_LENGTH) {
      s = s.substring(0, Names.MAX_TAG_VALUE_LENGTH);
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        if (out == null) {
          out = new StringBuilder(s);
        }
        out.setCharAt(i, '?');
      }
    }
    return out == null ? s : out.toString();
  }

  static double pct(double part, double whole) {
    return whole <= 0 ? 0.0 : Math.min(100.0, Math.max(0.0, 100.0 * part / whole));
  }
}
