package io.vigil.agent.check.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LogFollower} against the real {@code logrotate}: a writer appends numbered lines while
 * {@code logrotate -f} rotates the file several times; the follower is polled concurrently and
 * restarted from its saved state once, with one rotation happening while it is down.
 */
class LogRotationIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void renameAndCreateLosesAndDoublesNoLine() throws Exception {
    List<Integer> seen = runScenario("create", true, true);

    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < seen.size(); i++) {
      expected.add(i);
    }
    assertThat(seen).as("every line number exactly once, in order").isEqualTo(expected);
  }

  /**
   * copytruncate cannot be lossless for any tailer: what the follower has not read when logrotate
   * truncates is gone from the file. What is guaranteed and asserted: no line is read twice, lines
   * come in order, and every missing line belongs to a run that ends right before the first line of
   * a truncated generation (the race window before a truncation), never in the middle of one.
   */
  @Test
  void copyTruncateLosesLinesOnlyInTheRaceWindowAndDoublesNone() throws Exception {
    List<Integer> seen = runScenario("copytruncate", false, false);

    assertThat(seen).as("in order, no duplicates").isSorted().doesNotHaveDuplicates();
    TreeSet<Integer> generationStarts = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
      for (Path file : files.toList()) {
        List<String> lines = Files.readAllLines(file, UTF_8);
        if (!lines.isEmpty()) {
          generationStarts.add(Integer.parseInt(lines.get(0)));
        }
      }
    }
    TreeSet<Integer> seenSet = new TreeSet<>(seen);
    int last = seen.get(seen.size() - 1);
    for (int n = 0; n <= last; n++) {
      if (!seenSet.contains(n)) {
        int end = n;
        while (!seenSet.contains(end + 1)) {
          end++;
        }
        assertThat(generationStarts)
            .as("lines %d..%d are missing: they must precede a truncation", n, end)
            .contains(end + 1);
        n = end;
      }
    }
  }

  /**
   * Writes, rotates 4 times, restarts the follower from its persisted state once (with a rotation
   * while it is down if {@code rotateWhileDown}), returns the line numbers seen.
   */
  private List<Integer> runScenario(String mode, boolean writerReopens, boolean rotateWhileDown)
      throws Exception {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Path log = Files.createFile(logs.resolve("app.log"));
    Logrotate logrotate = Logrotate.of(log, mode, dir);

    LogLineWriter writer = new LogLineWriter(log, writerReopens, Long::toString);
    List<Integer> seen = new ArrayList<>();
    Poller poller = new Poller(LogFollower.startingAtEnd(log, LogFollowerLimits.DEFAULTS), seen);
    writer.start();
    poller.start();
    try {
      for (int rotation = 0; rotation < 4; rotation++) {
        writer.awaitMore(300, PATIENCE);
        if (rotation == 2) {
          LogFollowerState saved = poller.stopAndClose();
          String persisted = saved.encode();
          if (rotateWhileDown) {
            logrotate.rotate();
          }
          writer.awaitMore(300, PATIENCE);
          poller =
              new Poller(
                  LogFollower.resuming(
                      log, LogFollowerState.decode(persisted), LogFollowerLimits.DEFAULTS),
                  seen);
          poller.start();
        }
        if (rotation != 2 || !rotateWhileDown) {
          logrotate.rotate();
        }
      }
      writer.awaitMore(300, PATIENCE);
      int last = (int) writer.stop() - 1;
      Poller running = poller;
      await().atMost(PATIENCE).until(() -> running.last() >= last || running.failure.get() != null);
      assertThat(running.failure.get()).as("poller failure").isNull();
    } finally {
      writer.stop();
      poller.stopAndClose();
    }
    assertThat(seen).as("lines seen").isNotEmpty();
    return seen;
  }

  /** Polls a follower on its own thread, collecting the line numbers. */
  private static final class Poller implements Runnable {
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final LogFollower follower;
    private final List<Integer> seen;
    private final Thread thread = new Thread(this, "log-poller");
    private volatile boolean running = true;
    private volatile int last = -1;

    Poller(LogFollower follower, List<Integer> seen) {
      this.follower = follower;
      this.seen = seen;
    }

    void start() {
      thread.start();
    }

    int last() {
      return last;
    }

    LogFollowerState stopAndClose() throws Exception {
      running = false;
      thread.join();
      LogFollowerState state = follower.state();
      follower.close();
      return state;
    }

    @Override
    public void run() {
      try {
        while (running) {
          for (LogLine line : follower.poll()) {
            int n = Integer.parseInt(line.text());
            synchronized (seen) {
              seen.add(n);
            }
            last = n;
          }
          LockSupport.parkNanos(1_000_000); // poll interval
        }
      } catch (IOException | RuntimeException e) {
        failure.set(e);
      }
    }
  }
}
