package io.vigil.server.reports;

import io.vigil.server.web.ApiException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A report e-mailed once per period (daily, weekly, monthly) for the previous complete period.
 *
 * @param id null before it is stored
 * @param lastPeriodStart start (epoch ms) of the last period sent by the scheduler
 * @param lastSentAt when a report was last sent (scheduler or send-now)
 * @param lastError the last send failure, null after a success
 */
public record ReportSchedule(
    Long id,
    String name,
    String frequency,
    List<String> hosts,
    List<Long> groups,
    List<String> fields,
    String format,
    List<String> emails,
    String language,
    String timeZone,
    Long lastPeriodStart,
    Long lastSentAt,
    String lastError) {

  static final Set<String> FREQUENCIES = Set.of("daily", "weekly", "monthly");
  static final Set<String> FORMATS = Set.of("pdf", "csv", "both");
  static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");
  static final int MAX_EMAILS = 20;

  public ReportSchedule {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ApiException.badRequest("name is required (at most 100 characters)");
    }
    name = name.strip();
    if (frequency == null || !FREQUENCIES.contains(frequency)) {
      throw ApiException.badRequest("frequency must be daily, weekly or monthly");
    }
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    groups = groups == null ? List.of() : List.copyOf(groups);
    if (hosts.size() > ReportHosts.MAX_HOSTS) {
      throw ApiException.badRequest("at most " + ReportHosts.MAX_HOSTS + " hosts");
    }
    fields = fields == null ? List.of() : List.copyOf(fields);
    if (fields.size() > ReportRequest.MAX_FIELDS) {
      throw ApiException.badRequest("at most " + ReportRequest.MAX_FIELDS + " fields");
    }
    fields.forEach(FieldSpec::parse);
    format = format == null ? "pdf" : format;
    if (!FORMATS.contains(format)) {
      throw ApiException.badRequest("format must be pdf, csv or both");
    }
    if (emails == null || emails.isEmpty() || emails.size() > MAX_EMAILS) {
      throw ApiException.badRequest("emails needs 1 to " + MAX_EMAILS + " addresses");
    }
    for (String e : emails) {
      if (e == null || e.length() > 254 || !EMAIL.matcher(e).matches()) {
        throw ApiException.badRequest("not an e-mail address: " + e);
      }
    }
    emails = List.copyOf(emails);
    language = language == null ? "en" : language;
    if (!language.equals("en") && !language.equals("ko")) {
      throw ApiException.badRequest("language must be en or ko");
    }
    timeZone = timeZone == null ? "UTC" : timeZone;
    ReportCalendar.zone(timeZone);
  }

  /** The report period kind of the frequency. */
  String periodKind() {
    return switch (frequency) {
      case "daily" -> "day";
      case "weekly" -> "week";
      default -> "month";
    };
  }

  ReportSchedule withId(long newId) {
    return new ReportSchedule(
        newId,
        name,
        frequency,
        hosts,
        groups,
        fields,
        format,
        emails,
        language,
        timeZone,
        lastPeriodStart,
        lastSentAt,
        lastError);
  }
}
