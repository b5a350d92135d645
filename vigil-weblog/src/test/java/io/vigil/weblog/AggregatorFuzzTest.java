package io.vigil.weblog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Point;
import io.vigil.weblog.parse.LogFormat;
import io.vigil.weblog.parse.ParserFuzzTest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The whole per-line path (parse, URL normalisation, user-agent classification, sketches) and the
 * points built from it survive seeded broken and oversized lines: nothing throws, every line is
 * counted as a request or as malformed, and every point is valid for the wire.
 */
class AggregatorFuzzTest {

  private static final long SEED = Long.getLong("vigil.fuzz.seed", 20261207L);
  private static final int TRIES = Integer.getInteger("vigil.fuzz.tries", 200_000) / 4;

  @Test
  void brokenLinesAreCountedAndThePointsStayValid() {
    LogFormat format =
        LogFormat.of(
            "nginx",
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                + " \"$http_referer\" \"$http_user_agent\" $request_time $upstream_addr $host");
    String valid =
        "203.0.113.9 - - [01/Jun/2024:10:00:01 +0900] \"GET /a/123/b?x=1&y=2 HTTP/1.1\" 503 77"
            + " \"https://r.example/"
            + "r".repeat(230)
            + "\" \"Mozilla/5.0 (compatible; XBot/1)\""
            + " 0.250 10.0.0.1:80, 10.0.0.2:80 shop.example";
    TrafficAggregator aggregator =
        new TrafficAggregator(format, new TrafficAggregator.Settings(64, true, 20, true));
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] good = valid.getBytes(UTF_8);
    for (int i = 0; i < TRIES; i++) {
      byte[] line = i % 10 == 0 ? good : ParserFuzzTest.mutate(good, random);
      aggregator.accept(line, 0, line.length, i % 997 == 0);
    }
    RunTotals run = aggregator.run();
    assertThat(run.lines()).isEqualTo(TRIES);
    assertThat(run.requests() + run.malformed()).isEqualTo(TRIES);
    assertThat(run.requests()).isGreaterThanOrEqualTo(TRIES / 10 - TRIES / 997 - 1);
    assertThat(run.samples())
        .hasSize(20)
        .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(500));
    List<Point> points = WebLogPoints.summary("fuzz", 1, run, 10, true);
    points.addAll(WebLogPoints.top("fuzz", 1, aggregator.top(), 50, true));
    assertThat(points).isNotEmpty();
  }
}
