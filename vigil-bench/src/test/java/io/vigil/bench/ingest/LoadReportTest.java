package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.bench.ingest.ProcessWatch.Progress;
import io.vigil.bench.ingest.ProcessWatch.Usage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadReportTest {

  private final LoadOptions options =
      LoadOptions.parse(
          "--server",
          "http://127.0.0.1:8080",
          "--enrol-token",
          "t",
          "--agents",
          "100",
          "--series",
          "200",
          "--interval",
          "10s",
          "--duration",
          "20s",
          "--warmup",
          "5s");

  private IngestWindow twoSecondsOfTraffic() {
    IngestWindow w = new IngestWindow();
    for (int i = 0; i < 18; i++) {
      w.accepted(200, 2_000 + i * 100, 1_000);
    }
    w.rejected(429, 500, 400);
    w.rejected(400, 700, 600);
    w.rejected(503, 900, 800);
    w.failed(true);
    return w;
  }

  @Test
  void theResultIsAMarkdownTableWithRatesErrorsAndPercentiles() {
    LoadResult result =
        new LoadResult(
            options,
            twoSecondsOfTraffic(),
            2.0,
            new LoadResult.Payload(200, 28, 6_000, 1_500),
            Optional.of(new Usage(55.5, 11.1, 400 * 1024, 500 * 1024, 600 * 1024)),
            Optional.of(new Usage(5, 0.22, 50 * 1024, 60 * 1024, 70 * 1024)));

    String table = LoadReport.markdown(result);

    assertThat(table.lines()).allSatisfy(line -> assertThat(line).startsWith("|").endsWith("|"));
    assertThat(table)
        .contains("| requests/s (target) | 11.0 (10.0) |")
        .contains("| accepted samples/s (target) | 1,800 (2,000) |")
        .contains("| rejected 429 / 503 | 1 / 1 |")
        .contains("| rejected, other status | 400: 1 |")
        .contains("| I/O errors / timeouts | 0 / 1 |")
        .contains("| latency from due time p50 / p90 / p99 / max | 2.70 / 3.50 / 3.70 / 3.70 ms |")
        .contains(
            "| server CPU / RSS start → end (max) | 55.5 % of a core (11.1 s) / 400 → 500 (600) MiB |")
        .contains("| generator CPU per request | 10000 µs |");
  }

  @Test
  void withoutAServerPidTheServerRowSaysHowToGetIt() {
    LoadResult result =
        new LoadResult(
            options,
            new IngestWindow(),
            20.0,
            new LoadResult.Payload(200, 28, 6_000, 1_500),
            Optional.empty(),
            Optional.empty());

    assertThat(LoadReport.markdown(result)).contains("n/a (give --server-pid)");
  }

  @Test
  void aProgressLineShowsTheWindowsRatesAndErrors() {
    String line =
        LoadReport.progressLine(
            "measure",
            30,
            2.0,
            twoSecondsOfTraffic(),
            Optional.of(new Progress(80, 700 * 1024)),
            Optional.of(new Progress(7, 1)));

    assertThat(line)
        .startsWith("+30s measure")
        .contains("req/s     11.0")
        .contains("429 1  503 1  other 1  io 0  timeout 1")
        .contains("server cpu 80% rss 700 MiB")
        .contains("generator cpu 7%");
  }
}
