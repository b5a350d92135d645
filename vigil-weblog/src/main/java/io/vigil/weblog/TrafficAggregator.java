package io.vigil.weblog;

import io.vigil.weblog.parse.LogFormat;
import io.vigil.weblog.parse.ParsedLine;
import io.vigil.weblog.sketch.KeyHash;
import io.vigil.weblog.sketch.SpaceSaving;
import java.nio.charset.StandardCharsets;

/**
 * Turns access-log lines into what the web log analysis reports: exact {@link RunTotals} (reset by
 * the caller after each run) and {@link TopTables} (reset after each top period). One instance per
 * thread; the agent's check and the offline analyzer use the same code.
 *
 * <p>Per line: parse (no allocation), count, and offer the line's keys to the top tables — the URL
 * normalised into a scratch buffer, the other keys straight from the line's bytes; only a key
 * entering a table is copied. A line that does not parse, or was cut by the reader for being too
 * long, counts as malformed and is skipped.
 */
public final class TrafficAggregator {

  /**
   * @param counters counters per top-table dimension ({@code m} of the space-saving bound)
   * @param collapseIds also replace numeric, UUID and long hex path segments by {@code {id}}
   * @param samples 5xx lines kept per run
   * @param trackTime read each line's time (the analyzer's first and last request)
   */
  public record Settings(int counters, boolean collapseIds, int samples, boolean trackTime) {
    public Settings {
      if (counters < 1 || samples < 0) {
        throw new IllegalArgumentException("counters must be positive and samples >= 0");
      }
    }
  }

  /** Characters of a 5xx sample line at most. */
  public static final int SAMPLE_CHARS = 500;

  private static final byte[] DASH = {'-'};
  private static final long DASH_HASH = KeyHash.of(DASH, 0, 1);

  private final LogFormat format;
  private final Settings settings;
  private final ParsedLine line = new ParsedLine();
  private final UrlNormalizer urls;
  private final UserAgents agents = new UserAgents();
  private final RunTotals run = new RunTotals();
  private final TopTables top;
  private final byte[] key = new byte[KeyText.MAX_BYTES + 64];
  private final SpaceSaving urlTable;
  private final SpaceSaving clientTable;
  private final SpaceSaving referrerTable;
  private final SpaceSaving browserTable;
  private final SpaceSaving osTable;
  private final SpaceSaving botTable;
  private final SpaceSaving vhostTable;
  private final SpaceSaving upstreamTable;

  public TrafficAggregator(LogFormat format, Settings settings) {
    this.format = format;
    this.settings = settings;
    this.urls = new UrlNormalizer(settings.collapseIds());
    this.top = new TopTables(format, settings.counters());
    urlTable = top.table(Dimension.URL);
    clientTable = top.table(Dimension.CLIENT);
    referrerTable = top.table(Dimension.REFERRER);
    browserTable = top.table(Dimension.BROWSER);
    osTable = top.table(Dimension.OS);
    botTable = top.table(Dimension.BOT);
    vhostTable = top.table(Dimension.VHOST);
    upstreamTable = top.table(Dimension.UPSTREAM);
  }

  public LogFormat format() {
    return format;
  }

  /**
   * One line, {@code buf[start..end)} without its terminator.
   *
   * @param truncated the reader cut the line (longer than its limit): counted as malformed
   */
  public void accept(byte[] buf, int start, int end, boolean truncated) {
    run.countLine();
    if (truncated || !format.parse(buf, start, end, line)) {
      run.countMalformed();
      return;
    }
    run.count(line);
    boolean failed = line.status() >= 500;
    if (failed && settings.samples() > 0) {
      run.sample(sample(buf, start, end), settings.samples());
    }
    if (settings.trackTime() && line.timeStart() >= 0) {
      long t = LogTime.epochSeconds(buf, line.timeStart(), line.timeEnd());
      if (t != LogTime.UNKNOWN) {
        run.time(t);
      }
    }
    offerKeys(buf, failed);
  }

  private void offerKeys(byte[] buf, boolean failed) {
    long bytes = line.bytes();
    long micros = line.responseMicros();
    double millis = micros >= 0 ? micros / 1000.0 : -1;
    if (urlTable != null) {
      if (line.urlStart() >= 0) {
        int n = urls.normalize(buf, line.urlStart(), line.urlEnd(), key);
        n = KeyText.cut(key, n);
        urlTable.offer(key, 0, n, KeyHash.of(key, 0, n), bytes, failed, millis);
      } else {
        urlTable.offer(DASH, 0, 1, DASH_HASH, bytes, failed, millis);
      }
    }
    offerSpan(clientTable, buf, line.clientStart(), line.clientEnd(), bytes, failed);
    offerSpan(referrerTable, buf, line.referrerStart(), line.referrerEnd(), bytes, failed);
    if (browserTable != null) {
      int start = line.agentStart();
      int c = start < 0 ? agents.classify(buf, 0, 0) : agents.classify(buf, start, line.agentEnd());
      offerName(browserTable, agents.browsers(), UserAgents.browser(c), bytes, failed);
      offerName(osTable, agents.systems(), UserAgents.system(c), bytes, failed);
      int bot = UserAgents.bot(c);
      if (bot >= 0) {
        offerName(botTable, agents.bots(), bot, bytes, failed);
      }
    }
    offerSpan(vhostTable, buf, line.vhostStart(), line.vhostEnd(), bytes, failed);
    offerSpan(upstreamTable, buf, line.upstreamStart(), line.upstreamEnd(), bytes, failed);
  }

  private void offerSpan(
      SpaceSaving table, byte[] buf, int start, int end, long bytes, boolean failed) {
    if (table == null) {
      return;
    }
    if (start < 0 || end <= start) {
      table.offer(DASH, 0, 1, DASH_HASH, bytes, failed, -1);
    } else if (end - start > KeyText.MAX_BYTES) {
      System.arraycopy(buf, start, key, 0, KeyText.MAX_BYTES + 1);
      int n = KeyText.cut(key, end - start);
      table.offer(key, 0, n, KeyHash.of(key, 0, n), bytes, failed, -1);
    } else {
      table.offer(buf, start, end, KeyHash.of(buf, start, end), bytes, failed, -1);
    }
  }

  private static void offerName(
      SpaceSaving table, UserAgents.KeyTable names, int index, long bytes, boolean failed) {
    byte[] name = names.key(index);
    table.offer(name, 0, name.length, names.hash(index), bytes, failed, -1);
  }

  private static String sample(byte[] buf, int start, int end) {
    int take = Math.min(end - start, SAMPLE_CHARS * 4);
    String text = new String(buf, start, take, StandardCharsets.UTF_8);
    if (text.length() > SAMPLE_CHARS || take < end - start) {
      return text.substring(0, Math.min(text.length(), SAMPLE_CHARS - 1)) + "…";
    }
    return text;
  }

  /** The totals since the last {@link #resetRun()}. */
  public RunTotals run() {
    return run;
  }

  /** The top tables since the last {@link #resetTop()}. */
  public TopTables top() {
    return top;
  }

  public void resetRun() {
    run.clear();
  }

  public void resetTop() {
    top.clear();
  }

  /** Adds another aggregator's totals and tables (same format and settings). */
  public void merge(TrafficAggregator other) {
    run.merge(other.run);
    top.merge(other.top);
  }
}
