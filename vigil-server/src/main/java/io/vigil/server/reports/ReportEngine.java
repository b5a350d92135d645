package io.vigil.server.reports;

import io.vigil.model.Point;
import io.vigil.server.auth.HostScope;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Computes reports from the metric store's rollups (1-minute buckets up to 7 days, 1-hour buckets
 * beyond) and the problem history. Each measurement is read with one range query over all hosts;
 * only the wanted hosts' series are kept.
 */
@Service
public class ReportEngine {

  private final MetricStore store;
  private final ReportHosts hosts;
  private final ReportProblems problems;
  private final ReportCalendarRepository calendars;

  ReportEngine(
      MetricStore store,
      ReportHosts hosts,
      ReportProblems problems,
      ReportCalendarRepository calendars) {
    this.store = store;
    this.hosts = hosts;
    this.problems = problems;
    this.calendars = calendars;
  }

  public Report run(ReportRequest request, HostScope scope) {
    List<String> keys = hosts.resolve(request.hosts(), request.groups(), scope);
    Set<String> wanted = new HashSet<>(keys);
    Instant from = request.period().from();
    Instant to = request.period().to();
    Resolution resolution =
        Duration.between(from, to).compareTo(Duration.ofDays(7)) <= 0
            ? Resolution.MINUTE
            : Resolution.HOUR;
    Set<String> existing = new HashSet<>(store.measurements());
    Map<String, FieldAccumulator> accumulators = new LinkedHashMap<>();
    HeatAccumulator heat = new HeatAccumulator(request.zone());
    if (!keys.isEmpty()) {
      read(request, wanted, resolution, existing, accumulators, heat);
    }
    List<Report.FieldStats> stats = new ArrayList<>();
    for (String host : keys) {
      for (FieldSpec spec : request.fields()) {
        FieldAccumulator acc = accumulators.get(host + "\u0000" + spec);
        stats.add(
            acc == null
                ? new Report.FieldStats(host, spec.toString(), null, null, null, null, null, null)
                : acc.stats(host, spec.toString()));
      }
    }
    return new Report(
        from.toEpochMilli(),
        to.toEpochMilli(),
        request.period().kind(),
        request.zone().getId(),
        resolution.name().toLowerCase(java.util.Locale.ROOT),
        keys,
        stats,
        problems.availability(keys, from, to),
        checks(keys, wanted, from, to, resolution, existing),
        problems.bySeverity(keys, from, to),
        new Report.Heatmap(request.fields().getFirst().toString(), heat.cells()));
  }

  /** One range query per measurement over all hosts; keeps the wanted hosts' series. */
  private void read(
      ReportRequest request,
      Set<String> wanted,
      Resolution resolution,
      Set<String> existing,
      Map<String, FieldAccumulator> accumulators,
      HeatAccumulator heat) {
    ReportCalendar.Matcher calendar = calendars.get().matcher();
    FieldSpec first = request.fields().getFirst();
    Map<String, List<FieldSpec>> byMeasurement = new LinkedHashMap<>();
    request
        .fields()
        .forEach(
            f -> byMeasurement.computeIfAbsent(f.measurement(), m -> new ArrayList<>()).add(f));
    for (Map.Entry<String, List<FieldSpec>> entry : byMeasurement.entrySet()) {
      if (!existing.contains(entry.getKey())) {
        continue;
      }
      List<FieldSpec> specs = entry.getValue();
      RangeResult result =
          store.range(
              new RangeQuery(
                  entry.getKey(),
                  specs.getFirst().tags(),
                  specs.stream().map(FieldSpec::field).toList(),
                  request.period().from(),
                  request.period().to(),
                  resolution));
      for (RangeResult.Series series : result.series()) {
        String host = series.tags().get(Point.HOST_TAG);
        if (!wanted.contains(host)) {
          continue;
        }
        for (FieldSpec spec : specs) {
          RangeResult.Values values = series.fields().get(spec.field());
          if (values == null) {
            continue;
          }
          accumulators
              .computeIfAbsent(host + "\u0000" + spec, k -> new FieldAccumulator())
              .add(series.timestamps(), values, calendar);
          if (spec.equals(first)) {
            heat.add(series.timestamps(), values.avg());
          }
        }
      }
    }
  }

