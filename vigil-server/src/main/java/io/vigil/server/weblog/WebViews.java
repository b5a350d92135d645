package io.vigil.server.weblog;

import io.vigil.storage.Resolution;
import java.util.List;
import java.util.Map;

/** The JSON answers of the web-traffic endpoints (docs/api.md, "Web traffic"). */
final class WebViews {

  private WebViews() {}

  /**
   * Totals over the range.
   *
   * @param status requests per status class, {@code 1xx} … {@code 5xx}
   * @param reqPerS requests over the range's length
   * @param latency request-weighted means of the runs' latency figures, and the maximum
   */
  record Totals(
      long requests,
      long bytes,
      long lines,
      long malformed,
      Map<String, Long> status,
      double error4xxPct,
      double error5xxPct,
      double reqPerS,
      double bytesPerS,
      Map<String, Double> latency) {}

  /** The graphs: values aligned with {@code timestamps} (bucket starts, {@code step} apart). */
  record SeriesView(
      long step,
      long[] timestamps,
      Double[] reqPerS,
      Double[] bytesPerS,
      Map<String, Double[]> status,
      Map<String, Double[]> latency) {}

  /** One server of the pool: its totals, share of the pool's requests and its comparison lines. */
  record ServerView(
      String host,
      long requests,
      long bytes,
      double sharePct,
      double error5xxPct,
      Double[] reqPerS,
      Double[] rtP99Ms) {}

  record CodeCount(String code, long requests) {}

  record MethodCount(String method, long requests) {}

  /**
   * A key of a top table merged over the range and hosts. {@code errBound}: the summed sketch
   * over-count bound; {@code periods}: how many (period, host) top tables held the key; the latency
   * figures (URLs only, when the log format has response times) are means over those.
   */
  record TopRow(
      String key,
      long requests,
      long bytes,
      long errors,
      long errBound,
      long periods,
      long firstSeen,
      long lastSeen,
      Double rtP50Ms,
      Double rtP90Ms,
      Double rtP99Ms) {}

  record TrafficView(
      String pool,
      String name,
      List<String> hosts,
      long from,
      long to,
      Resolution resolution,
      List<String> logs,
      Totals totals,
      SeriesView series,
      List<ServerView> servers,
      List<CodeCount> statusCodes,
      List<MethodCount> methods,
      Map<String, List<TopRow>> top,
      List<WebLogSampleRepository.SampleLine> samples) {}

  /** Client addresses over a period; {@code requests}: the pool's total, for the share. */
  record VisitorsView(
      String pool,
      String name,
      List<String> hosts,
      long from,
      long to,
      long requests,
      List<TopRow> visitors) {}
}
