package io.vigil.agent.check;

import io.vigil.model.CheckResult;
import io.vigil.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@link CheckReport} into the wire's {@link CheckResult}, bounded to its limits: message
 * on one line and cut, metrics with identifier names and finite values only, details cut in number
 * and length, control characters (from binary log lines, say) replaced. A check's output never
 * makes a batch invalid.
 */
public final class CheckResults {

  private CheckResults() {}

  public static CheckResult of(
      String item, String kind, long startedAtMillis, double durationMs, CheckReport report) {
    return new CheckResult(
        item,
        kind,
        Math.max(1, startedAtMillis),
        report.status(),
        message(report.message()),
        Double.isFinite(durationMs) && durationMs >= 0 ? durationMs : 0,
        metrics(report.metrics()),
        details(report.details()));
  }

  static String message(String message) {
    String oneLine = printable(message.replaceAll("[\\r\\n]+", " ")).strip();
    return cut(oneLine, CheckResult.MAX_MESSAGE);
  }

  static Map<String, Double> metrics(Map<String, Double> metrics) {
    TreeMap<String, Double> out = new TreeMap<>();
    for (Map.Entry<String, Double> m : new TreeMap<>(metrics).entrySet()) {
      Double value = m.getValue();
      if (out.size() < CheckResult.MAX_METRICS
          && Names.isIdentifier(m.getKey())
          && value != null
          && Double.isFinite(value)) {
        out.put(m.getKey(), value);
      }
    }
    return out;
  }

  static List<String> details(List<String> details) {
    List<String> out = new ArrayList<>();
    for (String line : details) {
      if (out.size() == CheckResult.MAX_DETAILS) {
        break;
      }
      if (line != null) {
        out.add(cut(printable(line), CheckResult.MAX_DETAIL_LENGTH));
      }
    }
    return out;
  }

  /** Control characters (other than tab) become U+FFFD. */
  static String printable(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t') {
        if (sb == null) {
          sb = new StringBuilder(text.length()).append(text, 0, i);
        }
        sb.append('\uFFFD');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }

  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
