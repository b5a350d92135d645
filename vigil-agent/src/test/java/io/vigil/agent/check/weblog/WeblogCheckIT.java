package io.vigil.agent.check.weblog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKindFixture;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.agent.check.log.LogLineWriter;
import io.vigil.agent.check.log.Logrotate;
import io.vigil.model.CheckStatus;
import io.vigil.model.Point;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code weblog} check kind on a real access log written while the real {@code logrotate}
 * rotates it: by rename + create while lines are appended (and once while the check is down, the
 * check resuming from its state file), and by copytruncate. Afterwards the summed points give the
 * exact request, status, method and byte counts of what was written, and the top URL table the
 * exact count of every URL.
 */
class WeblogCheckIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String LOG_FORMAT =
      "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
          + " \"$http_referer\" \"$http_user_agent\" $request_time";

  @TempDir Path dir;

  /** Line {@code n} of the test's access log. */
  static String line(long n) {
    return "10.0.0."
        + (n % 5)
        + " - - [01/Jun/2024:10:00:01 +0900] \""
        + method(n)
        + " /item/"
        + (n % 7)
        + "?n="
        + n
        + " HTTP/1.1\" "
        + status(n)
        + " "
        + (n % 1000)
        + " \"-\" \"curl/8.5.0\" 0."
        + (100 + n % 900);
  }

  static int status(long n) {
    return n % 10 == 0 ? 500 : n % 10 == 1 ? 404 : 200;
  }

  static String method(long n) {
    return n % 3 == 0 ? "POST" : "GET";
  }

  private RunnableCheck check(Path log, String topInterval) throws Exception {
    CheckContext context = CheckKindFixture.context(dir.resolve("state"), List.of());
    return CheckKindFixture.create(
        "weblog",
        "shop_log",
        Map.of(
            "paths",
            log.toString(),
            "format",
            "nginx",
            "log_format",
            LOG_FORMAT,
            "top",
            "50",
            "top_interval",
            topInterval),
        context);
  }

  @Test
  void renameAndCreateWhileWritingAndARestartGiveExactCounts() throws Exception {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Path log = Files.createFile(logs.resolve("access.log"));
    Logrotate logrotate = Logrotate.of(log, "create", dir);
    LogLineWriter writer = new LogLineWriter(log, true, WeblogCheckIT::line);
    List<Point> points = new ArrayList<>();
    Runner runner = new Runner(check(log, "60s"), points);
    writer.start();
    runner.start();
    try {
      for (int rotation = 0; rotation < 4; rotation++) {
        writer.awaitMore(400, PATIENCE);
        if (rotation == 2) {
          runner.stopAndClose();
          logrotate.rotate(); // while the check is down
          writer.awaitMore(400, PATIENCE);
          runner = new Runner(check(log, "60s"), points);
          runner.start();
        } else {
          logrotate.rotate();
        }
      }
      writer.awaitMore(400, PATIENCE);
      long written = writer.stop();
      Runner running = runner;
      await()
          .atMost(PATIENCE)
          .until(() -> sum(points, "weblog", "requests") >= written || running.failed());
      running.stopAndClose();
      assertExactTotals(points, written);
    } finally {
      writer.stop();
      runner.stopAndClose();
    }
  }

  @Test
  void copytruncateAfterTheCheckCaughtUpLosesNothingAndTopUrlsAreExact() throws Exception {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    Path log = Files.createFile(logs.resolve("access.log"));
    Logrotate logrotate = Logrotate.of(log, "copytruncate", dir);
    LogLineWriter writer = new LogLineWriter(log, false, WeblogCheckIT::line);
    List<Point> points = new ArrayList<>();
    Runner runner = new Runner(check(log, "1s"), points);
    writer.start();
    runner.start();
    try {
      for (int rotation = 0; rotation < 3; rotation++) {
        writer.awaitMore(400, PATIENCE);
        // copytruncate loses what no reader has read when it truncates (logrotate's manual says
        // so), so the writer holds still until the check has read everything, and the check runs
        // again after the truncation before the writer goes on.
        writer.pause();
        long written = writer.written();
        await().atMost(PATIENCE).until(() -> sum(points, "weblog", "requests") >= written);
        logrotate.rotate();
        int runs = runner.runs();
        await().atMost(PATIENCE).until(() -> runner.runs() >= runs + 2);
        writer.resume();
      }
      writer.awaitMore(400, PATIENCE);
      long written = writer.stop();
      // the top tables of the last period are sent once a run falls into the next period
      await()
          .atMost(PATIENCE)
          .until(() -> sum(points, "weblog_top", "requests", "url") >= written || runner.failed());
      runner.stopAndClose();
      assertExactTotals(points, written);
      Map<String, Long> expected = new HashMap<>();
      for (long n = 0; n < written; n++) {
        expected.merge("/item/" + (n % 7) + "?n", 1L, Long::sum);
      }
      Map<String, Long> reported = new HashMap<>();
      for (Point p : points) {
        if (p.measurement().equals("weblog_top") && p.tags().get("dim").equals("url")) {
          reported.merge(p.tags().get("key"), p.fields().get("requests").longValue(), Long::sum);
          assertThat(p.fields().get("err_bound")).isZero();
          assertThat(p.fields()).containsKeys("rt_p50_ms", "rt_p90_ms", "rt_p99_ms");
        }
      }
      assertThat(reported).isEqualTo(expected);
    } finally {
      writer.stop();
      runner.stopAndClose();
    }
  }

  @Test
  void severalLogsAreAggregatedTogetherAndEachResumesWhereItStood() throws Exception {
    Path a = Files.writeString(dir.resolve("a.access.log"), line(0) + "\n", UTF_8);
    Path b = Files.writeString(dir.resolve("b.access.log"), line(0) + "\n", UTF_8);
    Path other = Files.writeString(dir.resolve("other.log"), line(0) + "\n", UTF_8);
    CheckContext context = CheckKindFixture.context(dir.resolve("state"), List.of());
    Map<String, String> params =
        Map.of(
            "paths",
            dir.resolve("*.access.log") + "\n" + other,
            "format",
            "nginx",
            "log_format",
            LOG_FORMAT);
    List<Point> points = new ArrayList<>();
    try (RunnableCheck check = CheckKindFixture.create("weblog", "shop_log", params, context)) {
      points.addAll(check.run().points());
      append(a, 1, 3);
      append(b, 3, 10);
      append(other, 10, 11);
      points.addAll(check.run().points());
    }
    append(a, 11, 20); // while no check runs
    append(other, 20, 25);
    try (RunnableCheck check = CheckKindFixture.create("weblog", "shop_log", params, context)) {
      points.addAll(check.run().points());
    }
    assertThat(sum(points, "weblog", "requests")).as("lines 1..24, each once").isEqualTo(24);
    long bytes = 0;
    for (int n = 1; n < 25; n++) {
      bytes += n % 1000;
    }
    assertThat(sum(points, "weblog", "bytes")).isEqualTo(bytes);
    assertThat(Files.readString(dir.resolve("state/shop_log.state")))
        .contains("pattern " + dir.resolve("*.access.log"))
        .contains("pattern " + other);
  }

  private static void append(Path file, long from, long to) throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    for (long n = from; n < to; n++) {
      text.append(line(n)).append('\n');
    }
    Files.writeString(file, text, UTF_8, StandardOpenOption.APPEND);
  }

  @Test
  void unknownWithoutFilesAndWithInvalidFormats() throws Exception {
    try (RunnableCheck check = check(dir.resolve("missing/access.log"), "60s")) {
      CheckReport report = check.run();
      assertThat(report.status()).isEqualTo(CheckStatus.UNKNOWN);
      assertThat(report.message()).startsWith("no file matches ");
      assertThat(report.points()).as("absent, not zero").isEmpty();
    }
    CheckContext context = CheckKindFixture.context(dir.resolve("state"), List.of());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                CheckKindFixture.create(
                    "weblog",
                    "bad",
                    Map.of(
                        "paths", "/var/log/x.log", "format", "nginx", "log_format", "$remote_addr"),
                    context))
        .hasMessageContaining("no status code");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                CheckKindFixture.create("weblog", "bad", Map.of("paths", "relative.log"), context))
        .hasMessageContaining("absolute");
  }

  @Test
  void historyIsSkippedAndAQuietRunStillSendsTheSummary() throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(log, (line(1) + "\n").repeat(1000), UTF_8);
    try (RunnableCheck check = check(log, "60s")) {
      CheckReport first = check.run();
      assertThat(first.status()).isEqualTo(CheckStatus.OK);
      assertThat(first.message()).isEqualTo("0 requests, 0.0% 5xx");
      Point summary = first.points().get(0);
      assertThat(summary.measurement()).isEqualTo("weblog");
      assertThat(summary.fields()).containsEntry("requests", 0.0).doesNotContainKey("req_per_s");
      Files.writeString(
          log, line(10) + "\n" + line(12) + "\nnot a log line\n", UTF_8, StandardOpenOption.APPEND);
      CheckReport second = check.run();
      assertThat(second.message())
          .startsWith("2 requests, 50.0% 5xx, p99 ")
          .endsWith(" ms, 1 malformed line skipped");
      assertThat(second.metrics())
          .containsEntry("requests", 2.0)
          .containsEntry("error_5xx_pct", 50.0);
      assertThat(second.details()).containsExactly(line(10));
      assertThat(second.points().get(0).fields())
          .containsEntry("lines", 3.0)
          .containsEntry("malformed", 1.0)
          .containsKey("req_per_s");
    }
  }

  private static void assertExactTotals(List<Point> points, long written) {
    Map<String, Long> codes = new HashMap<>();
    Map<String, Long> methods = new HashMap<>();
    long bytes = 0;
    for (long n = 0; n < written; n++) {
      codes.merge(Integer.toString(status(n)), 1L, Long::sum);
      methods.merge(method(n), 1L, Long::sum);
      bytes += n % 1000;
    }
    assertThat(sum(points, "weblog", "lines")).isEqualTo(written);
    assertThat(sum(points, "weblog", "malformed")).isZero();
    assertThat(sum(points, "weblog", "requests")).isEqualTo(written);
    assertThat(sum(points, "weblog", "bytes")).isEqualTo(bytes);
    assertThat(sum(points, "weblog", "status_5xx")).isEqualTo(codes.get("500"));
    assertThat(sum(points, "weblog", "status_4xx")).isEqualTo(codes.get("404"));
    assertThat(sum(points, "weblog", "status_2xx")).isEqualTo(codes.get("200"));
    Map<String, Long> reportedCodes = new HashMap<>();
    Map<String, Long> reportedMethods = new HashMap<>();
    synchronized (points) {
      for (Point p : points) {
        if (p.measurement().equals("weblog_status")) {
          reportedCodes.merge(
              p.tags().get("code"), p.fields().get("requests").longValue(), Long::sum);
        } else if (p.measurement().equals("weblog_method")) {
          reportedMethods.merge(
              p.tags().get("method"), p.fields().get("requests").longValue(), Long::sum);
        }
        assertThat(p.tags()).containsEntry("log", "shop_log");
      }
    }
    assertThat(reportedCodes).isEqualTo(codes);
    assertThat(reportedMethods).isEqualTo(methods);
  }

  /** The sum of a field over the points of a measurement (and, for weblog_top, a dimension). */
  static long sum(List<Point> points, String measurement, String field, String... dim) {
    synchronized (points) {
      long total = 0;
      for (Point p : points) {
        if (p.measurement().equals(measurement)
            && (dim.length == 0 || dim[0].equals(p.tags().get("dim")))) {
          total += p.fields().getOrDefault(field, 0.0).longValue();
        }
      }
      return total;
    }
  }

  /** Runs a check every few milliseconds on its own thread, collecting its points. */
  private static final class Runner implements Runnable {
    private final RunnableCheck check;
    private final List<Point> points;
    private final Thread thread = new Thread(this, "weblog-runner");
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger runs = new AtomicInteger();
    private volatile boolean running = true;

    Runner(RunnableCheck check, List<Point> points) {
      this.check = check;
      this.points = points;
    }

    void start() {
      thread.start();
    }

    int runs() {
      return runs.get();
    }

    boolean failed() {
      return failure.get() != null;
    }

    void stopAndClose() throws Exception {
      running = false;
      thread.join();
      check.close();
      assertThat(failure.get()).as("check run failure").isNull();
    }

    @Override
    public void run() {
      try {
        while (running) {
          CheckReport report = check.run();
          assertThat(report.status()).as(report.message()).isEqualTo(CheckStatus.OK);
          synchronized (points) {
            points.addAll(report.points());
          }
          runs.incrementAndGet();
          LockSupport.parkNanos(20_000_000); // the check's interval, shortened
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }
  }
}
