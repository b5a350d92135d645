package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vigil.server.testing.AgentProcess;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in headless Chromium against a real server fed by the real agent: log in, find this
 * machine in the host list, open its page and see graphs with plotted points that grow live.
 */
class HostPageE2E {

  @TempDir static Path dataDir;
  @TempDir static Path agentDir;
  static VigilServer server;
  static AgentProcess agent;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.items.default-interval", "2s")
            .start();
    agent =
        AgentProcess.start(server.baseUri(), server.enrolmentToken(), agentDir.resolve("state"));
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, agent, server);
  }

  @Test
  void loginShowsThisMachineAndItsHostPagePlotsLiveData() {
    Page page = chromium.newPage();
    page.navigate(server.baseUri() + "#/hosts");

    Chromium.logIn(page, server);

    Locator row = page.getByTestId("host-row").first();
    assertThat(row)
        .isVisible(
            new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                .setTimeout(30_000));
    assertThat(row)
        .hasAttribute(
            "data-online",
            "true",
            new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                .setTimeout(30_000));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> page.getByTestId("host-cpu").first().innerText().contains("%"));

    row.click();
    assertThat(page.getByTestId("host-page")).isVisible();
    page.getByTestId("range-15m").click();

    Locator cpuChart = page.getByTestId("chart-cpu");
    await().atMost(Duration.ofSeconds(30)).until(() -> plotted(cpuChart) > 0);
    int before = plotted(cpuChart);
    await().atMost(Duration.ofSeconds(30)).until(() -> plotted(cpuChart) > before);
    await().atMost(Duration.ofSeconds(30)).until(() -> plotted(page.getByTestId("chart-mem")) > 0);
    assertThat(page.getByTestId("table-fs").locator("tbody tr").first()).containsText("/");
    assertThat(page.getByTestId("table-proc-cpu").locator("tbody tr")).not().hasCount(0);
    assertThat(before).isPositive();
    // Kept for a person to look at: what the operator saw.
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Path.of("target/e2e/host-page.png"))
            .setFullPage(true));
  }

  private static int plotted(Locator chart) {
    String points = chart.getAttribute("data-points");
    return points == null ? 0 : Integer.parseInt(points);
  }
}
