package io.vigil.checks;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The syntax of check parameter values, shared by the parser the checks run with ({@link
 * CheckParams}) and the server's validation of items against the catalog. Each method reads one
 * value and returns null for text of another type, so every caller words its own messages.
 */
public final class ParamText {

  /** The longest duration a parameter may give. */
  public static final Duration MAX_DURATION = Duration.ofDays(1);

  /** Durations are written like {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private ParamText() {}

  /**
   * The duration written as {@code 500ms}, {@code 5s}, {@code 2m} or {@code 1h} (lower-case unit,
   * surrounding white space ignored), or null when the text is no such duration. The value is not
   * range-checked: see {@link #isDurationInRange}.
   */
  public static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** Whether a parameter may give {@code duration}: from 1 ms to 24 h. */
  public static boolean isDurationInRange(Duration duration) {
    return !duration.isZero() && !duration.isNegative() && duration.compareTo(MAX_DURATION) <= 0;
  }

  /** The whole number (surrounding white space ignored), or null when the text is none. */
  public static Long wholeNumber(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * {@code true}, {@code yes}, {@code on}, {@code 1} or {@code false}, {@code no}, {@code off},
   * {@code 0} in any case (surrounding white space ignored); null for anything else.
   */
  public static Boolean bool(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> null;
    };
  }

  /**
   * Null when {@code regex} compiles, else what is wrong with it, worded as by {@link #problem}.
   */
  public static String regexProblem(String regex) {
    try {
      Pattern.compile(regex);
      return null;
    } catch (PatternSyntaxException e) {
      return problem(e);
    }
  }

  /** "is not a valid regular expression: {description} near index {index}". */
  public static String problem(PatternSyntaxException e) {
    return "is not a valid regular expression: "
        + e.getDescription()
        + " near index "
        + e.getIndex();
  }
}
