package io.vigil.server.overview;

import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import io.vigil.storage.MetricStore;
import io.vigil.storage.TopEntry;
import io.vigil.storage.TopQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Top-N hosts by a headline metric over a window, from {@link MetricStore#top}:
 *
 * <ul>
 *   <li>cpu: average of {@code cpu.used_pct} for {@code cpu=total};
 *   <li>mem: average of {@code mem.used_pct};
 *   <li>fs: the highest {@code fs.used_pct} of any file system (the fullest one counts);
 *   <li>net: the highest per-interface rate, received or sent ({@code net.rx_bytes_ps}, {@code
 *       tx_bytes_ps}), in bytes per second.
 * </ul>
 *
 * The store ranks all hosts; hosts outside the caller's scope are dropped before the top n are cut.
 */
@Component
class OverviewTop {

  static final Duration MAX_WINDOW = Duration.ofDays(31);
  static final int MAX_N = 50;

  /** One ranked host. */
  record Entry(String host, double value) {}

  private final MetricStore store;

  OverviewTop(MetricStore store) {
    this.store = store;
  }

  List<Entry> top(HostScope scope, String metric, String window, int n) {
    if (n < 1 || n > MAX_N) {
      throw ApiException.badRequest("n must be between 1 and " + MAX_N);
    }
    Duration span = window(window);
    Instant to = Instant.now();
    Instant from = to.minus(span);
    List<TopEntry> ranked =
        switch (metric == null ? "" : metric) {
          case "cpu" ->
              query("cpu", "used_pct", Map.of("cpu", "total"), from, to, TopQuery.Aggregation.AVG);
          case "mem" -> query("mem", "used_pct", Map.of(), from, to, TopQuery.Aggregation.AVG);
          case "fs" -> query("fs", "used_pct", Map.of(), from, to, TopQuery.Aggregation.MAX);
          case "net" -> net(from, to);
          default -> throw ApiException.badRequest("metric must be one of cpu, mem, fs, net");
        };
    return ranked.stream()
        .filter(e -> scope.allows(e.host()))
        .limit(n)
        .map(e -> new Entry(e.host(), e.value()))
        .toList();
  }

  private List<TopEntry> net(Instant from, Instant to) {
    Map<String, Double> best = new HashMap<>();
    for (String field : List.of("rx_bytes_ps", "tx_bytes_ps")) {
      for (TopEntry e : query("net", field, Map.of(), from, to, TopQuery.Aggregation.MAX)) {
        best.merge(e.host(), e.value(), Math::max);
      }
    }
    return best.entrySet().stream()
        .map(e -> new TopEntry(e.getKey(), e.getValue()))
        .sorted((a, b) -> Double.compare(b.value(), a.value()))
        .toList();
  }

  private List<TopEntry> query(
      String measurement,
      String field,
      Map<String, String> tags,
      Instant from,
      Instant to,
      TopQuery.Aggregation aggregation) {
    if (!store.measurements().contains(measurement)) {
      return List.of();
    }
    return store.top(new TopQuery(measurement, field, tags, from, to, aggregation, 1000));
  }

  /** Durations like 15m, 1h, 24h, 7d; at most 31 days. */
  static Duration window(String text) {
    if (text == null || !text.matches("\\d{1,5}[smhd]")) {
      throw ApiException.badRequest("window looks like 15m, 1h, 24h or 7d");
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    Duration span =
        switch (text.charAt(text.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (span.isZero() || span.compareTo(MAX_WINDOW) > 0) {
      throw ApiException.badRequest("window must be between 1s and 31d");
    }
    return span;
  }
}
