package io.vigil.server.reports;

import io.vigil.server.auth.AuditLog;
import io.vigil.server.auth.HostAccess;
import io.vigil.server.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reports, their CSV and PDF exports, and the business-hours calendar. */
@RestController
@RequestMapping("/api/v1/reports")
class ReportController {

  private final ReportEngine engine;
  private final HostAccess hostAccess;
  private final ReportCalendarRepository calendars;
  private final AuditLog audit;

  ReportController(
      ReportEngine engine,
      HostAccess hostAccess,
      ReportCalendarRepository calendars,
      AuditLog audit) {
    this.engine = engine;
    this.hostAccess = hostAccess;
    this.calendars = calendars;
    this.audit = audit;
  }

  /**
   * The query parameters every report endpoint takes, bound by name (all optional; see
   * docs/api.md).
   */
  record ReportQuery(
      String period, Long from, Long to, String hosts, String groups, String fields, String tz) {}

  @GetMapping
  Report report(ReportQuery q) {
    ZoneId zone =
        q.tz() == null || q.tz().isBlank()
            ? ZoneId.of(calendars.get().timeZone())
            : ReportCalendar.zone(q.tz());
    ReportRequest request =
        new ReportRequest(
            ReportPeriod.resolve(q.period(), q.from(), q.to(), zone, Instant.now()),
            zone,
            list(q.hosts()),
            ids(q.groups()),
            list(q.fields()).stream().map(FieldSpec::parse).toList());
    return engine.run(request, hostAccess.current());
  }

  @GetMapping("/export.csv")
  ResponseEntity<byte[]> csv(ReportQuery q) {
    Report report = report(q);
    return attachment(
        ReportCsv.render(report).getBytes(StandardCharsets.UTF_8),
        filename(report) + ".csv",
        new MediaType("text", "csv", StandardCharsets.UTF_8));
  }

  @GetMapping("/export.pdf")
  ResponseEntity<byte[]> pdf(ReportQuery q, @RequestParam(required = false) String language) {
    if (language != null && !language.equals("en") && !language.equals("ko")) {
      throw ApiException.badRequest("language must be en or ko");
    }
    Report report = report(q);
    return attachment(
        ReportPdf.render(report, language == null ? "en" : language),
        filename(report) + ".pdf",
        MediaType.APPLICATION_PDF);
  }

  @GetMapping("/calendar")
  ReportCalendar calendar() {
    return calendars.get();
  }

  @PutMapping("/calendar")
  ReportCalendar putCalendar(@RequestBody ReportCalendar calendar) {
    if (calendar == null) {
      throw ApiException.badRequest("a calendar is required");
    }
    ReportCalendar old = calendars.get();
    calendars.put(calendar);
    audit.record("update", "report_calendar", "calendar", old, calendar);
    return calendars.get();
  }

  /** e.g. vigil-report-month-2026-10-01 (the period's start in the report's zone). */
  static String filename(Report report) {
    DateTimeFormatter day =
        DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneId.of(report.timeZone()));
    return "vigil-report-"
        + report.period()
        + "-"
        + day.format(Instant.ofEpochMilli(report.from()));
  }

  private static ResponseEntity<byte[]> attachment(byte[] body, String name, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    headers.setContentDisposition(ContentDisposition.attachment().filename(name).build());
    return ResponseEntity.ok().headers(headers).body(body);
  }

  static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    if (csv != null) {
      for (String s : csv.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  static List<Long> ids(String csv) {
    List<Long> out = new ArrayList<>();
    for (String s : list(csv)) {
      try {
        out.add(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("group ids are numbers but got " + s);
      }
    }
    return out;
  }
}
