package io.vigil.bench.ingest;

import io.vigil.bench.ingest.ProcessWatch.Usage;
import java.util.Optional;

/**
 * The outcome of a run's measured phase.
 *
 * @param options what was run
 * @param measured results of the batches due in the measured phase
 * @param measuredSeconds length of the measured phase
 * @param payload the shape of one batch
 * @param server the server process's usage, when its pid was given and it was readable
 * @param generator this process's own usage
 */
record LoadResult(
    LoadOptions options,
    IngestWindow measured,
    double measuredSeconds,
    Payload payload,
    Optional<Usage> server,
    Optional<Usage> generator) {

  /**
   * @param samples samples per batch
   * @param points points per batch
   * @param jsonBytes uncompressed body
   * @param gzipBytes body as sent
   */
  record Payload(int samples, int points, int jsonBytes, int gzipBytes) {}

  double requestsPerSecond() {
    return measured.requests.sum() / measuredSeconds;
  }

  double acceptedSamplesPerSecond() {
    return measured.acceptedSamples.sum() / measuredSeconds;
  }

  /** The generator's own CPU time per request sent, in microseconds; NaN when unknown. */
  double generatorMicrosPerRequest() {
    long requests = measured.requests.sum();
    return generator.isEmpty() || requests == 0
        ? Double.NaN
        : generator.get().cpuSeconds() * 1e6 / requests;
  }
}
