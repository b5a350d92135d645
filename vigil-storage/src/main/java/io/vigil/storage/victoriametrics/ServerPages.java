package io.vigil.storage.victoriametrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts read from VictoriaMetrics' own pages: its {@code /metrics} and its {@code /flags}. */
final class ServerPages {

  private static final Pattern DATA_SIZE =
      Pattern.compile("(?m)^vm_data_size_bytes\\{[^}]*}\\s+(\\S+)");
  private static final Pattern DEDUP =
      Pattern.compile("(?m)^-dedup\\.minScrapeInterval=\"?([^\"\\s]*)\"?");

  private ServerPages() {}

  /** The sum of every {@code vm_data_size_bytes} sample (data parts and index) of the page. */
  static long dataSizeBytes(String metrics) {
    Matcher m = DATA_SIZE.matcher(metrics);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return Math.round(total);
  }

  /** Whether the {@code /flags} page shows a de-duplication interval other than zero. */
  static boolean deduplicates(String flags) {
    Matcher m = DEDUP.matcher(flags);
    if (!m.find()) {
      return false;
    }
    String value = m.group(1);
    return !(value.isEmpty() || value.matches("0+(\\.0+)?[a-z]*"));
  }
}
