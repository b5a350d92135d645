package io.vigil.agent.check.process;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which processes a {@link ProcessCheck} counts and how many it expects. Every criterion given must
 * hold; at least one is required.
 *
 * @param name the exact process name ({@code comm}); the kernel cuts it to 15 bytes, so a longer
 *     name matches a process whose name is its first 15 bytes; null for any name
 * @param commandLine found anywhere in the arguments joined by spaces (as {@code pgrep -f}); a
 *     kernel thread has no arguments and is matched as {@code [name]}, as {@code ps} shows it; null
 *     for any command line
 * @param user the owning user's name (the numeric uid when the user has no passwd entry); null for
 *     any user
 * @param minCount fewest matching processes that are OK, at least 0
 * @param maxCount most matching processes that are OK, null for no upper bound
 */
public record ProcessMatch(
    String name, Pattern commandLine, String user, int minCount, Integer maxCount) {

  /** Longest {@code comm} the kernel keeps (TASK_COMM_LEN - 1). */
  static final int COMM_LENGTH = 15;

  public ProcessMatch {
    name = blankToNull(name);
    user = blankToNull(user);
    if (name == null && commandLine == null && user == null) {
      throw new IllegalArgumentException("a process check needs a name, a command line or a user");
    }
    if (minCount < 0) {
      throw new IllegalArgumentException("minCount must be >= 0: " + minCount);
    }
    if (maxCount != null && maxCount < minCount) {
      throw new IllegalArgumentException("maxCount " + maxCount + " is below minCount " + minCount);
    }
  }

  /** Exactly one process named {@code name}. */
  public static ProcessMatch exactlyOne(String name) {
    return new ProcessMatch(Objects.requireNonNull(name, "name"), null, null, 1, 1);
  }

  boolean nameMatches(String comm) {
    if (name == null) {
      return true;
    }
    return name.equals(comm)
        || (name.length() > COMM_LENGTH && comm.length() == COMM_LENGTH && name.startsWith(comm));
  }

  boolean countAllowed(int count) {
    return count >= minCount && (maxCount == null || count <= maxCount);
  }

  String expected() {
    return maxCount == null ? "at least " + minCount : minCount + ".." + maxCount;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
