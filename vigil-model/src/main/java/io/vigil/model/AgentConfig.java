package io.vigil.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an agent collects and how often, set centrally.
 *
 * @param version increases on every change; echoed in {@link IngestAck#configVersion()}
 * @param items collector or check key (e.g. {@code cpu}, {@code fs}) to its schedule
 */
public record AgentConfig(long version, Map<String, Item> items) {

  public static final int MIN_INTERVAL_SECONDS = 1;
  public static final int MAX_INTERVAL_SECONDS = 86_400;

  public AgentConfig {
    items = items == null ? Map.of() : Map.copyOf(items);
  }

  /**
   * One item: a built-in collector or a check, its schedule and its parameters.
   *
   * @param intervalSeconds how often it runs, {@value #MIN_INTERVAL_SECONDS} s to one day
   * @param enabled whether it runs at all
   * @param kind what runs: a check kind from the catalog (e.g. {@code port}, {@code http}); null
   *     for a built-in collector, which the item's key names (e.g. {@code cpu})
   * @param params the kind's parameters as text, validated by the server against the catalog and
   *     parsed by the agent; secrets appear here only in the config sent to the agent that runs the
   *     item
   */
  public record Item(
      int intervalSeconds, boolean enabled, String kind, Map<String, String> params) {

    public static final int MAX_PARAMS = 32;
    public static final int MAX_PARAM_LENGTH = 8192;

    public Item {
      if (intervalSeconds < MIN_INTERVAL_SECONDS || intervalSeconds > MAX_INTERVAL_SECONDS) {
        throw new InvalidInputException(
            "interval must be between "
                + MIN_INTERVAL_SECONDS
                + " s and "
                + MAX_INTERVAL_SECONDS
                + " s, was "
                + intervalSeconds);
      }
      if (kind != null) {
        Names.requireIdentifier("item kind", kind);
      }
      params = params == null ? Map.of() : params;
      if (params.size() > MAX_PARAMS) {
        throw new InvalidInputException("an item has at most " + MAX_PARAMS + " parameters");
      }
      TreeMap<String, String> sorted = new TreeMap<>();
      for (Map.Entry<String, String> p : params.entrySet()) {
        String name = Names.requireIdentifier("parameter name", p.getKey());
        String value = p.getValue();
        if (value == null) {
          throw new InvalidInputException("parameter " + name + " must not be null");
        }
        if (value.length() > MAX_PARAM_LENGTH) {
          throw new InvalidInputException(
              "parameter " + name + " is longer than " + MAX_PARAM_LENGTH + " characters");
        }
        sorted.put(name, value);
      }
      params = Collections.unmodifiableSortedMap(sorted);
    }

    /** A built-in collector's schedule. */
    public Item(int intervalSeconds, boolean enabled) {
      this(intervalSeconds, enabled, null, Map.of());
    }

    /** Whether this item is a check (as opposed to a built-in collector). */
    @JsonIgnore
    public boolean isCheck() {
      return kind != null;
    }
  }
}
