package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vigil.server.testing.AgentProcess;
import io.vigil.server.testing.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Central item configuration end to end: an operator changes an item's interval and disables
 * another in the browser, and the real agent's samples change within one push cycle; the audit log
 * shows both changes.
 */
class ItemConfigE2E {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final int PUSH_SECONDS = 2;

  @TempDir static Path dataDir;
  @TempDir static Path agentDir;
  static VigilServer server;
  static AgentProcess agent;
  static ApiClient api;
  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void start() {
    // No vigil.items.default-interval: the shipped Linux template's 10 s applies.
    server = VigilServer.builder().dataDir(dataDir).start();
    agent =
        AgentProcess.start(
            server.baseUri(),
            server.enrolmentToken(),
            agentDir.resolve("state"),
            List.of("--push-interval-seconds", String.valueOf(PUSH_SECONDS)));
    api = new ApiClient(server.baseUri());
    assertThat(api.login("admin", server.generatedAdminPassword().orElseThrow()).status())
        .isEqualTo(200);
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
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
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
  void intervalAndOnOffSetInTheBrowserChangeWhatTheAgentSendsWithinOneCycle() {
    String host = awaitHostWithSamples();
    long start = System.currentTimeMillis();
    assertThat(timestamps(host, "cpu", "user_pct", "cpu:total", start - 60_000))
        .as("cpu at the template's 10 s interval before the change")
        .isNotEmpty();

    Page page = browser.newPage();
    page.navigate(server.baseUri() + "#/hosts/" + host);
    page.getByTestId("login-username").fill("admin");
    page.getByTestId("login-password").fill(server.generatedAdminPassword().orElseThrow());
    page.getByTestId("login-submit").click();
    Locator cpuInterval = page.getByTestId("item-interval-cpu");
    assertThat(cpuInterval).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
    assertThat(cpuInterval).hasValue("10");

    cpuInterval.fill("1");
    page.getByTestId("item-save-cpu").click();
    long changedAt = System.currentTimeMillis();
    page.getByTestId("item-enabled-proc").uncheck();
    page.getByTestId("item-save-proc").click();
    long disabledAt = System.currentTimeMillis();
    assertThat(page.getByTestId("item-interval-cpu"))
        .hasValue("1", new LocatorAssertions.HasValueOptions().setTimeout(10_000));

    // One push cycle (the ack carries the new version) plus the config fetch, then the new 1 s
    // interval: at least 5 samples in any later 6-second window, where 10 s gave at most one.
    long effectiveFrom = changedAt + PUSH_SECONDS * 1000L + 2_000;
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(window(timestamps(host, "cpu", "user_pct", "cpu:total", effectiveFrom)))
                    .hasSizeGreaterThanOrEqualTo(5));

    // Disabled: no proc sample stamped after the change took effect, across more than one of
    // its 10 s intervals (proc was being collected before).
    assertThat(timestamps(host, "proc", null, null, start - 60_000)).isNotEmpty();
    long quietFrom = disabledAt + PUSH_SECONDS * 1000L + 2_000;
    await().atMost(Duration.ofSeconds(40)).until(() -> newestCpuSample(host) > quietFrom + 12_000);
    assertThat(timestamps(host, "proc", null, null, quietFrom))
        .as("proc samples after it was disabled")
        .isEmpty();

    page.getByTestId("nav-audit").click();
    Locator cpuChange = page.locator("[data-testid=audit-row][data-target*=cpu]");
    assertThat(cpuChange.first())
        .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
    assertThat(cpuChange.first()).containsText("admin");
    assertThat(page.locator("[data-testid=audit-row][data-target*=proc]").first()).isVisible();
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Path.of("target", "e2e", "audit-log.png"))
            .setFullPage(true));

    JsonNode audit = api.get("/api/v1/audit?limit=20").json();
    assertThat(audit.toString()).contains("cpu", "\"intervalSeconds\":1", "proc");
  }

  private static String awaitHostWithSamples() {
    String[] key = new String[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode hosts = api.get("/api/v1/hosts").json();
              if (hosts.size() != 1) {
                return false;
              }
              key[0] = hosts.get(0).get("key").asString();
              return !timestamps(key[0], "proc", null, null, 0).isEmpty()
                  && !timestamps(key[0], "cpu", "user_pct", "cpu:total", 0).isEmpty();
            });
    return key[0];
  }

  private static long newestCpuSample(String host) {
    List<Long> cpu = timestamps(host, "cpu", "user_pct", "cpu:total", 0);
    return cpu.isEmpty() ? 0 : cpu.getLast();
  }

  /** The samples of the first 6 seconds of the list. */
  private static List<Long> window(List<Long> stamps) {
    if (stamps.isEmpty()) {
      return stamps;
    }
    long first = stamps.getFirst();
    if (stamps.getLast() - first < 6_000) {
      return List.of(); // not yet a whole window
    }
    return stamps.stream().filter(t -> t < first + 6_000).toList();
  }

  /** Raw sample timestamps of a measurement after {@code from}, oldest first. */
  private static List<Long> timestamps(
      String host, String measurement, String field, String tag, long from) {
    long to = System.currentTimeMillis() + 60_000;
    String query =
        "/api/v1/query/range?resolution=raw&host="
            + host
            + "&measurement="
            + measurement
            + (field == null ? "" : "&fields=" + field)
            + (tag == null ? "" : "&tag=" + tag)
            + "&from="
            + Math.max(from, to - 3_600_000)
            + "&to="
            + to;
    ApiClient.Response response = api.get(query);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<Long> stamps = new ArrayList<>();
    for (JsonNode series : response.json().get("series")) {
      for (JsonNode t : series.get("timestamps")) {
        if (t.asLong() > from) {
          stamps.add(t.asLong());
        }
      }
    }
    stamps.sort(null);
    return stamps.stream().distinct().toList();
  }
}