  private List<Report.CheckAvailability> checks(
      List<String> keys,
      Set<String> wanted,
      Instant from,
      Instant to,
      Resolution resolution,
      Set<String> existing) {
    if (!existing.contains("check") || keys.isEmpty()) {
      return List.of();
    }
    RangeResult result =
        store.range(new RangeQuery("check", Map.of(), List.of("status"), from, to, resolution));
    Map<String, long[]> counts = new TreeMap<>();
    for (RangeResult.Series series : result.series()) {
      String host = series.tags().get(Point.HOST_TAG);
      String check = series.tags().get("check");
      RangeResult.Values values = series.fields().get("status");
      if (!wanted.contains(host) || check == null || values == null) {
        continue;
      }
      long[] c = counts.computeIfAbsent(host + "\u0000" + check, k -> new long[2]);
      for (double worst : values.max()) {
        if (!Double.isNaN(worst)) {
          c[1]++;
          if (worst == 0) {
            c[0]++;
          }
        }
      }
    }
    List<Report.CheckAvailability> out = new ArrayList<>();
    counts.forEach(
        (k, c) -> {
          int sep = k.indexOf('\u0000');
          out.add(
              new Report.CheckAvailability(
                  k.substring(0, sep),
                  k.substring(sep + 1),
                  c[1] == 0 ? null : 100.0 * c[0] / c[1]));
        });
    return out;
  }

  /** Running statistics of one host and field. */
  static final class FieldAccumulator {
    private double sum;
    private long n;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double businessSum;
    private long businessN;
    private final List<Double> averages = new ArrayList<>();

    void add(long[] timestamps, RangeResult.Values values, ReportCalendar.Matcher calendar) {
      for (int i = 0; i < timestamps.length; i++) {
        double avg = values.avg()[i];
        if (Double.isNaN(avg)) {
          continue;
        }
        sum += avg;
        n++;
        averages.add(avg);
        min = Math.min(min, Double.isNaN(values.min()[i]) ? avg : values.min()[i]);
        max = Math.max(max, Double.isNaN(values.max()[i]) ? avg : values.max()[i]);
        if (calendar.isBusiness(timestamps[i])) {
          businessSum += avg;
          businessN++;
        }
      }
    }

    Report.FieldStats stats(String host, String field) {
      if (n == 0) {
        return new Report.FieldStats(host, field, null, null, null, null, null, null);
      }
      double[] sorted = averages.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int rank = (int) Math.ceil(0.95 * sorted.length) - 1;
      long offN = n - businessN;
      return new Report.FieldStats(
          host,
          field,
          sum / n,
          min,
          max,
          sorted[Math.max(0, rank)],
          businessN == 0 ? null : businessSum / businessN,
          offN == 0 ? null : (sum - businessSum) / offN);
    }
  }

  /** Averages by weekday and hour in a zone. */
  static final class HeatAccumulator {
    private final java.time.ZoneId zone;
    private final double[][] sums = new double[7][24];
    private final long[][] counts = new long[7][24];

    HeatAccumulator(java.time.ZoneId zone) {
      this.zone = zone;
    }

    void add(long[] timestamps, double[] averages) {
      for (int i = 0; i < timestamps.length; i++) {
        if (Double.isNaN(averages[i])) {
          continue;
        }
        ZonedDateTime t = Instant.ofEpochMilli(timestamps[i]).atZone(zone);
        int d = t.getDayOfWeek().getValue() - 1;
        sums[d][t.getHour()] += averages[i];
        counts[d][t.getHour()]++;
      }
    }

    Double[][] cells() {
      Double[][] cells = new Double[7][24];
      for (int d = 0; d < 7; d++) {
        for (int h = 0; h < 24; h++) {
          cells[d][h] = counts[d][h] == 0 ? null : sums[d][h] / counts[d][h];
        }
      }
      return cells;
    }
  }
}
