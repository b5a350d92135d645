package io.vigil.server.alerting;

import io.vigil.model.Severity;
import java.util.Map;
import java.util.Objects;

/**
 * What the evaluator concluded for one series of one rule: a condition holds (at a severity) or it
 * recovered. The problem service turns signals into problems; it is idempotent per (rule, host,
 * series), so a repeated signal changes nothing.
 *
 * @param ruleId the rule
 * @param ruleName its name, for the problem's text
 * @param hostKey the host
 * @param series the series' tags (without host), e.g. {@code mount=/}; empty for host-level rules
 * @param severity the severity now holding, or null when the series recovered
 * @param value the value that decided, when there is one (NaN otherwise)
 * @param text one line for people, e.g. {@code CPU used 93.5 % > 90 % for 5m}
 * @param at epoch millis of the deciding sample (or of the timer tick for absence and host down)
 */
public record ProblemSignal(
    long ruleId,
    String ruleName,
    String hostKey,
    Map<String, String> series,
    Severity severity,
    double value,
    String text,
    long at) {

  public ProblemSignal {
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(hostKey, "hostKey");
    series = series == null ? Map.of() : Map.copyOf(series);
    text = text == null ? "" : text;
  }

  public boolean recovered() {
    return severity == null;
  }
}
