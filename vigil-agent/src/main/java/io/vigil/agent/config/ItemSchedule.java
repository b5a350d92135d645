package io.vigil.agent.config;

import io.vigil.model.AgentConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each item is due next. Pure bookkeeping over a millisecond clock supplied by the caller, so
 * it is tested without waiting. Not thread-safe; the collection loop guards it.
 */
public final class ItemSchedule {

  public static final AgentConfig.Item DEFAULT = new AgentConfig.Item(10, true);

  private static final class Entry {
    AgentConfig.Item item;
    long nextDue;

    Entry(AgentConfig.Item item, long nextDue) {
      this.item = item;
      this.nextDue = nextDue;
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** Every known item starts with the default schedule and is due at once. */
  public ItemSchedule(Collection<String> keys, long now) {
    for (String key : keys) {
      entries.put(key, new Entry(DEFAULT, now));
    }
  }

  /**
   * Applies a central config: listed items take its schedule, known items it does not list go back
   * to the default. A changed interval takes effect no later than one new interval from now.
   *
   * @return the config's keys this agent does not know (to be warned about, then ignored)
   */
  public List<String> apply(AgentConfig config, long now) {
    List<String> unknown = new ArrayList<>();
    for (String key : config.items().keySet()) {
      if (!entries.containsKey(key)) {
        unknown.add(key);
      }
    }
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      AgentConfig.Item wanted = config.items().getOrDefault(e.getKey(), DEFAULT);
      Entry entry = e.getValue();
      if (wanted.equals(entry.item)) {
        continue;
      }
      boolean newlyEnabled = wanted.enabled() && !entry.item.enabled();
      entry.item = wanted;
      long byNewInterval = now + wanted.intervalSeconds() * 1000L;
      entry.nextDue = newlyEnabled ? now : Math.min(entry.nextDue, byNewInterval);
    }
    return unknown;
  }

  /**
   * The items due at {@code now}, each moved to its next slot. Slots stay on the original grid; a
   * loop that fell behind by more than an interval skips ahead instead of bursting.
   */
  public List<String> due(long now) {
    List<String> due = new ArrayList<>();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry entry = e.getValue();
      if (!entry.item.enabled() || entry.nextDue > now) {
        continue;
      }
      due.add(e.getKey());
      long interval = entry.item.intervalSeconds() * 1000L;
      entry.nextDue += interval;
      if (entry.nextDue <= now) {
        entry.nextDue = now + interval;
      }
    }
    return due;
  }

  /** The earliest next due time of an enabled item, or {@link Long#MAX_VALUE}. */
  public long nextDue() {
    long next = Long.MAX_VALUE;
    for (Entry entry : entries.values()) {
      if (entry.item.enabled()) {
        next = Math.min(next, entry.nextDue);
      }
    }
    return next;
  }

  public AgentConfig.Item item(String key) {
    Entry entry = entries.get(key);
    return entry == null ? null : entry.item;
  }
}
