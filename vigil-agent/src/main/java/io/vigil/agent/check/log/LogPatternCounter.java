package io.vigil.agent.check.log;

import io.vigil.model.CheckStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Counts, per interval, the lines matching ordered (regex, status) rules. A line counts for the
 * first rule whose regex it contains ({@link java.util.regex.Matcher#find()}); up to {@code
 * maxSamples} lines per rule are kept, each cut to {@code maxSampleChars}. The interval's status is
 * the worst status among the rules that matched, OK when none did.
 *
 * <p>Guard against catastrophic (backtracking) patterns: a line is matched on its first {@code
 * maxMatchChars} characters only, and each match attempt may read at most {@code maxMatchSteps}
 * characters; an attempt that exceeds it counts as no match and is counted in {@link
 * Interval#abortedMatches()}.
 *
 * <p>Not thread-safe: one thread feeds and finishes intervals.
 */
public final class LogPatternCounter {

  /** One rule: lines containing {@code regex} mean {@code status}. */
  public record Rule(Pattern regex, CheckStatus status) {
    public Rule {
      Objects.requireNonNull(regex, "regex");
      Objects.requireNonNull(status, "status");
    }

    /** Compiles {@code regex}; throws {@link java.util.regex.PatternSyntaxException} if invalid. */
    public static Rule of(String regex, CheckStatus status) {
      return new Rule(Pattern.compile(regex), status);
    }
  }

  /** What one rule matched in an interval. */
  public record RuleCount(Rule rule, long count, List<String> samples) {
    public RuleCount {
      samples = List.copyOf(samples);
    }
  }

  /** The outcome of one interval. */
  public record Interval(CheckStatus status, List<RuleCount> rules, long abortedMatches) {
    public Interval {
      rules = List.copyOf(rules);
    }
  }

  private final List<Rule> rules;
  private final int maxSamples;
  private final int maxSampleChars;
  private final int maxMatchChars;
  private final long maxMatchSteps;
  private final long[] counts;
  private final List<List<String>> samples;
  private long aborted;

  public LogPatternCounter(
      List<Rule> rules, int maxSamples, int maxSampleChars, int maxMatchChars, long maxMatchSteps) {
    this.rules = List.copyOf(rules);
    if (maxSamples < 0 || maxSampleChars < 1 || maxMatchChars < 1 || maxMatchSteps < 1) {
      throw new IllegalArgumentException("log pattern counter limits must be positive");
    }
    this.maxSamples = maxSamples;
    this.maxSampleChars = maxSampleChars;
    this.maxMatchChars = maxMatchChars;
    this.maxMatchSteps = maxMatchSteps;
    this.counts = new long[this.rules.size()];
    this.samples = new ArrayList<>();
    for (int i = 0; i < this.rules.size(); i++) {
      samples.add(new ArrayList<>());
    }
  }

  /** 5 samples of at most 512 characters, lines matched on 8 KiB, 1M character reads a match. */
  public LogPatternCounter(List<Rule> rules) {
    this(rules, 5, 512, 8 << 10, 1_000_000);
  }

  /** Counts one line for the first rule it matches. */
  public void accept(String line) {
    String bounded = line.length() > maxMatchChars ? line.substring(0, maxMatchChars) : line;
    for (int i = 0; i < rules.size(); i++) {
      if (matches(rules.get(i).regex(), bounded)) {
        counts[i]++;
        List<String> kept = samples.get(i);
        if (kept.size() < maxSamples) {
          kept.add(line.length() > maxSampleChars ? line.substring(0, maxSampleChars) : line);
        }
        return;
      }
    }
  }

  /** Counts lines for the first rule each matches. */
  public void acceptAll(List<LogLine> lines) {
    for (LogLine line : lines) {
      accept(line.text());
    }
  }

  /** The interval so far; the counts and samples start again from zero. */
  public Interval finish() {
    CheckStatus status = CheckStatus.OK;
    List<RuleCount> result = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      result.add(new RuleCount(rules.get(i), counts[i], samples.get(i)));
      if (counts[i] > 0) {
        status = status.worst(rules.get(i).status());
      }
      counts[i] = 0;
      samples.get(i).clear();
    }
    Interval interval = new Interval(status, result, aborted);
    aborted = 0;
    return interval;
  }

  private boolean matches(Pattern regex, String line) {
    try {
      return regex.matcher(new StepLimitedText(line, maxMatchSteps)).find();
    } catch (MatchBudgetExceeded e) {
      aborted++;
      return false;
    }
  }

  /** A line whose characters may be read a bounded number of times, then matching is aborted. */
  private static final class StepLimitedText implements CharSequence {
    private final String text;
    private final long[] steps;
    private final int start;
    private final int end;

    StepLimitedText(String text, long maxSteps) {
      this(text, new long[] {maxSteps}, 0, text.length());
    }

    private StepLimitedText(String text, long[] steps, int start, int end) {
      this.text = text;
      this.steps = steps;
      this.start = start;
      this.end = end;
    }

    @Override
    public char charAt(int index) {
      if (--steps[0] < 0) {
        throw new MatchBudgetExceeded();
      }
      return text.charAt(start + index);
    }

    @Override
    public int length() {
      return end - start;
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new StepLimitedText(text, steps, start + from, start + to);
    }

    @Override
    public String toString() {
      return text.substring(start, end);
    }
  }

  private static final class MatchBudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MatchBudgetExceeded() {
      super(null, null, false, false);
    }
  }
}
