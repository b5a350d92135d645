package io.vigil.server.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Availability and problem statistics from the problem history. A problem lasts from opened_at to
 * resolved_at, else closed_at, else now (still active); durations are clipped to the period.
 */
@Component
class ReportProblems {

  static final List<String> SEVERITIES = List.of("info", "warning", "minor", "major", "critical");

  private record Row(String host, String severity, long start, long end) {}

  private final JdbcClient jdbc;

  ReportProblems(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** 100 % minus the share of the period covered by host_down problems (overlaps merged). */
  List<Report.Availability> availability(List<String> hosts, Instant from, Instant to) {
    long f = from.toEpochMilli();
    long t = to.toEpochMilli();
    Map<String, List<long[]>> intervals = new HashMap<>();
    for (Row row : rows(hosts, f, t, true)) {
      intervals
          .computeIfAbsent(row.host(), h -> new ArrayList<>())
          .add(new long[] {row.start(), row.end()});
    }
    List<Report.Availability> out = new ArrayList<>();
    for (String host : hosts) {
      long down = merged(intervals.getOrDefault(host, List.of()));
      out.add(new Report.Availability(host, 100.0 * (1 - (double) down / (t - f)), down / 1000));
    }
    return out;
  }

  List<Report.ProblemStats> bySeverity(List<String> hosts, Instant from, Instant to) {
    Map<String, long[]> stats = new LinkedHashMap<>();
    SEVERITIES.forEach(s -> stats.put(s, new long[2]));
    for (Row row : rows(hosts, from.toEpochMilli(), to.toEpochMilli(), false)) {
      long[] s = stats.get(row.severity());
      if (s != null) {
        s[0]++;
        s[1] += row.end() - row.start();
      }
    }
    List<Report.ProblemStats> out = new ArrayList<>();
    stats.forEach((sev, s) -> out.add(new Report.ProblemStats(sev, s[0], s[1] / 1000)));
    return out;
  }

  private List<Row> rows(List<String> hosts, long from, long to, boolean hostDownOnly) {
    Set<String> wanted = new HashSet<>(hosts);
    long now = System.currentTimeMillis();
    String sql =
        "SELECT p.host_key, p.severity, p.opened_at, COALESCE(p.resolved_at, p.closed_at) AS ended"
            + " FROM problems p"
            + (hostDownOnly
                ? " JOIN alert_rules r ON r.id = p.rule_id AND r.kind = 'host_down'"
                : "")
            + " WHERE p.opened_at < ?"
            + " AND (COALESCE(p.resolved_at, p.closed_at) IS NULL"
            + " OR COALESCE(p.resolved_at, p.closed_at) > ?)";
    List<Row> out = new ArrayList<>();
    jdbc
        .sql(sql)
        .params(to, from)
        .query(
            (rs, n) -> {
              long ended = rs.getLong(4);
              if (rs.wasNull()) {
                ended = now;
              }
              return new Row(
                  rs.getString(1),
                  rs.getString(2),
                  Math.max(from, rs.getLong(3)),
                  Math.min(to, ended));
            })
        .list()
        .stream()
        .filter(r -> wanted.contains(r.host()) && r.end() > r.start())
        .forEach(out::add);
    return out;
  }

  private static long merged(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    long total = 0;
    long curStart = Long.MIN_VALUE;
    long curEnd = Long.MIN_VALUE;
    for (long[] i : sorted) {
      if (i[0] > curEnd) {
        if (curEnd > curStart) {
          total += curEnd - curStart;
        }
        curStart = i[0];
        curEnd = i[1];
      } else {
        curEnd = Math.max(curEnd, i[1]);
      }
    }
    if (curEnd > curStart) {
      total += curEnd - curStart;
    }
    return total;
  }
}
