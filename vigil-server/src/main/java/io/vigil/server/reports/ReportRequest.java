package io.vigil.server.reports;

import io.vigil.server.web.ApiException;
import java.time.ZoneId;
import java.util.List;

/**
 * What to report on: a resolved period in a time zone, explicit hosts and/or host groups (none of
 * either: every host the caller may see) and fields.
 */
public record ReportRequest(
    ReportPeriod period,
    ZoneId zone,
    List<String> hosts,
    List<Long> groups,
    List<FieldSpec> fields) {

  public static final int MAX_FIELDS = 20;
  public static final List<FieldSpec> DEFAULT_FIELDS =
      List.of(new FieldSpec("cpu", "used_pct"), new FieldSpec("mem", "used_pct"));

  public ReportRequest {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    groups = groups == null ? List.of() : List.copyOf(groups);
    fields = fields == null || fields.isEmpty() ? DEFAULT_FIELDS : List.copyOf(fields);
    if (fields.size() > MAX_FIELDS) {
      throw ApiException.badRequest("at most " + MAX_FIELDS + " fields");
    }
    if (fields.stream().distinct().count() != fields.size()) {
      throw ApiException.badRequest("a field is listed twice");
    }
  }
}
