package io.vigil.weblog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Point;
import io.vigil.weblog.parse.LogFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The points match the web log wire contract: measurement names, tags and fields, with exact values
 * for a known set of lines.
 */
class WebLogPointsTest {

  private static final long T = 1_717_200_000_000L;
  private static final LogFormat NGINX =
      LogFormat.of(
          "nginx",
          "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
              + " \"$http_referer\" \"$http_user_agent\" $request_time $upstream_addr $host");
  private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0";
  private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1)";

  private static final Set<String> SUMMARY_FIELDS =
      Set.of(
          "lines",
          "malformed",
          "requests",
          "bytes",
          "req_per_s",
          "bytes_per_s",
          "status_1xx",
          "status_2xx",
          "status_3xx",
          "status_4xx",
          "status_5xx",
          "error_4xx_pct",
          "error_5xx_pct");
  private static final Set<String> RT_FIELDS =
      Set.of("rt_avg_ms", "rt_p50_ms", "rt_p90_ms", "rt_p99_ms", "rt_max_ms");

  private static String line(
      String client, String request, int status, String bytes, String agent, String rt) {
    return client
        + " - - [01/Jun/2024:10:00:01 +0900] \""
        + request
        + "\" "
        + status
        + " "
        + bytes
        + " \"-\" \""
        + agent
        + "\" "
        + rt
        + " 10.0.0.5:8080 shop.example";
  }

  private static TrafficAggregator aggregate(LogFormat format, List<String> lines) {
    TrafficAggregator a =
        new TrafficAggregator(format, new TrafficAggregator.Settings(100, false, 5, false));
    for (String l : lines) {
      byte[] b = l.getBytes(UTF_8);
      a.accept(b, 0, b.length, false);
    }
    return a;
  }

  private static final List<String> LINES =
      List.of(
          line("10.0.0.1", "GET /a?x=1 HTTP/1.1", 200, "1000", FIREFOX, "0.010"),
          line("10.0.0.1", "GET /a?x=2 HTTP/1.1", 200, "1000", FIREFOX, "0.020"),
          line("10.0.0.2", "POST /login HTTP/1.1", 302, "-", FIREFOX, "0.030"),
          line("10.0.0.3", "GET /missing HTTP/1.1", 404, "50", GOOGLEBOT, "0.001"),
          line("10.0.0.3", "BREW /pot HTTP/1.1", 503, "0", GOOGLEBOT, "1.500"),
          "this is not an access log line",
          line("10.0.0.4", "GET /a HTTP/1.1", 200, "10", "curl/8", "-"));

  @Test
  void everyRunGivesTheSummaryStatusAndMethodPoints() {
    TrafficAggregator a = aggregate(NGINX, LINES);
    List<Point> points = WebLogPoints.summary("web_log", T, a.run(), 10.0, true);

    Point summary = points.get(0);
    assertThat(summary.measurement()).isEqualTo("weblog");
    assertThat(summary.tags()).isEqualTo(Map.of("log", "web_log"));
    assertThat(summary.timestamp()).isEqualTo(T);
    Set<String> expectedFields = new java.util.HashSet<>(SUMMARY_FIELDS);
    expectedFields.addAll(RT_FIELDS);
    assertThat(summary.fields().keySet()).isEqualTo(expectedFields);
    Map<String, Double> f = summary.fields();
    assertThat(f).containsEntry("lines", 7.0).containsEntry("malformed", 1.0);
    assertThat(f).containsEntry("requests", 6.0).containsEntry("bytes", 2060.0);
    assertThat(f).containsEntry("req_per_s", 0.6).containsEntry("bytes_per_s", 206.0);
    assertThat(f)
        .containsEntry("status_1xx", 0.0)
        .containsEntry("status_2xx", 3.0)
        .containsEntry("status_3xx", 1.0)
        .containsEntry("status_4xx", 1.0)
        .containsEntry("status_5xx", 1.0);
    assertThat(f.get("error_4xx_pct")).isCloseTo(100.0 / 6, within());
    assertThat(f.get("error_5xx_pct")).isCloseTo(100.0 / 6, within());
    assertThat(f.get("rt_max_ms")).isEqualTo(1500.0);
    assertThat(f.get("rt_avg_ms")).isCloseTo((10 + 20 + 30 + 1 + 1500) / 5.0, within());
    assertThat(f.get("rt_p50_ms"))
        .isCloseTo(20, org.assertj.core.data.Percentage.withPercentage(1));

    Map<String, Double> byCode =
        points.stream()
            .filter(p -> p.measurement().equals("weblog_status"))
            .peek(p -> assertThat(p.tags().keySet()).containsExactlyInAnyOrder("log", "code"))
            .peek(p -> assertThat(p.fields().keySet()).containsExactly("requests"))
            .collect(Collectors.toMap(p -> p.tags().get("code"), p -> p.fields().get("requests")));
    assertThat(byCode).isEqualTo(Map.of("200", 3.0, "302", 1.0, "404", 1.0, "503", 1.0));
    Map<String, Double> byMethod =
        points.stream()
            .filter(p -> p.measurement().equals("weblog_method"))
            .peek(p -> assertThat(p.tags().keySet()).containsExactlyInAnyOrder("log", "method"))
            .collect(
                Collectors.toMap(p -> p.tags().get("method"), p -> p.fields().get("requests")));
    assertThat(byMethod).isEqualTo(Map.of("GET", 4.0, "POST", 1.0, "OTHER", 1.0));
    assertThat(points).hasSize(1 + 4 + 3);
  }

  @Test
  void aRunWithoutLinesStillGivesTheSummaryWithZeros() {
    TrafficAggregator a = aggregate(NGINX, List.of());
    List<Point> points = WebLogPoints.summary("web_log", T, a.run(), 10.0, true);
    assertThat(points).hasSize(1);
    assertThat(points.get(0).fields().values()).allMatch(v -> v == 0.0);
    assertThat(points.get(0).fields().keySet()).containsAll(RT_FIELDS);
  }

  @Test
  void withoutResponseTimesOrAPreviousRunThoseFieldsAreLeftOut() {
    LogFormat combined = LogFormat.of("combined", null);
    TrafficAggregator a =
        aggregate(
            combined,
            List.of(
                "1.2.3.4 - - [01/Jun/2024:10:00:01 +0900] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\""));
    Point summary = WebLogPoints.summary("w", T, a.run(), Double.NaN, false).get(0);
    Set<String> expected = new java.util.HashSet<>(SUMMARY_FIELDS);
    expected.removeAll(Set.of("req_per_s", "bytes_per_s"));
    assertThat(summary.fields().keySet()).isEqualTo(expected);
  }

  @Test
  void topPointsPerDimensionWithResponseTimesForUrls() {
    TrafficAggregator a = aggregate(NGINX, LINES);
    List<Point> points = WebLogPoints.top("web_log", T, a.top(), 10, true);
    assertThat(points).allSatisfy(p -> assertThat(p.measurement()).isEqualTo("weblog_top"));
    assertThat(points)
        .allSatisfy(
            p -> assertThat(p.tags().keySet()).containsExactlyInAnyOrder("log", "dim", "key"));
    assertThat(points.stream().map(p -> p.tags().get("dim")).distinct())
        .containsExactly("url", "client", "referrer", "browser", "os", "bot", "vhost", "upstream");
    Map<String, Map<String, Double>> urls = top(points, "url");
    assertThat(urls.keySet()).containsExactlyInAnyOrder("/a?x", "/login", "/missing", "/pot", "/a");
    assertThat(urls.get("/a?x"))
        .containsEntry("requests", 2.0)
        .containsEntry("bytes", 2000.0)
        .containsEntry("errors", 0.0)
        .containsEntry("err_bound", 0.0);
    // 10 ms and 20 ms: the value of rank ⌊q·(n−1)⌋ is 10 ms for p90 and 20 ms only for p100.
    assertThat(urls.get("/a?x").get("rt_p90_ms"))
        .isCloseTo(10, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(urls.get("/pot")).containsEntry("errors", 1.0);
    assertThat(urls.get("/a").keySet())
        .as("no response time logged: no rt fields")
        .containsExactlyInAnyOrder("requests", "bytes", "errors", "err_bound");
    assertThat(top(points, "client").get("10.0.0.3")).containsEntry("requests", 2.0);
    assertThat(top(points, "browser"))
        .containsOnlyKeys("Firefox", "Bot", "curl")
        .allSatisfy((k, v) -> assertThat(v.keySet()).doesNotContain("rt_p50_ms"));
    assertThat(top(points, "bot")).containsOnlyKeys("Googlebot");
    assertThat(top(points, "os")).containsOnlyKeys("Linux", "Other");
    assertThat(top(points, "referrer")).containsOnlyKeys("-");
    assertThat(top(points, "vhost").get("shop.example")).containsEntry("requests", 6.0);
    assertThat(top(points, "upstream").get("10.0.0.5:8080")).containsEntry("requests", 6.0);
  }

  @Test
  void keysBecomeValidTagValues() {
    String longUrl = "/" + "x".repeat(300) + "?b=1";
    String control = "/tab\u0001here";
    TrafficAggregator a =
        aggregate(
            NGINX,
            List.of(
                line("10.0.0.1", "GET " + longUrl + " HTTP/1.1", 200, "1", "a", "0.1"),
                line("10.0.0.1", "GET " + longUrl + "&c HTTP/1.1", 200, "1", "a", "0.1"),
                line("10.0.0.1", "GET " + control + " HTTP/1.1", 200, "1", "a", "0.1")));
    Map<String, Map<String, Double>> urls = top(WebLogPoints.top("w", T, a.top(), 10, true), "url");
    String cut = urls.keySet().stream().filter(k -> k.startsWith("/xxx")).findFirst().orElseThrow();
    assertThat(cut).hasSize(KeyText.MAX_CHARS - 2).endsWith("…");
    assertThat(urls.get(cut))
        .as("both long URLs are one key once cut")
        .containsEntry("requests", 2.0);
    assertThat(urls).containsKey("/tab\uFFFDhere");
  }

  @Test
  void tagValuesAreCleanedCutAndNeverEmpty() {
    assertThat(KeyText.tagValue("")).isEqualTo("-");
    assertThat(KeyText.tagValue("a\nb\u007f")).isEqualTo("a\uFFFDb\uFFFD");
    String cut = KeyText.tagValue("é".repeat(250));
    assertThat(cut).hasSize(200).endsWith("…");
  }

  private static Map<String, Map<String, Double>> top(List<Point> points, String dim) {
    return points.stream()
        .filter(p -> p.tags().get("dim").equals(dim))
        .collect(Collectors.toMap(p -> p.tags().get("key"), Point::fields));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
