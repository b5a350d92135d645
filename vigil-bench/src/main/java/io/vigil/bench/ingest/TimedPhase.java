package io.vigil.bench.ingest;

import io.vigil.bench.ingest.ProcessWatch.Progress;
import io.vigil.bench.ingest.TokenCache.AgentIdentity;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated fleet through warm-up and measured phase on the calling thread, printing a
 * progress line every {@code --report-every} from a second one, and gathers the result. Everything
 * it starts ends with the phase.
 */
final class TimedPhase {

  private static final Logger LOG = LoggerFactory.getLogger(TimedPhase.class);

  /** Time for the agents' virtual threads to start before the first batch is due. */
  private static final Duration LEAD = Duration.ofMillis(500);

  private final HttpClient client;
  private final LoadOptions options;
  private final List<AgentIdentity> agents;
  private final List<GzipBatchTemplate> templates;
  private final LoadResult.Payload payload;

  TimedPhase(
      HttpClient client,
      LoadOptions options,
      List<AgentIdentity> agents,
      List<GzipBatchTemplate> templates,
      LoadResult.Payload payload) {
    this.client = client;
    this.options = options;
    this.agents = agents;
    this.templates = templates;
    this.payload = payload;
  }

  LoadResult run() throws InterruptedException {
    long start = System.nanoTime() + LEAD.toNanos();
    long measureFrom = start + options.warmup().toNanos();
    long end = measureFrom + options.duration().toNanos();
    SimulatedFleet fleet =
        new SimulatedFleet(
            client,
            options,
            agents,
            templates,
            new SimulatedFleet.Schedule(start, measureFrom, end, options.interval().toNanos()));
    Optional<ProcessWatch> server =
        options.serverPid().stream().mapToObj(ProcessWatch::new).findFirst();
    ProcessWatch self = new ProcessWatch(ProcessHandle.current().pid());

    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    try {
      long reportNanos = options.reportEvery().toNanos();
      long[] lastReport = {start};
      clock.scheduleAtFixedRate(
          () -> report(fleet, server, self, start, measureFrom, lastReport),
          start + reportNanos - System.nanoTime(),
          reportNanos,
          TimeUnit.NANOSECONDS);
      clock.schedule(
          () -> {
            server.ifPresent(ProcessWatch::startMeasuring);
            self.startMeasuring();
          },
          measureFrom - System.nanoTime(),
          TimeUnit.NANOSECONDS);
      LOG.info(
          "{} agents × {} samples every {} ms: warm-up {} s, then measuring {} s",
          agents.size(),
          options.series(),
          options.interval().toMillis(),
          options.warmup().toMillis() / 1000.0,
          options.duration().toMillis() / 1000.0);
      fleet.run();
    } finally {
      clock.shutdownNow();
      clock.awaitTermination(10, TimeUnit.SECONDS);
    }
    return new LoadResult(
        options,
        fleet.measured,
        options.duration().toNanos() / 1e9,
        payload,
        server.flatMap(ProcessWatch::finish),
        self.finish());
  }

  private void report(
      SimulatedFleet fleet,
      Optional<ProcessWatch> server,
      ProcessWatch self,
      long start,
      long measureFrom,
      long[] lastReport) {
    try {
      long now = System.nanoTime();
      IngestWindow window = fleet.window.getAndSet(new IngestWindow());
      long windowStart = lastReport[0];
      double seconds = (now - windowStart) / 1e9;
      lastReport[0] = now;
      Optional<Progress> serverNow = server.flatMap(ProcessWatch::progress);
      LOG.info(
          LoadReport.progressLine(
              windowStart < measureFrom ? "warm-up" : "measure",
              Math.round((now - start) / 1e9),
              seconds,
              window,
              serverNow,
              self.progress()));
    } catch (RuntimeException e) {
      // A failing progress line must not cancel the periodic task, so the run goes on.
      LOG.warn("progress report failed", e);
    }
  }
}
