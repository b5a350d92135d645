package io.vigil.agent.check.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKindFixture;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code log} check kind on real files: history is skipped, huge lines and binary content do
 * not break it, and with the real {@code logrotate} rotating the file while lines are appended and
 * the check instance restarted from its saved state, every matching line is counted exactly once.
 */
class LogCheckIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String PATTERNS = "CRITICAL ERROR\nWARNING \\bwarn\\b";

  @TempDir Path dir;

  private CheckContext context() {
    return CheckKindFixture.context(dir.resolve("state"), List.of());
  }

  private RunnableCheck check(Path log) throws Exception {
    return CheckKindFixture.create(
        "log",
        "app_log",
        Map.of("path", log.toString(), "patterns", PATTERNS, "samples", "3"),
        context());
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void historyIsSkippedThenNewLinesAreCountedPerPatternWithSamples() throws Exception {
    Path log = dir.resolve("app.log");
    append(log, "old ERROR\n".repeat(200_000)); // about 2 MB of history
    try (RunnableCheck check = check(log)) {
      CheckReport first = check.run();
      assertThat(first.status()).isEqualTo(CheckStatus.OK);
      assertThat(first.metrics())
          .containsEntry("lines", 0.0)
          .containsEntry("matches_1", 0.0)
          .containsEntry("matches_2", 0.0);
      assertThat(first.message()).isEqualTo("0 new lines, no matches");

      append(log, "a warn here\nERROR one\nfine\nERROR two\nERROR three\nERROR four\n");
      CheckReport second = check.run();
      assertThat(second.status()).isEqualTo(CheckStatus.CRITICAL);
      assertThat(second.metrics())
          .containsEntry("lines", 6.0)
          .containsEntry("matches_1", 4.0)
          .containsEntry("matches_2", 1.0);
      assertThat(second.message())
          .isEqualTo("6 new lines: 4 × CRITICAL /ERROR/, 1 × WARNING /\\bwarn\\b/");
      assertThat(second.details()).containsExactly("ERROR one", "ERROR two", "ERROR three");

      append(log, "warn again\n");
      CheckReport third = check.run();
      assertThat(third.status()).isEqualTo(CheckStatus.WARNING);
      assertThat(third.metrics()).containsEntry("matches_1", 0.0).containsEntry("matches_2", 1.0);
      assertThat(third.details()).containsExactly("warn again");
    }
  }

  @Test
  void aOneMegabyteLineAndABinaryFileDoNotBreakTheCheck() throws Exception {
    Path log = dir.resolve("app.log");
    Files.createFile(log);
    try (RunnableCheck check = check(log)) {
      check.run();
      append(log, "ERROR " + "x".repeat(1 << 20) + "\nERROR after the long line\n");
      CheckReport longLine = check.run();
      assertThat(longLine.status()).isEqualTo(CheckStatus.CRITICAL);
      assertThat(longLine.metrics()).containsEntry("lines", 2.0).containsEntry("matches_1", 2.0);
      assertThat(longLine.details()).hasSize(2);
      assertThat(longLine.details().get(0)).startsWith("ERROR xxx").hasSizeLessThan(2000);
      assertThat(longLine.details().get(1)).isEqualTo("ERROR after the long line");

      byte[] binary = new byte[3 << 20];
      new Random(42).nextBytes(binary);
      Files.write(log, binary, StandardOpenOption.APPEND);
      append(log, "\nERROR after the binary\n");
      long newlines = 2;
      for (byte b : binary) {
        newlines += b == '\n' ? 1 : 0;
      }
      long counted = 0;
      long errors = 0;
      CheckReport report;
      do { // a run reads a bounded amount; the rest comes with the next runs
        report = check.run();
        counted += report.metrics().get("lines").longValue();
        errors += report.metrics().get("matches_1").longValue();
      } while (report.metrics().get("lines") > 0);
      assertThat(counted).isEqualTo(newlines);
      assertThat(errors).isGreaterThanOrEqualTo(1);

      append(log, "ERROR still counting\n");
      CheckReport after = check.run();
      assertThat(after.metrics()).containsEntry("lines", 1.0).containsEntry("matches_1", 1.0);
      assertThat(after.details()).containsExactly("ERROR still counting");
    }
  }

  @Test
  void anItemWithoutAFileIsUnknownAndInvalidPatternsAreRejected() throws Exception {
    try (RunnableCheck check = check(dir.resolve("missing.log"))) {
      CheckReport report = check.run();
      assertThat(report.status()).isEqualTo(CheckStatus.UNKNOWN);
      assertThat(report.message()).isEqualTo("no file matches " + dir.resolve("missing.log"));
    }
    assertThatInvalid(Map.of("path", "relative.log", "patterns", "CRITICAL x"), "absolute path");
    assertThatInvalid(
        Map.of("path", dir + "/a.log", "patterns", "FATAL x"),
        "line 1 must be '<OK|WARNING|CRITICAL|UNKNOWN> <regex>'");
    assertThatInvalid(
        Map.of("path", dir + "/a.log", "patterns", "CRITICAL (x"), "not a valid regular");
    assertThatInvalid(
        Map.of("path", dir + "/*/a.log", "patterns", "CRITICAL x"), "glob characters");
  }

  private void assertThatInvalid(Map<String, String> params, String message) {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CheckKindFixture.create("log", "bad", params, context()))
        .isInstanceOf(io.vigil.model.InvalidInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void renameAndCreateRotationsAndARestartCountEveryLineOnce() throws Exception {
    assertCountedExactlyOnce("create", true);
  }

  /**
   * copytruncate loses, for every tailer, what is written between logrotate's copy and its truncate
   * (it is in neither file) and what was not read before the truncate; {@code LogRotationIT} bounds
   * that loss with a writer that never stops. Here the writer keeps appending between rotations and
   * while the check is down, and holds still only across each copy+truncate, after the check caught
   * up: then every line must be counted exactly once.
   */
  @Test
  void copyTruncateRotationsAndARestartCountEveryLineOnce() throws Exception {
    assertCountedExactlyOnce("copytruncate", false);
  }

  private void assertCountedExactlyOnce(String mode, boolean rename) throws Exception {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Path log = Files.createFile(logs.resolve("app.log"));
    Logrotate logrotate = Logrotate.of(log, mode, dir);

    LogLineWriter writer = new LogLineWriter(log, rename, LogCheckIT::line);
    Totals totals = new Totals();
    CheckPoller poller = new CheckPoller(check(log), totals);
    writer.start();
    poller.start();
    try {
      for (int rotation = 0; rotation < 4; rotation++) {
        writer.awaitMore(500, PATIENCE);
        if (rotation == 2) {
          poller.stopAndClose(); // the check instance goes away: its positions are saved
          writer.awaitMore(500, PATIENCE);
          if (rename) {
            logrotate.rotate(); // one rotation while the check is down
            writer.awaitMore(500, PATIENCE);
          }
          poller = new CheckPoller(check(log), totals); // a new instance from the saved state
          poller.start();
          writer.awaitMore(500, PATIENCE);
        }
        if (rename) {
          logrotate.rotate();
        } else {
          writer.pause();
          await().atMost(PATIENCE).until(() -> totals.lines.get() >= writer.written());
          logrotate.rotate();
          writer.resume();
        }
      }
      writer.awaitMore(500, PATIENCE);
      writer.stop();
      CheckPoller last = poller;
      await()
          .atMost(PATIENCE)
          .until(() -> totals.lines.get() >= writer.written() || last.failure.get() != null);
      assertThat(last.failure.get()).as("check failure").isNull();
    } finally {
      writer.stop();
      poller.stopAndClose();
    }
    assertThat(writer.failure.get()).as("writer failure").isNull();
    assertThat(totals.lines.get()).as("lines").isEqualTo(writer.written());
    assertThat(totals.errors.get())
        .as("ERROR lines")
        .isEqualTo(LongStream.range(0, writer.written()).filter(LogCheckIT::isError).count());
    assertThat(totals.warnings.get())
        .as("warn lines")
        .isEqualTo(LongStream.range(0, writer.written()).filter(LogCheckIT::isWarn).count());
    assertThat(writer.written()).isGreaterThan(2_500);
  }

  /** Line {@code n} the writer appends: every third an ERROR, else every fifth a warn. */
  private static String line(long n) {
    return n + (isError(n) ? " ERROR boom" : isWarn(n) ? " a warn line" : " INFO fine");
  }

  private static boolean isError(long n) {
    return n % 3 == 0;
  }

  private static boolean isWarn(long n) {
    return !isError(n) && n % 5 == 0;
  }

  /** The metrics of every run of every instance of one scenario, added up. */
  private static final class Totals {
    final AtomicLong lines = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong warnings = new AtomicLong();
  }

  /** Runs one check instance over and over on its own thread, adding up its metrics. */
  private static final class CheckPoller implements Runnable {
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final RunnableCheck check;
    private final Totals totals;
    private final Thread thread = new Thread(this, "log-check");
    private volatile boolean running = true;

    CheckPoller(RunnableCheck check, Totals totals) {
      this.check = check;
      this.totals = totals;
    }

    void start() {
      thread.start();
    }

    void stopAndClose() throws Exception {
      running = false;
      thread.join();
      check.close();
    }

    @Override
    public void run() {
      try {
        while (running) {
          CheckReport report = check.run();
          if (report.status() == CheckStatus.UNKNOWN) {
            throw new IllegalStateException("UNKNOWN: " + report.message());
          }
          // errors and warnings before lines: a reader that sees all lines sees their matches
          totals.errors.addAndGet(report.metrics().get("matches_1").longValue());
          totals.warnings.addAndGet(report.metrics().get("matches_2").longValue());
          totals.lines.addAndGet(report.metrics().get("lines").longValue());
          LockSupport.parkNanos(2_000_000); // the check's interval, shortened
        }
      } catch (Exception e) {
        failure.set(e);
      }
    }
  }
}
