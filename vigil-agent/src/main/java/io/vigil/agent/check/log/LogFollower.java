package io.vigil.agent.check.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one log file path: each {@link #poll()} returns the complete lines appended since the
 * previous poll, bounded by {@link LogFollowerLimits}; the rest comes with the next poll.
 *
 * <p>What it guarantees:
 *
 * <ul>
 *   <li>An existing file is followed from its end on first sight ({@link #startingAtEnd}); a file
 *       created later, or one the saved state did not know, from its start.
 *   <li>{@link #state()} (device, inode, offset) lets the caller persist the position; {@link
 *       #resuming} continues exactly there after a restart, also when the file was rotated once by
 *       rename while the agent was down (the old file is found again by inode among the siblings
 *       whose name starts with the file name, e.g. {@code app.log.1}, {@code app.log-20250101}).
 *   <li>Rotation by rename + create: the old file is read to its end through the open handle before
 *       switching to the new file, so no line is lost or doubled. The switch happens only once the
 *       new file is non-empty: its size is taken before draining the old file, so for a writer that
 *       appends sequentially (the usual single logger) every write to the old file is seen.
 *   <li>copytruncate: a size below the offset means the file was truncated in place; reading
 *       restarts at 0.
 *   <li>A partial last line is held (not consumed) until its newline arrives; at a rename rotation
 *       the old file's unterminated tail is handed out as a line. A line longer than {@link
 *       LogFollowerLimits#maxLineBytes()} is cut and flagged, its rest skipped: memory is bounded
 *       by one buffer of that size whatever the file holds (binary files included). Bytes are
 *       decoded as UTF-8 with replacement; a trailing CR is dropped.
 * </ul>
 *
 * <p>What it cannot guarantee (inherent to tailing by polling):
 *
 * <ul>
 *   <li>copytruncate race: lines the follower has not read when logrotate truncates the file are
 *       lost to it (those written before the copy are in the copy, those written between the copy
 *       and the truncate are nowhere), as with every tailer; the follower does not read the copy.
 *       No line is read twice. If the truncated file grows past the old offset before the next
 *       poll, the truncation is not visible by size and the lines below the old offset are missed
 *       too: poll more often than the file can regrow. A writer that does not open the file with
 *       O_APPEND keeps writing at its old position after the truncate (a run of NUL bytes, read as
 *       one line of U+0000 characters, or cut and flagged if long).
 *   <li>More than one rename rotation between two polls (or while the agent is down): the files in
 *       between are not read.
 *   <li>A rotated file that is compressed or deleted while the agent is down cannot be found again;
 *       the rest of it is lost and the new file is read from its start. If the new file reused the
 *       deleted file's inode (same device and inode), it is taken for the old file: read from the
 *       saved offset when it is at least that long (its head is missed), from 0 otherwise.
 * </ul>
 *
 * <p>Not thread-safe: one thread polls.
 */
public final class LogFollower implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);
  private static final int OPEN_ATTEMPTS = 3;

  private final Path path;
  private final LogFollowerLimits limits;
  private final byte[] buffer;

  private FileChannel channel;
  private FileId openId;
  private long offset;
  private boolean skipping;

  /** A restored state whose file is not open yet (path missing at restore time). */
  private LogFollowerState pending;

  private LogFollower(Path path, LogFollowerLimits limits) {
    this.path = Objects.requireNonNull(path, "path");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.buffer = new byte[limits.maxLineBytes() + 1];
  }

  /**
   * A follower that skips what an existing file already holds (history) and reads a file created
   * later from its start.
   */
  public static LogFollower startingAtEnd(Path path, LogFollowerLimits limits) throws IOException {
    LogFollower follower = new LogFollower(path, limits);
    if (follower.open(path, null)) {
      follower.offset = follower.channel.size();
      // Mid-line: skip the rest of that line rather than hand out its tail as a line.
      follower.skipping = follower.offset > 0 && follower.byteAt(follower.offset - 1) != '\n';
    }
    return follower;
  }

  /** A follower that continues where {@code saved} (from {@link #state()}) stood. */
  public static LogFollower resuming(Path path, LogFollowerState saved, LogFollowerLimits limits)
      throws IOException {
    LogFollower follower = new LogFollower(path, limits);
    follower.pending = Objects.requireNonNull(saved, "saved");
    follower.restore();
    return follower;
  }

  /** The followed path. */
  public Path path() {
    return path;
  }

  /** The position to persist; {@link LogFollowerState#NO_FILE} while no file was seen. */
  public LogFollowerState state() {
    if (channel != null) {
      return new LogFollowerState(openId.device(), openId.inode(), offset, skipping);
    }
    return pending != null ? pending : LogFollowerState.NO_FILE;
  }

  /** True while a file is open (the path's file or a rotated one still being drained). */
  public boolean isOpen() {
    return channel != null;
  }

  /**
   * Receives the lines of a poll as bytes, without terminator (a trailing CR dropped unless the
   * line was cut). The bytes are valid only during the call: the follower reuses its buffer.
   */
  @FunctionalInterface
  public interface LineSink {
    void line(byte[] buf, int start, int end, boolean truncated);
  }

  /** The complete new lines since the previous poll, at most the limits' worth. */
  public List<LogLine> poll() throws IOException {
    List<LogLine> out = new ArrayList<>();
    poll(
        (buf, start, end, truncated) ->
            out.add(
                new LogLine(
                    new String(buf, start, end - start, StandardCharsets.UTF_8), truncated)));
    return out;
  }

  /**
   * Hands the complete new lines since the previous poll to {@code sink} as bytes, at most the
   * limits' worth, without making a string of them (for parsers that read bytes).
   *
   * @return the number of lines handed out
   */
  public int poll(LineSink sink) throws IOException {
    Emitter out = new Emitter(sink);
    if (channel == null && !restore()) {
      return 0;
    }
    Budget budget = new Budget(limits.maxLinesPerPoll(), limits.maxBytesPerPoll());
    while (true) {
      FileId current = FileId.of(path);
      if (current == null || current.equals(openId)) {
        if (channel.size() < offset) {
          LOG.info("Log file {} was truncated (copytruncate?); reading it from its start", path);
          offset = 0;
          skipping = false;
        }
        readAvailable(out, budget);
        return out.count;
      }
      // The path names another file now: rotated by rename. Take the new file's size before
      // draining the old one, so that everything written to the old file before the writer's
      // first write to the new one is read.
      long newSize = sizeOf(path);
      if (!readAvailable(out, budget) || newSize <= 0) {
        return out.count;
      }
      flushTail(out);
      LOG.info("Log file {} was rotated; finished the old file, following the new one", path);
      closeChannel();
      if (!open(path, null)) {
        return out.count;
      }
      offset = 0;
      skipping = false;
    }
  }

  @Override
  public void close() throws IOException {
    closeChannel();
  }

  /** Opens the file a pending saved state names; false when there is nothing to read yet. */
  private boolean restore() throws IOException {
    LogFollowerState saved = pending;
    if (saved == null || saved.noFile()) {
      if (open(path, null)) {
        pending = null;
        offset = 0;
        skipping = false;
        return true;
      }
      return false;
    }
    FileId wanted = new FileId(saved.device(), saved.inode());
    Path where = wanted.equals(FileId.of(path)) ? path : findRotated(wanted);
    if (where != null && open(where, wanted)) {
      pending = null;
      offset = saved.offset();
      skipping = saved.skippingLongLine();
      return true;
    }
    if (open(path, null)) {
      LOG.warn(
          "Log file {}: the file of the saved position is gone (deleted or compressed);"
              + " reading the current file from its start, lines of the old one may be lost",
          path);
      pending = null;
      offset = 0;
      skipping = false;
      return true;
    }
    return false;
  }

  private Path findRotated(FileId wanted) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    String name = path.getFileName().toString();
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir, name + "?*")) {
      for (Path sibling : siblings) {
        if (wanted.equals(FileId.of(sibling))) {
          return sibling;
        }
      }
    } catch (NoSuchFileException e) {
      return null;
    }
    return null;
  }

  /**
   * Opens {@code file}, making sure the handle is the file the identity names (stat, open, stat: a
   * rename in between is retried).
   */
  private boolean open(Path file, FileId expected) throws IOException {
    for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
      FileId before = FileId.of(file);
      if (before == null || (expected != null && !expected.equals(before))) {
        return false;
      }
      FileChannel opened;
      try {
        opened = FileChannel.open(file, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return false;
      }
      if (before.equals(FileId.of(file))) {
        channel = opened;
        openId = before;
        return true;
      }
      opened.close();
    }
    return false;
  }

  /**
   * Hands out the complete lines from the offset on, within the budget.
   *
   * @return true when only a partial line (or nothing) is left, false when the budget ran out
   */
  private boolean readAvailable(Emitter out, Budget budget) throws IOException {
    while (budget.lines > 0 && budget.bytes > 0) {
      int n = read(offset);
      if (n <= 0) {
        return true;
      }
      int start = 0;
      if (skipping) {
        int newline = indexOfNewline(0, n);
        if (newline < 0) {
          offset += n;
          budget.bytes -= n;
          continue;
        }
        skipping = false;
        start = newline + 1;
      }
      int newline;
      while (budget.lines > 0
          && start < budget.bytes
          && start < n
          && (newline = indexOfNewline(start, n)) >= 0) {
        out.line(start, newline, false);
        budget.lines--;
        start = newline + 1;
      }
      if (start == 0 && n == buffer.length && budget.lines > 0) {
        // No newline within the limit: cut the line, skip its rest.
        out.line(0, limits.maxLineBytes(), true);
        budget.lines--;
        start = limits.maxLineBytes();
        skipping = true;
      }
      offset += start;
      budget.bytes -= start;
      if (start == 0) {
        return true; // only a partial line is left: hold it until its newline arrives
      }
    }
    return false;
  }

  /** At a rename rotation, the old file's unterminated last line is complete: hand it out. */
  private void flushTail(Emitter out) throws IOException {
    int n = read(offset);
    if (n > 0 && !skipping) {
      out.line(0, Math.min(n, limits.maxLineBytes()), n > limits.maxLineBytes());
    }
    offset += Math.max(n, 0);
  }

  private int read(long position) throws IOException {
    ByteBuffer target = ByteBuffer.wrap(buffer);
    while (target.hasRemaining()) {
      int n = channel.read(target, position + target.position());
      if (n <= 0) {
        break;
      }
    }
    return target.position();
  }

  private byte byteAt(long position) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    return channel.read(one, position) == 1 ? one.get(0) : 0;
  }

  private int indexOfNewline(int from, int to) {
    for (int i = from; i < to; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Hands lines of the buffer to a sink and counts them. */
  private final class Emitter {
    final LineSink sink;
    int count;

    Emitter(LineSink sink) {
      this.sink = sink;
    }

    void line(int start, int end, boolean truncated) {
      int stop = !truncated && end > start && buffer[end - 1] == '\r' ? end - 1 : end;
      count++;
      sink.line(buffer, start, stop, truncated);
    }
  }

  private static long sizeOf(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  private void closeChannel() throws IOException {
    if (channel != null) {
      FileChannel closing = channel;
      channel = null;
      openId = null;
      closing.close();
    }
  }

  private static final class Budget {
    int lines;
    long bytes;

    Budget(int lines, long bytes) {
      this.lines = lines;
      this.bytes = bytes;
    }
  }

  /** A file's identity: device and inode. */
  record FileId(long device, long inode) {

    /** The identity of the file at {@code file}, null when there is none. */
    static FileId of(Path file) throws IOException {
      try {
        return new FileId(
            ((Number) Files.getAttribute(file, "unix:dev")).longValue(),
            ((Number) Files.getAttribute(file, "unix:ino")).longValue());
      } catch (NoSuchFileException e) {
        return null;
      }
    }
  }
}
