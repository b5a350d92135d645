package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vigil.server.testing.AgentProcess;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  static final int PUSH_SECONDS = 2;

  @TempDir static Path dataDir;
  @TempDir static Path agentDir;
  static VigilServer server;
  static AgentProcess agent;
  static ApiClient api;
  static Chromium chromium;

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
    api = ApiClient.loggedInAdmin(server);
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, agent, server);
  }

  @Test
  void intervalAndOnOffSetInTheBrowserChangeWhatTheAgentSendsWithinOneCycle() {
    String host = awaitHostWithSamples();
    long start = System.currentTimeMillis();
    assertThat(timestamps(host, "cpu", "user_pct", "cpu:total", start - 60_000))
        .as("cpu at the template's 10 s interval before the change")
        .isNotEmpty();

    Page page = chromium.newPage();
    page.navigate(server.baseUri() + "#/hosts/" + host);
    Chromium.logIn(page, server);
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
