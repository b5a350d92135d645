package io.vigil.bench.ingest;

import io.vigil.bench.ingest.ProcessWatch.Progress;
import io.vigil.bench.ingest.ProcessWatch.Usage;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders progress lines and the final Markdown table; pure text, no I/O. */
final class LoadReport {

  private LoadReport() {}

  static String progressLine(
      String phase,
      long elapsedSeconds,
      double windowSeconds,
      IngestWindow w,
      Optional<Progress> server,
      Optional<Progress> generator) {
    StringBuilder line =
        new StringBuilder(
            f(
                "+%ds %-7s req/s %8.1f  samples/s %10.0f  ok %d  429 %d  503 %d  other %d"
                    + "  io %d  timeout %d  late %d  latency ms p50 %s p90 %s p99 %s max %s",
                elapsedSeconds,
                phase,
                w.requests.sum() / windowSeconds,
                w.acceptedSamples.sum() / windowSeconds,
                w.acceptedBatches.sum(),
                w.rejected(429),
                w.rejected(503),
                w.otherRejections().values().stream().mapToLong(Long::longValue).sum(),
                w.ioErrors.sum(),
                w.timeouts.sum(),
                w.lateSends.sum(),
                ms(w.latencyMicros.percentile(50)),
                ms(w.latencyMicros.percentile(90)),
                ms(w.latencyMicros.percentile(99)),
                ms(w.latencyMicros.max())));
    server.ifPresent(
        p -> line.append(f(" | server cpu %.0f%% rss %d MiB", p.cpuPercent(), p.rssKib() / 1024)));
    generator.ifPresent(p -> line.append(f(" | generator cpu %.0f%%", p.cpuPercent())));
    return line.toString();
  }

  static String markdown(LoadResult r) {
    LoadOptions o = r.options();
    IngestWindow m = r.measured();
    StringBuilder t = new StringBuilder();
    t.append("| ingest load | value |\n|---|---|\n");
    row(
        t,
        "fleet",
        f(
            "%d agents × %d samples every %s (%d points, %,d B JSON → %,d B gzip per batch)",
            o.agents(),
            o.series(),
            human(o.interval()),
            r.payload().points(),
            r.payload().jsonBytes(),
            r.payload().gzipBytes()));
    row(
        t,
        "measured",
        f(
            "%.0f s after %s warm-up; concurrency %d",
            r.measuredSeconds(), human(o.warmup()), o.concurrency()));
    row(
        t,
        "requests/s (target)",
        f("%.1f (%.1f)", r.requestsPerSecond(), o.targetRequestsPerSecond()));
    row(
        t,
        "accepted samples/s (target)",
        f("%,.0f (%,.0f)", r.acceptedSamplesPerSecond(), o.targetRequestsPerSecond() * o.series()));
    row(t, "batches sent / accepted", f("%,d / %,d", m.requests.sum(), m.acceptedBatches.sum()));
    row(t, "rejected 429 / 503", f("%,d / %,d", m.rejected(429), m.rejected(503)));
    row(t, "rejected, other status", other(m.otherRejections()));
    row(t, "I/O errors / timeouts", f("%,d / %,d", m.ioErrors.sum(), m.timeouts.sum()));
    row(t, "acks ≠ sequence sent", f("%,d", m.staleAcks.sum()));
    row(
        t,
        "sends started > " + SimulatedFleet.LATE_NANOS / 1_000_000 + " ms late",
        f("%,d", m.lateSends.sum()));
    row(t, "latency from due time p50 / p90 / p99 / max", percentiles(m.latencyMicros));
    row(t, "service time p50 / p90 / p99 / max", percentiles(m.serviceMicros));
    row(
        t,
        "server CPU / RSS start → end (max)",
        usage(
            r.server(),
            o.serverPid().isPresent() ? "n/a (process gone)" : "n/a (give --server-pid)"));
    row(t, "generator CPU / RSS start → end (max)", usage(r.generator(), "n/a"));
    row(t, "generator CPU per request", f("%.0f µs", r.generatorMicrosPerRequest()));
    return t.toString();
  }

  private static String percentiles(LatencyHistogram h) {
    return f(
        "%s / %s / %s / %s ms",
        ms(h.percentile(50)), ms(h.percentile(90)), ms(h.percentile(99)), ms(h.max()));
  }

  private static String usage(Optional<Usage> usage, String unknown) {
    return usage
        .map(
            u ->
                f(
                    "%.1f %% of a core (%.1f s) / %d → %d (%d) MiB",
                    u.cpuPercent(),
                    u.cpuSeconds(),
                    u.rssStartKib() / 1024,
                    u.rssEndKib() / 1024,
                    u.rssMaxKib() / 1024))
        .orElse(unknown);
  }

  private static String other(Map<Integer, Long> byStatus) {
    return byStatus.isEmpty()
        ? "0"
        : byStatus.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  static String ms(long micros) {
    return micros < 10_000 ? f("%.2f", micros / 1000.0) : f("%.0f", micros / 1000.0);
  }

  private static String human(java.time.Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static void row(StringBuilder t, String name, String value) {
    t.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
