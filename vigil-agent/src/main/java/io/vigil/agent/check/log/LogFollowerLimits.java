package io.vigil.agent.check.log;

/**
 * Bounds of one {@link LogFollower#poll()}: what is not read in one poll is read by the next.
 *
 * @param maxLinesPerPoll lines handed out per poll at most
 * @param maxBytesPerPoll bytes consumed per poll, roughly (one read buffer may be exceeded)
 * @param maxLineBytes longer lines are cut to this many bytes and flagged {@link LogLine#truncated}
 */
public record LogFollowerLimits(int maxLinesPerPoll, int maxBytesPerPoll, int maxLineBytes) {

  /** 1000 lines, 1 MiB, 64 KiB lines: a poll holds at most about 1 MiB of line text. */
  public static final LogFollowerLimits DEFAULTS = new LogFollowerLimits(1000, 1 << 20, 64 << 10);

  public LogFollowerLimits {
    if (maxLinesPerPoll < 1 || maxBytesPerPoll < 1 || maxLineBytes < 1) {
      throw new IllegalArgumentException("log follower limits must be positive");
    }
  }
}
