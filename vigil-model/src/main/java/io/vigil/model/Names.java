package io.vigil.model;

import java.util.regex.Pattern;

/** Validation rules for the names and values that travel on the wire and become storage columns. */
public final class Names {
  /**
   * Measurement, tag and field names: lower-case identifiers, safe as SQL column and table names.
   */
  public static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public static final int MAX_TAG_VALUE_LENGTH = 256;

  private Names() {}

  public static String requireIdentifier(String what, String name) {
    if (!isIdentifier(name)) {
      throw new InvalidInputException(
          what + " must match " + IDENTIFIER.pattern() + " but was " + quote(name));
    }
    return name;
  }

  /**
   * Whether the name matches {@link #IDENTIFIER}; hand-written because it runs for every tag and
   * field of every ingested point, where the regex cost a measurable share of the server's CPU.
   */
  public static boolean isIdentifier(String name) {
    if (name == null || name.isEmpty() || name.length() > 63) {
      return false;
    }
    char first = name.charAt(0);
    if (first < 'a' || first > 'z') {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  public static String requireTagValue(String key, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException("tag " + key + " must not be empty");
    }
    if (value.length() > MAX_TAG_VALUE_LENGTH) {
      throw new InvalidInputException(
          "tag " + key + " is longer than " + MAX_TAG_VALUE_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidInputException("tag " + key + " contains a control character");
      }
    }
    return value;
  }

  public static String requireText(String what, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(what + " must not be empty");
    }
    if (value.length() > maxLength) {
      throw new InvalidInputException(what + " is longer than " + maxLength + " characters");
    }
    return value;
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return '"' + (s.length() > 70 ? s.substring(0, 70) + "…" : s) + '"';
  }
}
