package io.vigil.agent.check.log;

import java.util.Objects;

/**
 * One line read from a log file, without its line terminator.
 *
 * @param text the line, decoded as UTF-8 (malformed bytes become U+FFFD)
 * @param truncated true when the line was longer than the follower's line limit and was cut; the
 *     rest of that line was skipped
 */
public record LogLine(String text, boolean truncated) {
  public LogLine {
    Objects.requireNonNull(text, "text");
  }
}
