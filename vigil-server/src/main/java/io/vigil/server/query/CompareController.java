package io.vigil.server.query;

import io.vigil.model.Names;
import io.vigil.server.auth.HostAccess;
import io.vigil.server.inventory.HostDirectory;
import io.vigil.server.web.ApiException;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One field of up to ten hosts over one range, for an overlaid graph with summary statistics; with
 * a shift, each host's previous day or week as well, moved forward to overlay the current range.
 */
@RestController
class CompareController {

  static final int MAX_HOSTS = 10;

  /**
   * One series. {@code tags}: the series' tags without {@code host} (a filter that leaves several
   * series of one host, e.g. every file system, gives one series each).
   */
  record SeriesView(
      String host, Map<String, String> tags, boolean shifted, long[] timestamps, Double[] values) {}

  record StatsView(
      String host,
      Map<String, String> tags,
      boolean shifted,
      Double min,
      Double avg,
      Double max,
      Double p95,
      int count) {}

  record CompareView(
      Resolution resolution,
      long from,
      long to,
      String shift,
      List<SeriesView> series,
      List<StatsView> stats) {}

  private final MetricStore store;
  private final HostAccess hostAccess;
  private final HostDirectory directory;

  CompareController(MetricStore store, HostAccess hostAccess, HostDirectory directory) {
    this.store = store;
    this.hostAccess = hostAccess;
    this.directory = directory;
  }

  @GetMapping("/api/v1/compare")
  CompareView compare(
      @RequestParam(required = false) String hosts,
      @RequestParam(required = false) String measurement,
      @RequestParam(required = false) String field,
      @RequestParam(name = "tag", required = false) List<String> tagFilters,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to,
      @RequestParam(defaultValue = "none") String shift) {
    List<String> keys = hostKeys(hosts);
    Names.requireIdentifier("measurement", measurement);
    Names.requireIdentifier("field", field);
    Duration offset = shift(shift);
    Instant end = to == null ? Instant.now() : Instant.ofEpochMilli(to);
    Instant start = from == null ? end.minus(Duration.ofHours(1)) : Instant.ofEpochMilli(from);
    if (!start.isBefore(end)) {
      throw ApiException.badRequest("from must be before to");
    }
    if (Duration.between(start, end).compareTo(QueryController.MAX_SPAN) > 0) {
      throw ApiException.badRequest(
          "a range may span at most " + QueryController.MAX_SPAN.toDays() + " days");
    }
    Map<String, String> tags = QueryController.tags(tagFilters);
    tags.remove("host");
    for (String key : keys) {
      hostAccess.requireHost(key);
      if (directory.find(key).isEmpty()) {
        throw ApiException.notFound("no host " + key);
      }
    }
    Resolution resolution = Resolution.forSpan(Duration.between(start, end));
    List<SeriesView> series = new ArrayList<>();
    List<StatsView> stats = new ArrayList<>();
    boolean known = store.measurements().contains(measurement);
    for (String key : keys) {
      if (!known) {
        continue;
      }
      resolution = add(key, measurement, field, tags, start, end, null, series, stats);
      if (offset != null) {
        add(key, measurement, field, tags, start, end, offset, series, stats);
      }
    }
    return new CompareView(
        resolution, start.toEpochMilli(), end.toEpochMilli(), shift, series, stats);
  }

  /** Queries one host (shifted back by {@code shift} when given) and appends its series. */
  private Resolution add(
      String host,
      String measurement,
      String field,
      Map<String, String> filter,
      Instant start,
      Instant end,
      Duration shift,
      List<SeriesView> series,
      List<StatsView> stats) {
    Map<String, String> tags = new LinkedHashMap<>(filter);
    tags.put("host", host);
    Duration back = shift == null ? Duration.ZERO : shift;
    RangeResult result =
        store.range(
            new RangeQuery(
                measurement,
                tags,
                List.of(field),
                start.minus(back),
                end.minus(back),
                Resolution.AUTO));
    for (RangeResult.Series s : result.series()) {
      RangeResult.Values values = s.fields().get(field);
      if (values == null) {
        continue;
      }
      Map<String, String> seriesTags = new LinkedHashMap<>(s.tags());
      seriesTags.remove("host");
      long[] timestamps = s.timestamps().clone();
      for (int i = 0; i < timestamps.length; i++) {
        timestamps[i] += back.toMillis();
      }
      boolean shifted = shift != null;
      series.add(new SeriesView(host, seriesTags, shifted, timestamps, nullable(values.avg())));
      CompareStats st = CompareStats.of(values.avg());
      stats.add(
          new StatsView(
              host, seriesTags, shifted, st.min(), st.avg(), st.max(), st.p95(), st.count()));
    }
    return result.resolution();
  }

  private static List<String> hostKeys(String hosts) {
    if (hosts == null || hosts.isBlank()) {
      throw ApiException.badRequest("hosts is required: a comma-separated list of host keys");
    }
    Set<String> keys = new LinkedHashSet<>();
    for (String key : hosts.split(",")) {
      if (!key.isBlank()) {
        keys.add(key.strip());
      }
    }
    if (keys.isEmpty()) {
      throw ApiException.badRequest("hosts is required: a comma-separated list of host keys");
    }
    if (keys.size() > MAX_HOSTS) {
      throw ApiException.badRequest("at most " + MAX_HOSTS + " hosts can be compared");
    }
    return List.copyOf(keys);
  }

  /** none, 1d or 1w; null for none. */
  private static Duration shift(String shift) {
    return switch (shift) {
      case "none" -> null;
      case "1d" -> Duration.ofDays(1);
      case "1w" -> Duration.ofDays(7);
      default -> throw ApiException.badRequest("shift must be none, 1d or 1w");
    };
  }

  private static Double[] nullable(double[] values) {
    Double[] result = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = Double.isNaN(values[i]) ? null : values[i];
    }
    return result;
  }
}
