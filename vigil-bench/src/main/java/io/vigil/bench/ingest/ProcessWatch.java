package io.vigil.bench.ingest;

import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Follows one process's CPU and memory over the measured phase: a baseline when measuring starts, a
 * sample at every progress line (which also keeps the peak RSS), and the totals at the end. A
 * process that has gone away yields empty samples instead of stopping the run.
 */
final class ProcessWatch {

  /**
   * @param cpuPercent CPU over the measured phase, percent of one core
   * @param cpuSeconds CPU seconds over the measured phase
   * @param rssStartKib RSS when measuring started
   * @param rssEndKib RSS at the end
   * @param rssMaxKib highest RSS seen while measuring
   */
  record Usage(
      double cpuPercent, double cpuSeconds, long rssStartKib, long rssEndKib, long rssMaxKib) {}

  /** CPU since the previous progress line, percent of one core, and the current RSS. */
  record Progress(double cpuPercent, long rssKib) {}

  private final long pid;
  private ProcessSample baseline;
  private ProcessSample previous;
  private long rssMaxKib;

  ProcessWatch(long pid) {
    this.pid = pid;
    this.previous = read().orElseThrow(() -> new IllegalArgumentException("no process " + pid));
  }

  synchronized void startMeasuring() {
    read()
        .ifPresent(
            s -> {
              // The progress lines keep their own previous sample: resetting it here would make
              // the next line's CPU percent a quotient of two tiny differences.
              baseline = s;
              rssMaxKib = s.rssKib();
            });
  }

  /** A fresh sample and the CPU percent since the previous one, for a progress line. */
  synchronized Optional<Progress> progress() {
    Optional<ProcessSample> now = read();
    if (now.isEmpty()) {
      return Optional.empty();
    }
    ProcessSample s = now.get();
    double cpu = s.cpuPercentSince(previous);
    previous = s;
    if (baseline != null) {
      rssMaxKib = Math.max(rssMaxKib, s.rssKib());
    }
    return Optional.of(new Progress(cpu, s.rssKib()));
  }

  synchronized Optional<Usage> finish() {
    Optional<ProcessSample> end = read();
    if (end.isEmpty() || baseline == null) {
      return Optional.empty();
    }
    ProcessSample s = end.get();
    return Optional.of(
        new Usage(
            s.cpuPercentSince(baseline),
            s.cpuSecondsSince(baseline),
            baseline.rssKib(),
            s.rssKib(),
            Math.max(rssMaxKib, s.rssKib())));
  }

  private Optional<ProcessSample> read() {
    try {
      return Optional.of(ProcessSample.read(pid));
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
