package io.vigil.server.query;

import io.vigil.model.Measurements;
import io.vigil.server.auth.HostAccess;
import io.vigil.server.auth.HostScope;
import io.vigil.server.web.ApiException;
import io.vigil.storage.AggregateQuery;
import io.vigil.storage.AggregateSeries;
import io.vigil.storage.GroupQuery;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.TopEntry;
import io.vigil.storage.TopQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Range, top-N and catalog queries over the metrics store. */
@RestController
class QueryController {

  static final Duration MAX_SPAN = Duration.ofDays(400);

  /** A series for charts; NaN becomes null so the JSON stays standard. */
  record SeriesView(Map<String, String> tags, long[] timestamps, Map<String, ValuesView> fields) {}

  /** For raw data only {@code avg} is sent: min and max would repeat it. */
  record ValuesView(Double[] avg, Double[] min, Double[] max) {}

  record RangeView(Resolution resolution, List<SeriesView> series) {}

  private final MetricStore store;
  private final HostAccess hostAccess;

  QueryController(MetricStore store, HostAccess hostAccess) {
    this.store = store;
    this.hostAccess = hostAccess;
  }

  @GetMapping("/api/v1/query/range")
  RangeView range(
      @RequestParam String host,
      @RequestParam String measurement,
      @RequestParam(required = false) String fields,
      @RequestParam(name = "tag", required = false) List<String> tagFilters,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to,
      @RequestParam(defaultValue = "auto") String resolution,
      @RequestParam(required = false) String step) {
    hostAccess.requireHost(host);
    Instant end = to == null ? Instant.now() : Instant.ofEpochMilli(to);
    Instant start = from == null ? end.minus(Duration.ofHours(1)) : Instant.ofEpochMilli(from);
    if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
      throw ApiException.badRequest("a range may span at most " + MAX_SPAN.toDays() + " days");
    }
    Map<String, String> tags = tags(tagFilters);
    tags.put("host", host);
    RangeQuery query =
        new RangeQuery(
            measurement,
            tags,
            fields == null || fields.isBlank() ? List.of() : Arrays.asList(fields.split(",")),
            start,
            end,
            resolution(resolution),
            step == null || step.isBlank() ? null : duration(step));
    if (!store.measurements().contains(measurement)) {
      // Valid but not collected anywhere yet (e.g. a new host): no data, not an error.
      return new RangeView(query.effectiveResolution(), List.of());
    }
    RangeResult result = store.range(query);
    boolean raw = result.resolution() == Resolution.RAW;
    return new RangeView(
        result.resolution(), result.series().stream().map(series -> view(series, raw)).toList());
  }

  @GetMapping("/api/v1/query/top")
  List<TopEntry> top(
      @RequestParam String measurement,
      @RequestParam String field,
      @RequestParam(name = "tag", required = false) List<String> tagFilters,
      @RequestParam(defaultValue = "5m") String window,
      @RequestParam(defaultValue = "10") int n,
      @RequestParam(defaultValue = "max") String agg,
      @RequestParam(required = false) Long to) {
    Duration span = duration(window);
    if (span.compareTo(MAX_SPAN) > 0 || span.isNegative() || span.isZero()) {
      throw ApiException.badRequest("window must be between 1s and " + MAX_SPAN.toDays() + "d");
    }
    Instant now = to == null ? Instant.now() : Instant.ofEpochMilli(to);
    TopQuery.Aggregation aggregation;
    try {
      aggregation = TopQuery.Aggregation.valueOf(agg.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("agg must be one of max, avg, min, last");
    }
    TopQuery query =
        new TopQuery(measurement, field, tags(tagFilters), now.minus(span), now, aggregation, n);
    HostScope scope = hostAccess.current();
    if (scope.all()) {
      return store.top(query);
    }
    // Scoped users: ask the store for as many as it answers, keep the hosts in scope.
    return store
        .top(
            new TopQuery(
                measurement, field, query.tags(), query.from(), query.to(), aggregation, 1000))
        .stream()
        .filter(entry -> scope.allows(entry.host()))
        .limit(n)
        .toList();
  }

  /** One folded series: bucket starts and values (null where nothing reported). */
  record AggregateView(String function, long stepMillis, long[] timestamps, double[] values) {}

  /**
   * One field of many hosts folded per bucket (see {@link AggregateQuery}): the named hosts, or
   * every host in the caller's scope.
   */
  @GetMapping("/api/v1/query/aggregate")
  AggregateView aggregate(
      @RequestParam String measurement,
      @RequestParam String field,
      @RequestParam(name = "host", required = false) List<String> hostKeys,
      @RequestParam(name = "tag", required = false) List<String> tagFilters,
      @RequestParam(defaultValue = "avg") String fn,
      @RequestParam(defaultValue = "1m") String step,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to) {
    Instant end = to == null ? Instant.now() : Instant.ofEpochMilli(to);
    Instant start = from == null ? end.minus(Duration.ofHours(1)) : Instant.ofEpochMilli(from);
    if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
      throw ApiException.badRequest("a range may span at most " + MAX_SPAN.toDays() + " days");
    }
    AggregateQuery.Function function;
    try {
      function = AggregateQuery.Function.valueOf(fn.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("fn must be one of avg, min, max, sum, count");
    }
    List<String> hosts = hostKeys == null ? List.of() : List.copyOf(hostKeys);
    if (hosts.size() > GroupQuery.MAX_HOSTS) {
      throw ApiException.badRequest("at most " + GroupQuery.MAX_HOSTS + " hosts");
    }
    HostScope scope = hostAccess.current();
    if (!hosts.isEmpty()) {
      hosts.forEach(hostAccess::requireHost);
    } else if (!scope.all()) {
      hosts = List.copyOf(scope.hostKeys());
      if (hosts.isEmpty() || hosts.size() > GroupQuery.MAX_HOSTS) {
        throw ApiException.badRequest(
            "name the hosts (host=…, at most " + GroupQuery.MAX_HOSTS + ") to fold");
      }
    }
    AggregateQuery query =
        new AggregateQuery(
            measurement, field, tags(tagFilters), hosts, function, duration(step), start, end);
    AggregateSeries series = store.aggregate(query);
    return new AggregateView(
        function.name().toLowerCase(Locale.ROOT),
        query.step().toMillis(),
        series.timestamps(),
        series.values());
  }

  @GetMapping("/api/v1/measurements")
  List<Measurements.Schema> measurements() {
    return Measurements.AGENT;
  }

  static Map<String, String> tags(List<String> filters) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (filters == null) {
      return tags;
    }
    if (filters.size() > 8) {
      throw ApiException.badRequest("at most 8 tag filters");
    }
    for (String filter : filters) {
      int colon = filter.indexOf(':');
      if (colon < 1 || colon == filter.length() - 1) {
        throw ApiException.badRequest("tag filters look like name:value, got " + filter);
      }
      tags.put(filter.substring(0, colon), filter.substring(colon + 1));
    }
    return tags;
  }

  private static Resolution resolution(String text) {
    try {
      return Resolution.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("resolution must be one of auto, raw, minute, hour, step");
    }
  }

  /** Durations like 90s, 5m, 6h, 7d. */
  static Duration duration(String text) {
    try {
      if (text.matches("\\d{1,6}[smhd]")) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("durations look like 90s, 5m, 6h or 7d, got " + text);
    }
  }

  private static SeriesView view(RangeResult.Series series, boolean raw) {
    Map<String, ValuesView> fields = new LinkedHashMap<>();
    series
        .fields()
        .forEach(
            (name, values) ->
                fields.put(
                    name,
                    new ValuesView(
                        nullable(values.avg()),
                        raw ? null : nullable(values.min()),
                        raw ? null : nullable(values.max()))));
    return new SeriesView(series.tags(), series.timestamps(), fields);
  }

  private static Double[] nullable(double[] values) {
    Double[] result = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = Double.isNaN(values[i]) ? null : values[i];
    }
    return result;
  }
}
