package io.vigil.weblog.analyze;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code vigil weblog analyze} on real files: exact totals and top counts against what the test
 * wrote, the same answer on one thread and on several (the file split at line boundaries, the
 * sketches merged), lines longer than the read buffer, CRLF endings, a last line without newline.
 */
class WeblogCommandIT {

  @TempDir Path dir;

  private record Run(int status, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = WeblogCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(status, out.toString(), err.toString());
  }

  private static JsonNode json(Run run) {
    assertThat(run.status()).as(run.err()).isZero();
    return JsonMapper.builder().build().readTree(run.out());
  }

  @Test
  void totalsAndTopCountsAreExactAndTheSameOnOneOrManyThreads() throws IOException {
    Path log = dir.resolve("access.log");
    Map<String, Long> perUrl = new HashMap<>();
    Map<Integer, Long> perStatus = new HashMap<>();
    long lines = 0;
    long malformed = 0;
    long bytes = 0;
    SplittableRandom r = new SplittableRandom(42);
    int[] statuses = {200, 200, 200, 304, 404, 500};
    try (BufferedWriter w = Files.newBufferedWriter(log, UTF_8)) {
      while (lines < 100_000) {
        lines++;
        if (r.nextInt(100) == 0) {
          w.write("garbage line " + lines + "\n");
          malformed++;
          continue;
        }
        int page = (int) Math.min(199, Math.abs(r.nextLong() % 1000) / (1 + r.nextInt(20)));
        int status = statuses[r.nextInt(statuses.length)];
        int size = r.nextInt(5000);
        String url = "/p/" + page + "?v=" + r.nextInt(9) + "&a=" + lines;
        w.write(
            "10.0."
                + r.nextInt(4)
                + "."
                + r.nextInt(250)
                + " - - [01/Jun/2024:10:00:01 +0900] \"GET "
                + url
                + " HTTP/1.1\" "
                + status
                + " "
                + size
                + " \"-\" \"curl/8\""
                + (lines % 7 == 0 ? "\r\n" : "\n"));
        perUrl.merge("/p/" + page + "?a&v", 1L, Long::sum);
        perStatus.merge(status, 1L, Long::sum);
        bytes += size;
      }
      // a line longer than the read buffer: malformed, and the next line still counts
      w.write("x".repeat(FileAnalyzer.BUFFER_BYTES + 10) + "\n");
      malformed++;
      lines++;
      w.write(
          "10.0.0.1 - - [01/Jun/2024:11:00:00 +0900] \"GET /last HTTP/1.1\" 200 1 \"-\" \"curl/8\"");
      lines++;
      bytes += 1;
      perUrl.merge("/last", 1L, Long::sum);
      perStatus.merge(200, 1L, Long::sum);
    }
    assertThat(Files.size(log))
        .as("large enough to be split")
        .isGreaterThan(2 * FileAnalyzer.MIN_PART_BYTES);

    JsonNode one = json(run("analyze", log.toString(), "--json", "--threads", "1", "--top", "500"));
    JsonNode many = json(run("analyze", log.toString(), "--json", "--threads=3", "--top=500"));
    for (JsonNode report : List.of(one, many)) {
      assertThat(report.get("lines").asLong()).isEqualTo(lines);
      assertThat(report.get("malformed").asLong()).isEqualTo(malformed);
      assertThat(report.get("requests").asLong()).isEqualTo(lines - malformed);
      assertThat(report.get("bytes").asLong()).isEqualTo(bytes);
      perStatus.forEach(
          (code, n) -> assertThat(report.at("/status_codes/" + code).asLong()).isEqualTo(n));
      JsonNode urls = report.at("/top/url");
      assertThat(urls.get("error_bound").asLong()).as("fewer keys than counters: exact").isZero();
      assertThat(urls.get("rows")).hasSize(perUrl.size());
      for (JsonNode row : urls.get("rows")) {
        assertThat(row.get("requests").asLong())
            .as(row.get("key").asString())
            .isEqualTo(perUrl.get(row.get("key").asString()));
      }
      assertThat(report.get("first").asString()).isEqualTo("2024-06-01T01:00:01Z");
      assertThat(report.get("last").asString()).isEqualTo("2024-06-01T02:00:00Z");
    }
    assertThat(many.at("/timing/threads").asInt()).isEqualTo(3);
    assertThat(one.get("top")).isEqualTo(many.get("top"));
  }

  @Test
  void customFormatsAndTheTextReport() throws IOException {
    Path log =
        Files.writeString(
            dir.resolve("nginx.log"),
            "1.1.1.1 [01/Jun/2024:10:00:01 +0900] \"GET /a HTTP/1.1\" 200 10 0.120 up1\n"
                + "1.1.1.2 [01/Jun/2024:10:00:02 +0900] \"GET /a HTTP/1.1\" 502 0 1.000 up2\n"
                + "broken\n",
            UTF_8);
    Run text =
        run(
            "analyze",
            log.toString(),
            "--format",
            "nginx",
            "--log-format",
            "$remote_addr [$time_local] \"$request\" $status $body_bytes_sent $request_time"
                + " $upstream_addr");
    assertThat(text.status()).as(text.err()).isZero();
    assertThat(text.out())
        .contains("3 lines, 1 malformed, 2 requests")
        .contains("codes   200 1  502 1")
        .contains("response time ms  count 2")
        .contains("Top url")
        .contains("Top upstream")
        .contains("/a");
  }

  @Test
  void badArgumentsAndMissingFilesExitWithTwo() {
    assertThat(run().status()).isEqualTo(2);
    Run noFile = run("analyze", dir.resolve("nope.log").toString());
    assertThat(noFile.status()).isEqualTo(2);
    assertThat(noFile.err()).contains("cannot read");
    Run nginxWithoutFormat = run("analyze", "x.log", "--format", "nginx");
    assertThat(nginxWithoutFormat.err()).contains("log_format is required");
    assertThat(run("analyze", "x.log", "--top", "0").err()).contains("--top must be from 1");
    assertThat(run("analyze", "x.log", "--frobnicate").err()).contains("unexpected argument");
  }
}
