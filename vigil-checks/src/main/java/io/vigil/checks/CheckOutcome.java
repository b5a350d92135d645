package io.vigil.checks;

import io.vigil.model.CheckStatus;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one run of a check found: a status, a one-line message for people, and numbers for graphs
 * and alert rules (e.g. {@code connect_ms}, {@code cert_days_left}). Every check type returns one.
 *
 * @param status the outcome
 * @param message at most {@link #MAX_MESSAGE} characters, single line
 * @param metrics metric name ({@code [a-z][a-z0-9_]*}) to a finite value
 */
public record CheckOutcome(CheckStatus status, String message, Map<String, Double> metrics) {

  public static final int MAX_MESSAGE = 1024;

  public CheckOutcome {
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message.replaceAll("[\\r\\n]+", " ").strip();
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 1) + "…";
    }
    TreeMap<String, Double> finite = new TreeMap<>();
    (metrics == null ? Map.<String, Double>of() : metrics)
        .forEach(
            (name, value) -> {
              if (value != null && Double.isFinite(value)) {
                finite.put(name, value);
              }
            });
    metrics = java.util.Collections.unmodifiableSortedMap(finite);
  }

  public static CheckOutcome of(CheckStatus status, String message) {
    return new CheckOutcome(status, message, Map.of());
  }
}
