package io.vigil.model;

import java.util.Map;

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

  /** The schedule of one item. */
  public record Item(int intervalSeconds, boolean enabled) {
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
    }
  }
}
