package io.vigil.bench.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the requests of one period (a progress window or the whole measured phase).
 * Latency is taken from the instant the batch was due, so a generator or server that falls behind
 * shows it instead of hiding it (no coordinated omission); service time from the instant the
 * request was handed to the HTTP client.
 */
final class IngestWindow {

  final LatencyHistogram latencyMicros = new LatencyHistogram();
  final LatencyHistogram serviceMicros = new LatencyHistogram();
  final LongAdder requests = new LongAdder();
  final LongAdder acceptedBatches = new LongAdder();
  final LongAdder acceptedSamples = new LongAdder();
  final LongAdder ioErrors = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder staleAcks = new LongAdder();
  final LongAdder lateSends = new LongAdder();
  private final Map<Integer, LongAdder> rejectedByStatus = new ConcurrentHashMap<>();

  void accepted(int samples, long latencyMicros, long serviceMicros) {
    requests.increment();
    acceptedBatches.increment();
    acceptedSamples.add(samples);
    record(latencyMicros, serviceMicros);
  }

  void rejected(int status, long latencyMicros, long serviceMicros) {
    requests.increment();
    rejectedByStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    record(latencyMicros, serviceMicros);
  }

  void failed(boolean timeout) {
    requests.increment();
    (timeout ? timeouts : ioErrors).increment();
  }

  long rejected(int status) {
    LongAdder n = rejectedByStatus.get(status);
    return n == null ? 0 : n.sum();
  }

  /** Rejections other than 429 and 503, by status. */
  Map<Integer, Long> otherRejections() {
    Map<Integer, Long> out = new TreeMap<>();
    rejectedByStatus.forEach(
        (status, n) -> {
          if (status != 429 && status != 503) {
            out.put(status, n.sum());
          }
        });
    return out;
  }

  long errors() {
    long n = ioErrors.sum() + timeouts.sum();
    for (LongAdder a : rejectedByStatus.values()) {
      n += a.sum();
    }
    return n;
  }

  private void record(long latency, long service) {
    latencyMicros.record(latency);
    serviceMicros.record(service);
  }
}
