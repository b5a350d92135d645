package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.storage.MetricStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A 30-day report in the browser: two hosts with three weeks of hourly data (written straight into
 * the store), last month's report, the tables and heat map on screen, and the CSV and PDF downloads
 * checked for their content.
 */
class ReportE2E {

  @TempDir static Path dataDir;
  static VigilServer server;
  static Chromium chromium;
  static String web1;
  static String web2;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.storage.rollup-refresh-interval", "0s")
            // Last month's points are up to 62 days old: keep raw data long enough to roll them up.
            .property("vigil.storage.raw-retention", "90d")
            .start();
    web1 = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "rep-web-1").hostKey();
    web2 = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "rep-web-2").hostKey();
    writeLastMonth();
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  /**
   * The whole of last calendar month (UTC), what a monthly report covers; web-1: cpu 10 + the hour
   * of day (average 21.5); web-2: 40 at :00 and 60 at :30 (hourly average 50).
   */
  static void writeLastMonth() {
    LocalDate firstOfThisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    Instant end = firstOfThisMonth.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant start = firstOfThisMonth.minusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Point> points = new ArrayList<>();
    for (Instant t = start; t.isBefore(end); t = t.plus(30, ChronoUnit.MINUTES)) {
      boolean half = t.atZone(ZoneOffset.UTC).getMinute() == 30;
      long ts = t.toEpochMilli();
      points.add(cpu(web1, 10 + t.atZone(ZoneOffset.UTC).getHour(), ts));
      points.add(cpu(web2, half ? 60 : 40, ts));
      points.add(new Point("mem", Map.of("host", web1), Map.of("used_pct", 55.0), ts));
      points.add(new Point("mem", Map.of("host", web2), Map.of("used_pct", 65.0), ts));
    }
    server.bean(MetricStore.class).write(points);
  }

  static Point cpu(String host, double value, long ts) {
    return new Point("cpu", Map.of("host", host, "cpu", "total"), Map.of("used_pct", value), ts);
  }

  @Test
  void monthlyReportWithCsvAndPdfDownloads() throws Exception {
    // The hour rollups have caught up before the browser asks.
    ApiClient admin = ApiClient.loggedInAdmin(server);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode r =
                  admin
                      .get("/api/v1/reports?period=month&tz=UTC&fields=cpu.used_pct&hosts=" + web2)
                      .json();
              JsonNode avg = r.get("fields").get(0).get("avg");
              return !avg.isNull() && avg.asDouble() == 50.0;
            });

    Page page = chromium.newPage();
    page.navigate(server.baseUri() + "#/reports");
    Chromium.logIn(page, server);
    assertThat(page.getByTestId("reports-view")).isVisible();
    page.getByTestId("report-period").selectOption("month");
    page.getByTestId("report-hosts").selectOption(new String[] {web1, web2});
    page.getByTestId("report-fields").fill("cpu.used_pct, mem.used_pct");
    page.getByTestId("report-run").click();

    Locator rows = page.getByTestId("report-field-row");
    assertThat(rows).hasCount(4);
    assertThat(avgCell(page, web1, "cpu.used_pct")).hasText("21.50");
    assertThat(cell(page, web1, "cpu.used_pct", "max")).hasText("33.00");
    // Default business hours: Monday to Friday 09:00-18:00 UTC, i.e. hours 9..17 -> 19..27.
    assertThat(cell(page, web1, "cpu.used_pct", "business")).hasText("23.00");
    assertThat(avgCell(page, web2, "cpu.used_pct")).hasText("50.00");
    assertThat(cell(page, web2, "cpu.used_pct", "min")).hasText("40.00");
    assertThat(cell(page, web2, "cpu.used_pct", "max")).hasText("60.00");
    assertThat(avgCell(page, web2, "mem.used_pct")).hasText("65.00");
    assertThat(page.getByTestId("report-availability-row")).hasCount(2);
    assertThat(page.getByTestId("report-problems-table")).isVisible();
    Locator cells = page.getByTestId("report-heat-cell");
    assertThat(cells).hasCount(7 * 24);
    // A month of data fills every weekday and hour; an hour's cells hold the hosts' average,
    // (10 + hour + 50) / 2, the same on all seven days.
    assertThat(page.locator("[data-testid=report-heat-cell][data-value='']")).hasCount(0);
    assertThat(page.locator("[data-testid=report-heat-cell][data-value='30']")).hasCount(7);
    assertThat(page.locator("[data-testid=report-heat-cell][data-value='41.5']")).hasCount(7);
    assertThat(page.getByTestId("report-chart")).isVisible();

    Download csv = page.waitForDownload(() -> page.getByTestId("report-csv").click());
    assertThat(csv.suggestedFilename())
        .startsWith(
            "vigil-report-month-" + LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1))
        .endsWith(".csv");
    String text = Files.readString(csv.path(), StandardCharsets.UTF_8);
    assertThat(text.split("\r\n"))
        .contains("field," + web1 + ",cpu.used_pct,avg,21.5")
        .contains("field," + web2 + ",cpu.used_pct,avg,50")
        .contains("field," + web2 + ",mem.used_pct,avg,65");

    Download pdf = page.waitForDownload(() -> page.getByTestId("report-pdf").click());
    assertThat(pdf.suggestedFilename()).endsWith(".pdf");
    try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf.path()))) {
      String pdfText = new PDFTextStripper().getText(doc);
      assertThat(pdfText).contains(web1).contains(web2).contains("21.50").contains("50.00");
    }

    page.setViewportSize(1440, 900);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/reports.png")));
    page.close();
  }

  private static Locator avgCell(Page page, String host, String field) {
    return cell(page, host, field, "avg");
  }

  private static Locator cell(Page page, String host, String field, String col) {
    return page.locator(
        "[data-testid=report-field-row][data-host='"
            + host
            + "'][data-field='"
            + field
            + "'] td[data-col="
            + col
            + "]");
  }
}
