package io.vigil.agent.check.log;

/**
 * Where a {@link LogFollower} stands: the file (device and inode) and the byte offset after the
 * last line handed out. The caller persists it (see {@link #encode()}) so an agent restart neither
 * re-reads old lines nor misses the lines written while it was down.
 *
 * @param device the {@code unix:dev} of the file, 0 with {@link #NO_FILE}
 * @param inode the {@code unix:ino} of the file, 0 with {@link #NO_FILE}
 * @param offset bytes of that file already consumed
 * @param skippingLongLine true when the offset is inside an over-long line whose head was already
 *     handed out (cut); the rest up to the next newline is skipped
 */
public record LogFollowerState(long device, long inode, long offset, boolean skippingLongLine) {

  /** No file seen yet: a file that appears is read from its start. */
  public static final LogFollowerState NO_FILE = new LogFollowerState(0, 0, 0, false);

  public LogFollowerState {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }
    if (inode == 0 && (offset != 0 || skippingLongLine)) {
      throw new IllegalArgumentException("a state without a file has no offset");
    }
  }

  /** True when this state names no file. */
  public boolean noFile() {
    return inode == 0;
  }

  /** A one-line text form, {@code dev:ino:offset[:skip]}, for the agent's state files. */
  public String encode() {
    return device + ":" + inode + ":" + offset + (skippingLongLine ? ":skip" : "");
  }

  /** Parses {@link #encode()}. */
  public static LogFollowerState decode(String text) {
    String[] parts = text.strip().split(":");
    if (parts.length < 3 || parts.length > 4 || (parts.length == 4 && !parts[3].equals("skip"))) {
      throw new IllegalArgumentException("not a log follower state: " + text);
    }
    try {
      return new LogFollowerState(
          Long.parseLong(parts[0]),
          Long.parseLong(parts[1]),
          Long.parseLong(parts[2]),
          parts.length == 4);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a log follower state: " + text, e);
    }
  }
}
