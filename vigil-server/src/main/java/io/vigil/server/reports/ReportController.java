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

  @GetMapping
  Report report(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to,
      @RequestParam(required = false) String hosts,
      @RequestParam(required = false) String groups,
      @RequestParam(required = false) String fields,
      @RequestParam(required = false) String tz) {
    ZoneId zone =
        tz == null || tz.isBlank()
            ? ZoneId.of(calendars.get().timeZone())
            : ReportCalendar.zone(tz);
    ReportRequest request =
        new ReportRequest(
            ReportPeriod.resolve(period, from, to, zone, Instant.now()),
            zone,
            list(hosts),
            ids(groups),
            list(fields).stream().map(FieldSpec::parse).toList());
    return engine.run(request, hostAccess.current());
  }

  @GetMapping("/export.csv")
  ResponseEntity<byte[]> csv(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to,
      @RequestParam(required = false) String hosts,
      @RequestParam(required = false) String groups,
      @RequestParam(required = false) String fields,
      @RequestParam(required = false) String tz) {
    Report report = report(period, from, to, hosts, groups, fields, tz);
    return attachment(
        ReportCsv.render(report).getBytes(StandardCharsets.UTF_8),
        filename(report) + ".csv",
        new MediaType("text", "csv", StandardCharsets.UTF_8));
  }

  @GetMapping("/export.pdf")
  ResponseEntity<byte[]> pdf(
      @RequestParam(required = false) String period,
      @RequestParam(required = false) Long from,
      @RequestParam(required = false) Long to,
      @RequestParam(required = false) String hosts,
      @RequestParam(required = false) String groups,
      @RequestParam(required = false) String fields,
      @RequestParam(required = false) String tz,
      @RequestParam(required = false) String language) {
    if (language != null && !language.equals("en") && !language.equals("ko")) {
      throw ApiException.badRequest("language must be en or ko");
    }
    Report report = report(period, from, to, hosts, groups, fields, tz);
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
