package io.vigil.server.reports;

import java.time.Instant;
import java.util.List;

/**
 * A report as one CSV file (RFC 4180, CRLF line ends) in long format: {@code
 * section,host,field,metric,value}. Sections: {@code report} (from, to, time_zone, resolution),
 * {@code field} (avg, min, max, p95, business_avg, off_hours_avg per host and field), {@code
 * availability} (pct, down_seconds per host), {@code check} (ok_pct per host, field = check),
 * {@code problems} (count, duration_seconds, field = severity), {@code heatmap} (metric = weekday
 * and hour, e.g. MON-09). Missing values are empty.
 */
final class ReportCsv {

  static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  private ReportCsv() {}

  static String render(Report report) {
    StringBuilder out = new StringBuilder();
    row(out, "section", "host", "field", "metric", "value");
    row(out, "report", "", "", "from", Instant.ofEpochMilli(report.from()).toString());
    row(out, "report", "", "", "to", Instant.ofEpochMilli(report.to()).toString());
    row(out, "report", "", "", "time_zone", report.timeZone());
    row(out, "report", "", "", "resolution", report.resolution());
    for (Report.FieldStats f : report.fields()) {
      row(out, "field", f.host(), f.field(), "avg", num(f.avg()));
      row(out, "field", f.host(), f.field(), "min", num(f.min()));
      row(out, "field", f.host(), f.field(), "max", num(f.max()));
      row(out, "field", f.host(), f.field(), "p95", num(f.p95()));
      row(out, "field", f.host(), f.field(), "business_avg", num(f.businessAvg()));
      row(out, "field", f.host(), f.field(), "off_hours_avg", num(f.offHoursAvg()));
    }
    for (Report.Availability a : report.availability()) {
      row(out, "availability", a.host(), "", "pct", num(a.pct()));
      row(out, "availability", a.host(), "", "down_seconds", Long.toString(a.downSeconds()));
    }
    for (Report.CheckAvailability c : report.checks()) {
      row(out, "check", c.host(), c.check(), "ok_pct", num(c.okPct()));
    }
    for (Report.ProblemStats p : report.problems()) {
      row(out, "problems", "", p.severity(), "count", Long.toString(p.count()));
      row(
          out,
          "problems",
          "",
          p.severity(),
          "duration_seconds",
          Long.toString(p.durationSeconds()));
    }
    Double[][] cells = report.heatmap().cells();
    for (int d = 0; d < 7; d++) {
      for (int h = 0; h < 24; h++) {
        if (cells[d][h] != null) {
          row(
              out,
              "heatmap",
              "",
              report.heatmap().field(),
              DAYS.get(d) + "-" + (h < 10 ? "0" : "") + h,
              num(cells[d][h]));
        }
      }
    }
    return out.toString();
  }

  static String num(Double value) {
    if (value == null || value.isNaN()) {
      return "";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString(value.longValue());
    }
    return Double.toString(value);
  }

  private static void row(StringBuilder out, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(cells[i]));
    }
    out.append("\r\n");
  }

  /** RFC 4180: quote a cell holding a comma, quote, CR or LF; double inner quotes. */
  static String quote(String cell) {
    if (cell.indexOf(',') < 0
        && cell.indexOf('"') < 0
        && cell.indexOf('\r') < 0
        && cell.indexOf('\n') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
