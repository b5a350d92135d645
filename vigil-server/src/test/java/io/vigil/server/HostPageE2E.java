package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vigil.server.testing.AgentProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in headless Chromium against a real server fed by the real agent: log in, find this
 * machine in the host list, open its page and see graphs with plotted points that grow live.
 */
class HostPageE2E {

  static final String CHROMIUM = "/usr/bin/chromium";

  @TempDir static Path dataDir;
  @TempDir static Path agentDir;
  static VigilServer server;
  static AgentProcess agent;
  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.items.default-interval", "2s")
            .start();
    agent =
        AgentProcess.start(server.baseUri(), server.enrolmentToken(), agentDir.resolve("state"));
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(CHROMIUM))
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (agent != null) {
      agent.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void loginShowsThisMachineAndItsHostPagePlotsLiveData() {
    Page page = browser.newPage();
    page.navigate(server.baseUri().toString());

    page.getByTestId("login-username").fill("admin");
    page.getByTestId("login-password").fill(server.generatedAdminPassword().orElseThrow());
    page.getByTestId("login-submit").click();

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
