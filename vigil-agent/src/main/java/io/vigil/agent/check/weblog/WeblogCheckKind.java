package io.vigil.agent.check.weblog;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKind;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.checks.CheckParams;
import io.vigil.model.InvalidInputException;
import io.vigil.weblog.parse.LogFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code weblog}: follows web server access logs and sends traffic aggregates as points (requests,
 * status mix, methods, response-time percentiles, top URLs, clients, referrers, browsers, OS, bots,
 * virtual hosts and upstreams); see {@link WeblogCheck} and docs/checks.md.
 */
public final class WeblogCheckKind implements CheckKind {

  static final int MAX_PATHS = 32;
  static final int MAX_TOP = 50;
  static final int MAX_SAMPLES = 20;

  private static final Set<String> PARAMS =
      Set.of("paths", "format", "log_format", "top", "top_interval", "samples", "collapse_ids");

  @Override
  public String kind() {
    return "weblog";
  }

  @Override
  public Set<String> paramNames() {
    return PARAMS;
  }

  @Override
  public RunnableCheck create(String item, CheckParams p, CheckContext context) throws IOException {
    List<String> paths = p.lines("paths");
    if (paths.isEmpty()) {
      throw new InvalidInputException("parameter paths of kind weblog is required");
    }
    if (paths.size() > MAX_PATHS) {
      throw p.invalid("paths", "holds at most " + MAX_PATHS + " paths");
    }
    for (String path : paths) {
      if (!Path.of(path).isAbsolute()) {
        throw p.invalid("paths", "must hold absolute paths, one per line");
      }
    }
    LogFormat format;
    try {
      format = LogFormat.of(p.string("format", "combined"), p.string("log_format", null));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("kind weblog: " + e.getMessage());
    }
    Duration topInterval = p.duration("top_interval", Duration.ofSeconds(60));
    if (topInterval.toMillis() < 1000) {
      throw p.invalid("top_interval", "must be at least 1s");
    }
    WeblogCheck.Settings settings =
        new WeblogCheck.Settings(
            List.copyOf(paths),
            format,
            p.integer("top", 10, 1, MAX_TOP),
            topInterval,
            p.integer("samples", 5, 0, MAX_SAMPLES),
            p.bool("collapse_ids", false));
    try {
      return WeblogCheck.open(item, settings, context.stateFile(item), context.clock());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("parameter paths of kind weblog: " + e.getMessage());
    }
  }
}
