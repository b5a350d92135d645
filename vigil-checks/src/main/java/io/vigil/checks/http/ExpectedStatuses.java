package io.vigil.checks.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The HTTP status codes a check accepts, e.g. {@code 200-299} or {@code 200,301,400-404}.
 *
 * @param ranges inclusive {@code [from, to]} pairs, each within 100..999
 */
public record ExpectedStatuses(List<int[]> ranges) {

  /** Any 2xx. */
  public static final ExpectedStatuses SUCCESS = parse("200-299");

  public ExpectedStatuses {
    Objects.requireNonNull(ranges, "ranges");
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("expected statuses must not be empty");
    }
    List<int[]> copy = new ArrayList<>();
    for (int[] range : ranges) {
      if (range.length != 2 || range[0] < 100 || range[1] > 999 || range[0] > range[1]) {
        throw new IllegalArgumentException("invalid status range");
      }
      copy.add(range.clone());
    }
    ranges = List.copyOf(copy);
  }

  /**
   * Parses a comma-separated list of codes and {@code from-to} ranges.
   *
   * @throws IllegalArgumentException when the text is not such a list
   */
  public static ExpectedStatuses parse(String text) {
    Objects.requireNonNull(text, "text");
    List<int[]> ranges = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String item = part.strip();
      int dash = item.indexOf('-');
      try {
        if (dash < 0) {
          int code = code(item);
          ranges.add(new int[] {code, code});
        } else {
          ranges.add(new int[] {code(item.substring(0, dash)), code(item.substring(dash + 1))});
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid expected status list '" + text + "': " + e.getMessage(), e);
      }
    }
    return new ExpectedStatuses(ranges);
  }

  private static int code(String text) {
    String digits = text.strip();
    if (!digits.matches("[1-9][0-9]{2}")) {
      throw new IllegalArgumentException("'" + digits + "' is not a 3-digit status code");
    }
    return Integer.parseInt(digits);
  }

  /** Whether {@code status} is one of the expected codes. */
  public boolean contains(int status) {
    for (int[] range : ranges) {
      if (status >= range[0] && status <= range[1]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int[] range : ranges) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(range[0]);
      if (range[1] != range[0]) {
        text.append('-').append(range[1]);
      }
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExpectedStatuses that && toString().equals(that.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
