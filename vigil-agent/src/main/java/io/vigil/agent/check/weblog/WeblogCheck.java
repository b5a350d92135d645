package io.vigil.agent.check.weblog;

import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.agent.check.log.LogCheckState;
import io.vigil.agent.check.log.LogFollowerLimits;
import io.vigil.agent.check.log.LogFollowerState;
import io.vigil.agent.check.log.LogGlob;
import io.vigil.model.CheckStatus;
import io.vigil.model.Point;
import io.vigil.weblog.RunTotals;
import io.vigil.weblog.TrafficAggregator;
import io.vigil.weblog.WebLogPoints;
import io.vigil.weblog.parse.LogFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured web log item: a {@link LogGlob} per path (rotation-safe, positions saved in the
 * item's state file after every run like the {@code log} kind) feeding one {@link
 * TrafficAggregator}, so several logs (e.g. vhosts) are aggregated together. Each run reads what
 * was appended since the previous run — at most {@value #MAX_LINES_PER_RUN} lines, the rest next
 * run — and reports the run's summary points; the top tables cover {@code top_interval} and are
 * sent once per period, at the first run in a new period (periods are aligned to the epoch, so
 * every host's tables cover the same minutes).
 *
 * <p>Memory is bounded whatever the traffic: one read buffer per followed file, {@value #COUNTERS}
 * counters per top-table dimension, the sketches. Lines are parsed from the follower's bytes
 * without being made strings.
 */
final class WeblogCheck implements RunnableCheck {

  /** Counters per top-table dimension: counts over by at most N/1000 (0.1 % of the period). */
  static final int COUNTERS = 1_000;

  /** Lines read per run at most; more is read next run (10 s runs: 20,000 lines/s sustained). */
  static final int MAX_LINES_PER_RUN = 200_000;

  private static final Logger LOG = LoggerFactory.getLogger(WeblogCheck.class);

  /** The item's parameters, parsed. */
  record Settings(
      List<String> paths,
      LogFormat format,
      int top,
      Duration topInterval,
      int samples,
      boolean collapseIds) {}

  private final String item;
  private final Settings settings;
  private final Path stateFile;
  private final Clock clock;
  private final Map<String, LogGlob> globs;
  private final TrafficAggregator aggregator;
  private final long topMillis;
  private long topPeriod;
  private long lastRun = -1;

  private WeblogCheck(
      String item, Settings settings, Path stateFile, Clock clock, Map<String, LogGlob> globs) {
    this.item = item;
    this.settings = settings;
    this.stateFile = stateFile;
    this.clock = clock;
    this.globs = globs;
    this.aggregator =
        new TrafficAggregator(
            settings.format(),
            new TrafficAggregator.Settings(
                COUNTERS, settings.collapseIds(), settings.samples(), false));
    this.topMillis = settings.topInterval().toMillis();
    this.topPeriod = clock.millis() / topMillis;
  }

  /**
   * Continues from the saved positions of each path, or starts at the end of the existing files
   * (history is not reported); a path added since the state was saved starts at the end too.
   */
  static WeblogCheck open(String item, Settings settings, Path stateFile, Clock clock)
      throws IOException {
    Map<String, Map<Path, LogFollowerState>> saved = null;
    try {
      saved = LogCheckState.loadAll(stateFile);
    } catch (IOException e) {
      LOG.warn("ignoring unreadable web log state {}: {}", stateFile, e.getMessage());
    }
    Map<String, LogGlob> globs = new LinkedHashMap<>();
    try {
      for (String path : settings.paths()) {
        Map<Path, LogFollowerState> positions = saved == null ? null : saved.get(path);
        globs.put(
            path,
            positions == null
                ? LogGlob.startingAtEnd(path, LogFollowerLimits.DEFAULTS)
                : LogGlob.resuming(path, positions, LogFollowerLimits.DEFAULTS));
      }
    } catch (IOException | RuntimeException e) {
      for (LogGlob glob : globs.values()) {
        glob.close();
      }
      throw e;
    }
    WeblogCheck check = new WeblogCheck(item, settings, stateFile, clock, globs);
    check.save(); // a restart before the first run continues from here, not from the end
    return check;
  }

  @Override
  public CheckReport run() throws IOException {
    long now = clock.millis();
    int lines = 0;
    int polled;
    do {
      polled = 0;
      for (LogGlob glob : globs.values()) {
        polled += glob.poll(aggregator::accept);
      }
      lines += polled;
    } while (polled > 0 && lines < MAX_LINES_PER_RUN);
    String saveProblem = save();
    boolean anyFile = globs.values().stream().anyMatch(g -> !g.files().isEmpty());
    double elapsed = lastRun < 0 ? Double.NaN : (now - lastRun) / 1000.0;
    lastRun = now;
    RunTotals run = aggregator.run();
    try {
      if (!anyFile) {
        return CheckReport.unknown(
            "no file matches " + String.join(", ", settings.paths()) + saveProblem);
      }
      boolean responseTimes = settings.format().hasResponseTime();
      List<Point> points =
          new ArrayList<>(WebLogPoints.summary(item, now, run, elapsed, responseTimes));
      long period = now / topMillis;
      if (period != topPeriod) {
        points.addAll(WebLogPoints.top(item, now, aggregator.top(), settings.top(), responseTimes));
        aggregator.resetTop();
        topPeriod = period;
      }
      String backlog = lines >= MAX_LINES_PER_RUN ? " (more to read next run)" : "";
      return new CheckReport(
          CheckStatus.OK,
          message(run, responseTimes) + backlog + saveProblem,
          metrics(run, responseTimes),
          run.samples(),
          points);
    } finally {
      aggregator.resetRun();
    }
  }

  private static String message(RunTotals run, boolean responseTimes) {
    StringBuilder m =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%,d %s, %.1f%% 5xx",
                run.requests(),
                run.requests() == 1 ? "request" : "requests",
                run.percent(5)));
    if (responseTimes && run.latency().count() > 0) {
      m.append(String.format(Locale.ROOT, ", p99 %.0f ms", run.latency().quantile(0.99)));
    }
    if (run.malformed() > 0) {
      m.append(
          String.format(
              Locale.ROOT,
              ", %,d malformed %s skipped",
              run.malformed(),
              run.malformed() == 1 ? "line" : "lines"));
    }
    return m.toString();
  }

  private static Map<String, Double> metrics(RunTotals run, boolean responseTimes) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("requests", (double) run.requests());
    metrics.put("error_5xx_pct", run.percent(5));
    if (responseTimes && run.latency().count() > 0) {
      metrics.put("rt_p99_ms", run.latency().quantile(0.99));
    }
    return metrics;
  }

  /** Saves every path's positions; returns "" or a note for the message when that failed. */
  private String save() {
    Map<String, Map<Path, LogFollowerState>> sections = new LinkedHashMap<>();
    globs.forEach((path, glob) -> sections.put(path, glob.states()));
    try {
      LogCheckState.saveAll(stateFile, sections);
      return "";
    } catch (IOException e) {
      LOG.warn("cannot save web log positions to {}: {}", stateFile, e.toString());
      return " (positions not saved: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (LogGlob glob : globs.values()) {
      try {
        glob.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
