package io.vigil.agent.check.log;

import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured log check: a {@link LogGlob} over the item's path and a {@link LogPatternCounter}
 * over its patterns. Each run reads what was appended since the previous run (bounded per run; the
 * rest comes with the next), counts it, and saves the file positions, so a restart of the agent or
 * a new instance after a parameter change neither re-reads nor misses lines. Without saved
 * positions, existing files are read from their end: history is not reported.
 *
 * <p>Metrics: {@code lines} (new lines this run), {@code matches_1..matches_N} (lines counted for
 * each pattern, in the given order; a line counts for the first pattern it matches). Details: up to
 * {@code samples} matching lines, worst status first. Status: the worst status of the patterns that
 * matched, OK when none did, UNKNOWN when no file matches the path.
 */
final class LogCheck implements RunnableCheck {

  /** Polls per run at most: about 64 k lines or 64 MiB per file. */
  static final int MAX_POLLS_PER_RUN = 64;

  private static final Logger LOG = LoggerFactory.getLogger(LogCheck.class);

  private final String pattern;
  private final Path stateFile;
  private final List<LogPatternCounter.Rule> rules;
  private final int samples;
  private final LogPatternCounter counter;
  private final LogGlob glob;

  private LogCheck(
      String pattern,
      Path stateFile,
      List<LogPatternCounter.Rule> rules,
      int samples,
      LogGlob glob) {
    this.pattern = pattern;
    this.stateFile = stateFile;
    this.rules = List.copyOf(rules);
    this.samples = samples;
    this.counter = new LogPatternCounter(this.rules, samples, 1024, 8 << 10, 1_000_000);
    this.glob = glob;
  }

  /** Continues from the saved positions, or starts at the end of the existing files. */
  static LogCheck open(
      String pattern,
      Path stateFile,
      List<LogPatternCounter.Rule> rules,
      int samples,
      LogFollowerLimits limits)
      throws IOException {
    Map<Path, LogFollowerState> saved = null;
    try {
      saved = LogCheckState.load(stateFile, pattern);
    } catch (IOException e) {
      LOG.warn("ignoring unreadable log check state {}: {}", stateFile, e.getMessage());
    }
    LogGlob glob =
        saved == null
            ? LogGlob.startingAtEnd(pattern, limits)
            : LogGlob.resuming(pattern, saved, limits);
    LogCheck check = new LogCheck(pattern, stateFile, rules, samples, glob);
    check.save(); // a restart before the first run continues from here, not from the end
    return check;
  }

  @Override
  public CheckReport run() throws IOException {
    long lines = 0;
    for (int poll = 0; poll < MAX_POLLS_PER_RUN; poll++) {
      Map<Path, List<LogLine>> polled = glob.poll();
      if (polled.isEmpty()) {
        break;
      }
      for (List<LogLine> fileLines : polled.values()) {
        counter.acceptAll(fileLines);
        lines += fileLines.size();
      }
    }
    LogPatternCounter.Interval interval = counter.finish();
    String saveProblem = save();
    Map<String, Double> metrics = new HashMap<>();
    metrics.put("lines", (double) lines);
    for (int i = 0; i < interval.rules().size(); i++) {
      metrics.put("matches_" + (i + 1), (double) interval.rules().get(i).count());
    }
    if (glob.files().isEmpty()) {
      return new CheckReport(
          CheckStatus.UNKNOWN, "no file matches " + pattern + saveProblem, metrics, List.of());
    }
    return new CheckReport(
        interval.status(), message(interval, lines) + saveProblem, metrics, details(interval));
  }

  private String message(LogPatternCounter.Interval interval, long lines) {
    StringBuilder m = new StringBuilder();
    m.append(lines).append(lines == 1 ? " new line" : " new lines");
    String sep = ": ";
    for (LogPatternCounter.RuleCount rule : interval.rules()) {
      if (rule.count() > 0) {
        m.append(sep)
            .append(rule.count())
            .append(" × ")
            .append(rule.rule().status())
            .append(" /")
            .append(rule.rule().regex().pattern())
            .append('/');
        sep = ", ";
      }
    }
    if (sep.equals(": ")) {
      m.append(", no matches");
    }
    if (interval.abortedMatches() > 0) {
      m.append(" (").append(interval.abortedMatches()).append(" lines too costly to match)");
    }
    return m.toString();
  }

  /** Sample lines, the worst status's first, at most {@code samples}. */
  private List<String> details(LogPatternCounter.Interval interval) {
    List<LogPatternCounter.RuleCount> byStatus = new ArrayList<>(interval.rules());
    byStatus.sort(
        Comparator.comparing((LogPatternCounter.RuleCount r) -> r.rule().status()).reversed());
    List<String> out = new ArrayList<>();
    for (LogPatternCounter.RuleCount rule : byStatus) {
      for (String sample : rule.samples()) {
        if (out.size() < samples) {
          out.add(sample);
        }
      }
    }
    return out;
  }

  /** Saves the positions; returns "" or a note for the message when that failed. */
  private String save() {
    try {
      LogCheckState.save(stateFile, pattern, glob.states());
      return "";
    } catch (IOException e) {
      LOG.warn("cannot save log positions to {}: {}", stateFile, e.toString());
      return " (positions not saved: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    glob.close();
  }
}
