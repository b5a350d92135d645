package io.vigil.agent.check.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Follows every file matching a path pattern such as {@code /var/log/app/*.log}: one {@link
 * LogFollower} per matching file, picking up files that start matching later (read from their
 * start) and dropping followers whose file stayed gone. Glob characters are allowed in the last
 * path segment only ({@link java.nio.file.FileSystem#getPathMatcher} glob syntax). A pattern that
 * also matches rotated names (e.g. {@code *.log*}) follows the rotated files as files of their own.
 *
 * <p>Not thread-safe: one thread polls.
 */
public final class LogGlob implements Closeable {

  /** Polls a follower survives with its path gone, so a rename rotation can complete. */
  static final int GONE_POLLS_BEFORE_DROP = 3;

  private final Path directory;
  private final String glob;
  private final LogFollowerLimits limits;
  private final Map<Path, LogFollower> followers = new TreeMap<>();
  private final Map<Path, Integer> gonePolls = new HashMap<>();

  private LogGlob(String pattern, LogFollowerLimits limits) {
    Path full = Path.of(Objects.requireNonNull(pattern, "pattern")).toAbsolutePath();
    this.directory = full.getParent();
    this.glob = full.getFileName().toString();
    this.limits = Objects.requireNonNull(limits, "limits");
    if (hasGlobChars(directory.toString())) {
      throw new IllegalArgumentException(
          "glob characters are allowed in the file name only: " + pattern);
    }
  }

  /** Existing matching files are followed from their end, later ones from their start. */
  public static LogGlob startingAtEnd(String pattern, LogFollowerLimits limits) throws IOException {
    LogGlob logGlob = new LogGlob(pattern, limits);
    for (Path file : logGlob.matching()) {
      logGlob.followers.put(file, LogFollower.startingAtEnd(file, limits));
    }
    return logGlob;
  }

  /**
   * Continues from saved {@link #states()}; matching files the saved states do not know are read
   * from their start (they appeared while the agent was down).
   */
  public static LogGlob resuming(
      String pattern, Map<Path, LogFollowerState> saved, LogFollowerLimits limits)
      throws IOException {
    LogGlob logGlob = new LogGlob(pattern, limits);
    for (Map.Entry<Path, LogFollowerState> entry : saved.entrySet()) {
      Path file = entry.getKey().toAbsolutePath();
      logGlob.followers.put(file, LogFollower.resuming(file, entry.getValue(), limits));
    }
    return logGlob;
  }

  /** New lines per file, in path order; files without new lines are left out. */
  public Map<Path, List<LogLine>> poll() throws IOException {
    Map<Path, List<LogLine>> out = new LinkedHashMap<>();
    pollEach(
        (file, follower) -> {
          List<LogLine> lines = follower.poll();
          if (!lines.isEmpty()) {
            out.put(file, lines);
          }
          return lines.size();
        });
    return out;
  }

  /**
   * Hands the new lines of every file, in path order, to {@code sink} as bytes (see {@link
   * LogFollower#poll(LogFollower.LineSink)}).
   *
   * @return the number of lines handed out
   */
  public int poll(LogFollower.LineSink sink) throws IOException {
    int[] total = {0};
    pollEach(
        (file, follower) -> {
          int n = follower.poll(sink);
          total[0] += n;
          return n;
        });
    return total[0];
  }

  /** One poll of one follower; returns the number of lines it gave. */
  @FunctionalInterface
  private interface FollowerPoll {
    int poll(Path file, LogFollower follower) throws IOException;
  }

  private void pollEach(FollowerPoll action) throws IOException {
    for (Path file : matching()) {
      if (!followers.containsKey(file)) {
        followers.put(file, LogFollower.resuming(file, LogFollowerState.NO_FILE, limits));
      }
    }
    Iterator<Map.Entry<Path, LogFollower>> it = followers.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Path, LogFollower> entry = it.next();
      int lines = action.poll(entry.getKey(), entry.getValue());
      if (Files.exists(entry.getKey()) || lines > 0) {
        gonePolls.remove(entry.getKey());
      } else if (gonePolls.merge(entry.getKey(), 1, Integer::sum) >= GONE_POLLS_BEFORE_DROP) {
        gonePolls.remove(entry.getKey());
        entry.getValue().close();
        it.remove();
      }
    }
  }

  /** The position of every followed file, to persist and pass to {@link #resuming}. */
  public Map<Path, LogFollowerState> states() {
    Map<Path, LogFollowerState> states = new TreeMap<>();
    followers.forEach((file, follower) -> states.put(file, follower.state()));
    return Collections.unmodifiableMap(states);
  }

  /** The files followed now. */
  public List<Path> files() {
    return List.copyOf(followers.keySet());
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (LogFollower follower : followers.values()) {
      try {
        follower.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    followers.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private List<Path> matching() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    } catch (NoSuchFileException e) {
      return files;
    }
    return files;
  }

  private static boolean hasGlobChars(String text) {
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }
}
