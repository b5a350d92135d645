package io.vigil.agent.config;

import io.vigil.model.AgentConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  private final Set<String> collectors;

  /** Every collector starts with the default schedule and is due at once; no checks yet. */
  public ItemSchedule(Collection<String> collectorKeys, long now) {
    this.collectors = Set.copyOf(collectorKeys);
    for (String key : collectorKeys) {
      entries.put(key, new Entry(DEFAULT, now));
    }
  }

  /**
   * Applies a central config. Collectors it lists take its schedule, collectors it does not list go
   * back to the default. Check items (kind not null) are added (due at once), dropped when no
   * longer listed, and run at once when their kind or parameters changed. A changed interval takes
   * effect no later than one new interval from now.
   *
   * @return the config's keys this agent cannot schedule (to be warned about, then ignored):
   *     collectors it does not have, and checks whose key is a collector's
   */
  public List<String> apply(AgentConfig config, long now) {
    List<String> ignored = new ArrayList<>();
    Map<String, AgentConfig.Item> checks = new LinkedHashMap<>();
    for (Map.Entry<String, AgentConfig.Item> e : config.items().entrySet()) {
      boolean collector = collectors.contains(e.getKey());
      if (e.getValue().isCheck() && !collector) {
        checks.put(e.getKey(), e.getValue());
      } else if (!collector || e.getValue().isCheck()) {
        ignored.add(e.getKey());
      }
    }
    entries.keySet().removeIf(key -> !collectors.contains(key) && !checks.containsKey(key));
    for (String key : collectors) {
      AgentConfig.Item wanted = config.items().get(key);
      update(entries.get(key), wanted == null || wanted.isCheck() ? DEFAULT : wanted, now);
    }
    for (Map.Entry<String, AgentConfig.Item> e : checks.entrySet()) {
      Entry entry = entries.get(e.getKey());
      if (entry == null) {
        entries.put(e.getKey(), new Entry(e.getValue(), now));
      } else {
        boolean changed =
            !e.getValue().params().equals(entry.item.params())
                || !e.getValue().kind().equals(entry.item.kind());
        update(entry, e.getValue(), now);
        if (changed) {
          entry.nextDue = now;
        }
      }
    }
    return ignored;
  }

  private static void update(Entry entry, AgentConfig.Item wanted, long now) {
    if (wanted.equals(entry.item)) {
      return;
    }
    boolean newlyEnabled = wanted.enabled() && !entry.item.enabled();
    entry.item = wanted;
    long byNewInterval = now + wanted.intervalSeconds() * 1000L;
    entry.nextDue = newlyEnabled ? now : Math.min(entry.nextDue, byNewInterval);
  }

  /** Whether {@code key} is a check item (as opposed to a collector) of the current config. */
  public boolean isCheck(String key) {
    Entry entry = entries.get(key);
    return entry != null && !collectors.contains(key) && entry.item.isCheck();
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
