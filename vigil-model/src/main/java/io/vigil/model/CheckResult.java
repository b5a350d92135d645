package io.vigil.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of a check item, as an agent (or the server, for agentless hosts) reports it.
 *
 * @param item the item key from the agent's config, e.g. {@code nginx_port}
 * @param kind the check kind, e.g. {@code port}
 * @param timestamp epoch millis when the run started
 * @param status the outcome
 * @param message one line for people, at most {@value #MAX_MESSAGE} characters
 * @param durationMs how long the run took
 * @param metrics numbers for graphs and rules, e.g. {@code connect_ms}; names are identifiers
 * @param details extra lines for people, e.g. a log check's sample lines or the top remote
 *     addresses of a connected-clients check; at most {@value #MAX_DETAILS} lines
 */
public record CheckResult(
    String item,
    String kind,
    long timestamp,
    CheckStatus status,
    String message,
    double durationMs,
    Map<String, Double> metrics,
    List<String> details) {

  public static final int MAX_MESSAGE = 1024;
  public static final int MAX_METRICS = 64;
  public static final int MAX_DETAILS = 20;
  public static final int MAX_DETAIL_LENGTH = 1024;

  public CheckResult {
    Names.requireIdentifier("check item", item);
    Names.requireIdentifier("check kind", kind);
    if (timestamp <= 0) {
      throw new InvalidInputException(item + ": timestamp must be positive epoch millis");
    }
    if (status == null) {
      throw new InvalidInputException(item + ": status is required");
    }
    message = message == null ? "" : message;
    if (message.length() > MAX_MESSAGE) {
      throw new InvalidInputException(item + ": message longer than " + MAX_MESSAGE);
    }
    if (!Double.isFinite(durationMs) || durationMs < 0) {
      throw new InvalidInputException(item + ": durationMs must be a finite number >= 0");
    }
    metrics = metrics == null ? Map.of() : metrics;
    if (metrics.size() > MAX_METRICS) {
      throw new InvalidInputException(item + ": more than " + MAX_METRICS + " metrics");
    }
    TreeMap<String, Double> sorted = new TreeMap<>();
    for (Map.Entry<String, Double> m : metrics.entrySet()) {
      String name = Names.requireIdentifier(item + " metric name", m.getKey());
      Double value = m.getValue();
      if (value == null || !Double.isFinite(value)) {
        throw new InvalidInputException(item + "." + name + " must be a finite number");
      }
      sorted.put(name, value);
    }
    metrics = Collections.unmodifiableSortedMap(sorted);
    details = details == null ? List.of() : List.copyOf(details);
    if (details.size() > MAX_DETAILS) {
      throw new InvalidInputException(item + ": more than " + MAX_DETAILS + " detail lines");
    }
    for (String line : details) {
      if (line.length() > MAX_DETAIL_LENGTH) {
        throw new InvalidInputException(
            item + ": a detail line is longer than " + MAX_DETAIL_LENGTH);
      }
    }
  }
}
