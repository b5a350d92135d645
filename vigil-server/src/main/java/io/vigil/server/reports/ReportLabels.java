package io.vigil.server.reports;

import java.util.Map;

/** Labels of the PDF and e-mail in English and Korean. */
final class ReportLabels {

  static final Map<String, String> EN =
      Map.ofEntries(
          Map.entry("title", "Vigil report"),
          Map.entry("period", "Period"),
          Map.entry("timeZone", "Time zone"),
          Map.entry("resolution", "Resolution"),
          Map.entry("hosts", "Hosts"),
          Map.entry("fields", "Fields"),
          Map.entry("host", "Host"),
          Map.entry("field", "Field"),
          Map.entry("business", "Business"),
          Map.entry("offHours", "Off-hours"),
          Map.entry("availability", "Availability"),
          Map.entry("downSeconds", "Down (s)"),
          Map.entry("checks", "Checks (OK %)"),
          Map.entry("problems", "Problems by severity"),
          Map.entry("severity", "Severity"),
          Map.entry("count", "Count"),
          Map.entry("durationSeconds", "Duration (s)"),
          Map.entry("heatmap", "Hour x weekday"),
          Map.entry("mailBody", "The attached report covers %s to %s (%s)."));

  static final Map<String, String> KO =
      Map.ofEntries(
          Map.entry("title", "Vigil 보고서"),
          Map.entry("period", "기간"),
          Map.entry("timeZone", "시간대"),
          Map.entry("resolution", "해상도"),
          Map.entry("hosts", "호스트"),
          Map.entry("fields", "필드"),
          Map.entry("host", "호스트"),
          Map.entry("field", "필드"),
          Map.entry("business", "업무 시간"),
          Map.entry("offHours", "업무 외"),
          Map.entry("availability", "가용성"),
          Map.entry("downSeconds", "중단 (초)"),
          Map.entry("checks", "점검 (정상 %)"),
          Map.entry("problems", "심각도별 문제"),
          Map.entry("severity", "심각도"),
          Map.entry("count", "건수"),
          Map.entry("durationSeconds", "지속 (초)"),
          Map.entry("heatmap", "시간 x 요일"),
          Map.entry("mailBody", "첨부된 보고서는 %s 부터 %s 까지입니다 (%s)."));

  private ReportLabels() {}
}
