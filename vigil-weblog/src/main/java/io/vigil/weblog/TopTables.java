package io.vigil.weblog;

import io.vigil.weblog.parse.LogFormat;
import io.vigil.weblog.sketch.SpaceSaving;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One space-saving table per dimension the format provides (URL, client, referrer, browser, OS,
 * bot, virtual host, upstream), each of {@code counters} counters; the URL table also keeps a
 * response-time sketch per URL when the format has response times. Memory is bounded by the
 * counters whatever the traffic. Not thread-safe.
 */
public final class TopTables {

  /** Buckets of a URL's response-time sketch: 512 buckets cover a 1 : 20,000 range at 1 %. */
  static final int URL_LATENCY_BUCKETS = 512;

  private final EnumMap<Dimension, SpaceSaving> tables = new EnumMap<>(Dimension.class);

  public TopTables(LogFormat format, int counters) {
    if (format.hasUrl()) {
      tables.put(
          Dimension.URL,
          new SpaceSaving(counters, format.hasResponseTime() ? URL_LATENCY_BUCKETS : 0));
    }
    if (format.hasClient()) {
      tables.put(Dimension.CLIENT, new SpaceSaving(counters, 0));
    }
    if (format.hasReferrer()) {
      tables.put(Dimension.REFERRER, new SpaceSaving(counters, 0));
    }
    if (format.hasUserAgent()) {
      tables.put(Dimension.BROWSER, new SpaceSaving(counters, 0));
      tables.put(Dimension.OS, new SpaceSaving(counters, 0));
      tables.put(Dimension.BOT, new SpaceSaving(counters, 0));
    }
    if (format.hasVhost()) {
      tables.put(Dimension.VHOST, new SpaceSaving(counters, 0));
    }
    if (format.hasUpstream()) {
      tables.put(Dimension.UPSTREAM, new SpaceSaving(counters, 0));
    }
  }

  /** The table of a dimension, null when the format does not provide it. */
  public SpaceSaving table(Dimension dimension) {
    return tables.get(dimension);
  }

  /** The tables, in {@link Dimension} order. */
  public Map<Dimension, SpaceSaving> tables() {
    return Collections.unmodifiableMap(tables);
  }

  /** Adds {@code other}'s counts (same format and counters). */
  public void merge(TopTables other) {
    tables.forEach((dimension, table) -> table.merge(other.tables.get(dimension)));
  }

  /** Starts a new period. */
  public void clear() {
    tables.values().forEach(SpaceSaving::clear);
  }
}
