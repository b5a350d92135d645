package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vigil.model.Point;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compare in Chromium: two hosts with known CPU values selected with the field, one overlaid graph,
 * and a statistics row per host with the expected minimum and maximum; then the previous day.
 */
class CompareE2E {

  static final long MINUTE = 60_000;
  static final long DAY = 86_400_000;

  @TempDir static Path dataDir;
  static VigilServer server;
  static Chromium chromium;
  static ProtocolAgent a;
  static ProtocolAgent b;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    chromium = Chromium.launch();
    a = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "web-compare-a");
    b = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "web-compare-b");
    long start = System.currentTimeMillis() - 40 * MINUTE;
    List<Point> pointsA = new ArrayList<>();
    List<Point> pointsB = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      // a: 10 … 40 % climbing; b: 50 … 79 %; a's previous day: 1 … 30.
      pointsA.add(cpu(start + i * MINUTE, 10 + i));
      pointsA.add(cpu(start + i * MINUTE - DAY, 1 + i));
      pointsB.add(cpu(start + i * MINUTE, 50 + i));
    }
    assertThat(a.send(1, pointsA).status()).isEqualTo(200);
    assertThat(b.send(1, pointsB).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  @Test
  void twoHostsOnOneGraphWithStatistics() {
    Page page = chromium.newPage();
    page.setViewportSize(1440, 900);
    page.navigate(server.baseUri() + "#/compare");
    Chromium.logIn(page, server);
    assertThat(page.getByTestId("compare-view")).isVisible();

    page.getByTestId("compare-host-" + a.hostKey()).check();
    page.getByTestId("compare-host-" + b.hostKey()).check();
    page.getByTestId("compare-measurement").selectOption("cpu");
    page.getByTestId("compare-field").selectOption("used_pct");

    Locator chart = page.getByTestId("compare-chart");
    assertThat(chart).hasAttribute("data-series", "2", within(10_000));
    assertThat(chart.locator("canvas").first()).isVisible();
    assertThat(page.getByTestId("chart-compare"))
        .hasAttribute("data-points", Pattern.compile("[1-9]\\d*"));

    Locator rowA = page.getByTestId("compare-stat-" + a.hostKey());
    Locator rowB = page.getByTestId("compare-stat-" + b.hostKey());
    assertThat(value(rowA, "min")).hasAttribute("data-value", "10");
    assertThat(value(rowA, "max")).hasAttribute("data-value", "39");
    assertThat(value(rowB, "min")).hasAttribute("data-value", "50");
    assertThat(value(rowB, "max")).hasAttribute("data-value", "79");
    assertThat(rowA.locator("[data-col=count]")).hasText("30");
    assertThat(value(rowA, "min")).containsText("10");
    assertThat(page.getByTestId("compare-range")).isVisible();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/compare.png")));

    // Against the previous day: a third line and row, moved onto today's range.
    page.getByTestId("compare-shift").selectOption("1d");
    Locator shifted = page.getByTestId("compare-stat-" + a.hostKey() + "-shifted");
    assertThat(value(shifted, "min")).hasAttribute("data-value", "1", within(10_000));
    assertThat(value(shifted, "max")).hasAttribute("data-value", "30");
    assertThat(chart).hasAttribute("data-series", "3"); // b has no data a day earlier
    page.close();
  }

  private static Locator value(Locator row, String column) {
    return row.locator("[data-col=" + column + "]");
  }

  private static Point cpu(long at, double usedPct) {
    return new Point("cpu", Map.of("cpu", "total"), Map.of("used_pct", usedPct), at);
  }

  private static LocatorAssertions.HasAttributeOptions within(double millis) {
    return new LocatorAssertions.HasAttributeOptions().setTimeout(millis);
  }
}
