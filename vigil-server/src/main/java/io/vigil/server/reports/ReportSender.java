package io.vigil.server.reports;

import io.vigil.server.auth.HostScope;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Computes a schedule's report for a period and e-mails it with the PDF and/or CSV attached. */
@Component
class ReportSender {

  private static final Logger log = LoggerFactory.getLogger(ReportSender.class);

  private final ReportEngine engine;
  private final ReportMailer mailer;
  private final ReportScheduleRepository schedules;

  ReportSender(ReportEngine engine, ReportMailer mailer, ReportScheduleRepository schedules) {
    this.engine = engine;
    this.mailer = mailer;
    this.schedules = schedules;
  }

  /** Sends; returns the error text or null. Records the outcome on the schedule. */
  String send(ReportSchedule schedule, ReportPeriod period, Instant now) {
    try {
      ZoneId zone = ZoneId.of(schedule.timeZone());
      Report report =
          engine.run(
              new ReportRequest(
                  period,
                  zone,
                  schedule.hosts(),
                  schedule.groups(),
                  schedule.fields().stream().map(FieldSpec::parse).toList()),
              HostScope.ALL);
      String base = ReportController.filename(report);
      List<ReportMailer.Attachment> files = new ArrayList<>();
      if (!schedule.format().equals("csv")) {
        files.add(
            new ReportMailer.Attachment(
                base + ".pdf", "application/pdf", ReportPdf.render(report, schedule.language())));
      }
      if (!schedule.format().equals("pdf")) {
        files.add(
            new ReportMailer.Attachment(
                base + ".csv",
                "text/csv; charset=UTF-8",
                ReportCsv.render(report).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
      Map<String, String> labels =
          schedule.language().equals("ko") ? ReportLabels.KO : ReportLabels.EN;
      DateTimeFormatter day =
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
      String body =
          labels
              .get("mailBody")
              .formatted(day.format(period.from()), day.format(period.to()), schedule.timeZone());
      mailer.send(
          schedule.emails(),
          labels.get("title") + ": " + schedule.name() + " (" + day.format(period.from()) + ")",
          body,
          files);
      schedules.recordSend(schedule.id(), now.toEpochMilli(), null);
      return null;
    } catch (Exception e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      log.warn("Report schedule {} failed: {}", schedule.name(), error);
      schedules.recordSend(schedule.id(), now.toEpochMilli(), error);
      return error;
    }
  }
}
