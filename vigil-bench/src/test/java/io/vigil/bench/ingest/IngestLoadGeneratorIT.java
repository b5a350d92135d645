package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.bench.ingest.StandInIngestServer.Received;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator end to end over real HTTP, against the {@link StandInIngestServer} test stand-in
 * (not the Vigil server). Each run: one interval of warm-up and two measured ones, so every agent
 * sends exactly one unmeasured and two measured batches.
 */
class IngestLoadGeneratorIT {

  private static final String ENROLMENT_TOKEN = "vgl_e_it";
  private static final int AGENTS = 40;
  private static final int SERIES = 200;

  @TempDir Path dir;

  private LoadOptions options(StandInIngestServer server, String... more) {
    String[] base = {
      "--server",
      server.uri().toString(),
      "--enrol-token",
      ENROLMENT_TOKEN,
      "--agents",
      Integer.toString(AGENTS),
      "--series",
      Integer.toString(SERIES),
      "--interval",
      "1s",
      "--warmup",
      "1s",
      "--duration",
      "2s",
      "--report-every",
      "1s",
      "--server-pid",
      Long.toString(ProcessHandle.current().pid())
    };
    return LoadOptions.parse(
        Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new));
  }

  @Test
  void everyAgentEnrolsAndSendsItsBatchesInSequenceWithAllSamplesAccepted() throws Exception {
    try (StandInIngestServer server = StandInIngestServer.start(ENROLMENT_TOKEN, 0)) {
      LoadResult result = IngestLoadGenerator.run(options(server));

      IngestWindow measured = result.measured();
      assertThat(measured.requests.sum()).isEqualTo(2 * AGENTS);
      assertThat(measured.acceptedSamples.sum()).isEqualTo(2L * AGENTS * SERIES);
      assertThat(measured.errors()).isZero();
      assertThat(measured.staleAcks.sum()).isZero();
      assertThat(measured.latencyMicros.count()).isEqualTo(2 * AGENTS);
      assertThat(measured.latencyMicros.percentile(50)).isPositive();
      assertThat(result.acceptedSamplesPerSecond()).isEqualTo((double) AGENTS * SERIES);
      assertThat(result.server()).isPresent();
      assertThat(result.generator()).isPresent();

      assertThat(server.enrolments.sum()).isEqualTo(AGENTS);
      assertThat(server.storedSamples.sum()).isEqualTo(3L * AGENTS * SERIES);
      assertThat(server.stored()).hasSize(AGENTS);
      server
          .stored()
          .forEach(
              (host, batches) -> {
                assertThat(batches).as(host).hasSize(3);
                assertThat(batches).extracting(Received::samples).containsOnly(SERIES);
                assertThat(batches)
                    .extracting(Received::inventory)
                    .containsExactly(true, false, false);
                assertIncreasing(batches);
              });
      assertThat(LoadReport.markdown(result)).contains("| batches sent / accepted | 80 / 80 |");
    }
  }

  @Test
  void serviceUnavailableAnswersAreCountedApartAndTheAgentsCarryOn() throws Exception {
    try (StandInIngestServer server = StandInIngestServer.start(ENROLMENT_TOKEN, 4)) {
      LoadResult result = IngestLoadGenerator.run(options(server));

      IngestWindow measured = result.measured();
      assertThat(measured.rejected(503)).isPositive();
      assertThat(measured.rejected(503) + measured.acceptedBatches.sum())
          .isEqualTo(measured.requests.sum())
          .isEqualTo(2 * AGENTS);
      assertThat(measured.otherRejections()).isEmpty();
      assertThat(measured.rejected(429)).isZero();
      // A quarter of all 120 batches was refused; the rest was stored, in increasing sequence.
      assertThat(server.storedSamples.sum()).isEqualTo((3L * AGENTS - 3 * AGENTS / 4) * SERIES);
      server.stored().values().forEach(IngestLoadGeneratorIT::assertIncreasing);
    }
  }

  @Test
  void aSecondRunReusesTheCachedTokensAndContinuesTheSequences() throws Exception {
    Path cache = dir.resolve("tokens.txt");
    try (StandInIngestServer server = StandInIngestServer.start(ENROLMENT_TOKEN, 0)) {
      IngestLoadGenerator.run(options(server, "--token-cache", cache.toString()));
      LoadResult second =
          IngestLoadGenerator.run(options(server, "--token-cache", cache.toString()));

      assertThat(server.enrolments.sum()).isEqualTo(AGENTS);
      assertThat(second.measured().acceptedBatches.sum()).isEqualTo(2 * AGENTS);
      assertThat(second.measured().staleAcks.sum()).isZero();
      server.stored().values().forEach(batches -> assertThat(batches).hasSize(6));
      server.stored().values().forEach(IngestLoadGeneratorIT::assertIncreasing);
    }
  }

  @Test
  void tokensCachedFromAServerSinceResetAreReplacedByEnrollingAgain() throws Exception {
    Path cache = dir.resolve("tokens.txt");
    try (StandInIngestServer before = StandInIngestServer.start(ENROLMENT_TOKEN, 0)) {
      IngestLoadGenerator.run(options(before, "--token-cache", cache.toString()));
    }
    String stale = java.nio.file.Files.readString(cache);
    try (StandInIngestServer after = StandInIngestServer.start(ENROLMENT_TOKEN, 0)) {
      // The same address, as after a restart, so the cache applies to it.
      java.nio.file.Files.writeString(
          cache, stale.replaceFirst("server .*", "server " + after.uri()));

      LoadResult result =
          IngestLoadGenerator.run(options(after, "--token-cache", cache.toString()));

      assertThat(after.enrolments.sum()).isEqualTo(AGENTS);
      assertThat(result.measured().errors()).isZero();
      assertThat(result.measured().acceptedBatches.sum()).isEqualTo(2 * AGENTS);
    }
  }

  @Test
  void againstASlowServerAgentsNeverOverlapAndTheBacklogShowsAsLatency() throws Exception {
    // 4 requests in flight at 150 ms each carry ~26 batches/s; the fleet wants 40.
    try (StandInIngestServer server =
        StandInIngestServer.slow(ENROLMENT_TOKEN, java.time.Duration.ofMillis(150))) {
      LoadResult result = IngestLoadGenerator.run(options(server, "--concurrency", "4"));

      IngestWindow measured = result.measured();
      assertThat(server.maxInFlight.get()).isEqualTo(4);
      assertThat(server.maxInFlightPerHost.get()).isEqualTo(1);
      assertThat(measured.lateSends.sum()).isPositive();
      assertThat(measured.latencyMicros.percentile(99)).isGreaterThan(1_000_000);
      assertThat(measured.serviceMicros.percentile(50)).isBetween(150_000L, 1_000_000L);
      // Late is not lost: every batch due was sent once the backlog drained.
      assertThat(measured.acceptedBatches.sum()).isEqualTo(2 * AGENTS);
      assertThat(server.storedSamples.sum()).isEqualTo(3L * AGENTS * SERIES);
      server.stored().values().forEach(IngestLoadGeneratorIT::assertIncreasing);
    }
  }

  @Test
  void aRefusedEnrolmentTokenStopsTheRunWithTheServersAnswer() throws Exception {
    try (StandInIngestServer server = StandInIngestServer.start("vgl_e_other", 0)) {
      assertThatThrownBy(() -> IngestLoadGenerator.run(options(server)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("answered 401")
          .hasMessageContaining("unknown enrolment token");
      assertThat(server.stored()).isEmpty();
    }
  }

  private static void assertIncreasing(List<Received> batches) {
    for (int i = 1; i < batches.size(); i++) {
      assertThat(batches.get(i).sequence()).isGreaterThan(batches.get(i - 1).sequence());
    }
  }
}
