package io.vigil.agent.check.log;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKind;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.checks.CheckParams;
import io.vigil.model.CheckStatus;
import io.vigil.model.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code log}: counts new lines of a file (or of every file a glob in the last path segment
 * matches) against ordered {@code "<STATUS> <regex>"} patterns; see {@link LogCheck}.
 */
public final class LogCheckKind implements CheckKind {

  static final int MAX_PATTERNS = 32;
  static final int MAX_SAMPLES = 20;

  private static final Set<String> PARAMS = Set.of("path", "patterns", "samples");

  @Override
  public String kind() {
    return "log";
  }

  @Override
  public Set<String> paramNames() {
    return PARAMS;
  }

  @Override
  public RunnableCheck create(String item, CheckParams p, CheckContext context) throws IOException {
    String path = p.requiredString("path").strip();
    if (!Path.of(path).isAbsolute()) {
      throw p.invalid("path", "must be an absolute path");
    }
    List<LogPatternCounter.Rule> rules = rules(p);
    int samples = p.integer("samples", 5, 0, MAX_SAMPLES);
    try {
      return LogCheck.open(
          path, context.stateFile(item), rules, samples, LogFollowerLimits.DEFAULTS);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("parameter path of kind log: " + e.getMessage());
    }
  }

  static List<LogPatternCounter.Rule> rules(CheckParams p) {
    if (!p.has("patterns")) {
      throw new InvalidInputException("parameter patterns of kind log is required");
    }
    List<LogPatternCounter.Rule> rules = new ArrayList<>();
    for (String line : p.lines("patterns")) {
      int space = line.indexOf(' ');
      String statusText = space < 0 ? line : line.substring(0, space);
      CheckStatus status;
      try {
        status = CheckStatus.valueOf(statusText);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            "parameter patterns of kind log: line "
                + (rules.size() + 1)
                + " must be '<OK|WARNING|CRITICAL|UNKNOWN> <regex>', was '"
                + line
                + "'");
      }
      String regex = space < 0 ? "" : line.substring(space + 1).strip();
      if (regex.isEmpty()) {
        throw new InvalidInputException(
            "parameter patterns of kind log: line " + (rules.size() + 1) + " has no regex");
      }
      rules.add(new LogPatternCounter.Rule(p.compile("patterns", regex), status));
    }
    if (rules.isEmpty()) {
      throw new InvalidInputException("parameter patterns of kind log needs at least one line");
    }
    if (rules.size() > MAX_PATTERNS) {
      throw new InvalidInputException(
          "parameter patterns of kind log: at most " + MAX_PATTERNS + " patterns");
    }
    return rules;
  }
}
