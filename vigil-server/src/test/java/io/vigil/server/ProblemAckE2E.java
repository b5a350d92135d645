package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A problem in the browser, end to end: a CPU rule with no delay, an agent reporting a busy CPU,
 * the problems screen (left open) showing the problem without a reload, the header banner counting
 * it, the host list colouring the host; then an operator acknowledging it with a comment and
 * finding the acknowledgement, with comment and user, in the problem's history.
 */
class ProblemAckE2E {

  static final String RULE = "E2E CPU hot";
  static final String COMMENT = "looking into the runaway batch job";

  @TempDir static Path dataDir;
  static VigilServer server;
  static ProtocolAgent agent;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "e2e-busy");
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  @Test
  void problemAppearsLiveAndIsAcknowledgedWithAComment() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    ApiClient.Response rule =
        admin.post(
            "/api/v1/alert-rules",
            """
            {"name":"%s","enabled":true,"scope":{"type":"host","value":"%s"},
             "kind":"threshold","measurement":"cpu","field":"used_pct","tags":{"cpu":"total"},
             "conditions":[{"severity":"major","op":">","value":90,"for":"0s"}]}
            """
                .formatted(RULE, agent.hostKey()));
    assertThat(rule.status()).as(rule.body()).isEqualTo(201);
    // A quiet CPU first: the host exists and no problem is open.
    assertThat(agent.send(1, List.of(cpu(12.0))).status()).isEqualTo(200);

    Page page = chromium.newPage();
    page.navigate(server.baseUri() + "#/problems");
    Chromium.logIn(page, server);
    assertThat(page.getByTestId("problems-page")).isVisible();
    Locator rows = page.getByTestId("problem-row").filter(hasText(RULE));
    assertThat(rows).hasCount(0);

    // From now on the agent keeps reporting a busy CPU, as a live one would (a silent agent would
    // soon be a host-down problem too).
    AtomicLong sequence = new AtomicLong(1);
    ScheduledExecutorService busy = Executors.newSingleThreadScheduledExecutor();
    busy.scheduleAtFixedRate(
        () -> agent.send(sequence.incrementAndGet(), List.of(cpu(97.5))), 0, 2, TimeUnit.SECONDS);
    try {
      acknowledgeInTheBrowser(page, rows, admin);
    } finally {
      busy.shutdownNow();
      page.close();
    }
  }

  private static void acknowledgeInTheBrowser(Page page, Locator rows, ApiClient admin) {
    // The screen follows the stream: the row appears without a reload.
    Locator row = rows.first();
    assertThat(row).hasAttribute("data-severity", "major", within(20_000));
    assertThat(row).hasAttribute("data-status", "open");
    assertThat(row).containsText(agent.hostKey());
    String id = row.getAttribute("data-id");
    assertThat(id).matches("\\d+");
    Locator banner = page.getByTestId("problem-banner");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Integer.parseInt(banner.getAttribute("data-count")) >= 1);
    assertThat(banner).hasAttribute("data-severity", Pattern.compile("major|critical"));

    // Acknowledging needs a comment: an empty one is refused in place.
    row.getByTestId("problem-ack").click();
    row.getByTestId("problem-ack-submit").click();
    assertThat(row.getByTestId("problem-action-error")).containsText("comment is required");
    row.getByTestId("problem-ack-comment").fill(COMMENT);
    row.getByTestId("problem-ack-submit").click();
    Locator acked = page.locator("[data-testid=problem-row][data-id='" + id + "']");
    assertThat(acked).hasAttribute("data-status", "acknowledged", within(10_000));
    assertThat(acked).containsText(COMMENT);
    assertThat(acked.getByTestId("problem-ack")).hasCount(0);

    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/e2e/problem-ack-list.png")));

    JsonNode stored = admin.get("/api/v1/problems/" + id).json();
    assertThat(stored.get("status").asText()).isEqualTo("acknowledged");
    assertThat(stored.get("acknowledgedBy").asText()).isEqualTo("admin");
    assertThat(stored.get("ackComment").asText()).isEqualTo(COMMENT);

    // The detail: history with the opening and the acknowledgement, by whom and why.
    acked.getByTestId("problem-link").click();
    assertThat(page.getByTestId("problem-page")).hasAttribute("data-id", id);
    assertThat(page.locator("[data-testid=problem-event][data-type=opened]")).hasCount(1);
    Locator ack = page.locator("[data-testid=problem-event][data-type=acknowledged]");
    assertThat(ack).hasCount(1);
    assertThat(ack.getByTestId("problem-event-comment")).hasText(COMMENT);
    assertThat(ack.getByTestId("problem-event-user")).containsText("admin");
    assertThat(page.getByTestId("problem-status")).hasAttribute("data-status", "acknowledged");
    String graph = page.getByTestId("problem-graph-link").getAttribute("href");
    assertThat(graph).contains("#/hosts/" + agent.hostKey() + "?from=").contains("&to=");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Path.of("target/e2e/problem-ack.png"))
            .setFullPage(true));

    // The host list marks the host with its worst active severity.
    page.getByTestId("nav-hosts").click();
    assertThat(page.getByTestId("host-severity-" + agent.hostKey()))
        .hasAttribute("data-severity", "major", within(10_000));
    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/e2e/problem-ack-hosts.png")));

    // So does the host groups screen, for the group every host joins at enrolment.
    page.getByTestId("nav-groups").click();
    assertThat(page.getByTestId("groups-page")).isVisible();
    assertThat(page.getByTestId("group-severity-Linux servers"))
        .hasAttribute("data-severity", "major", within(10_000));
    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/e2e/problem-ack-groups.png")));

    // The graph link opens the host page on the window around the problem.
    page.navigate(server.baseUri() + graph);
    assertThat(page.getByTestId("host-page")).hasAttribute("data-host-key", agent.hostKey());
    assertThat(page.getByTestId("range-custom")).hasClass(Pattern.compile("active"));
  }

  private static Point cpu(double usedPct) {
    return new Point(
        "cpu",
        Map.of("cpu", "total"),
        Map.of("used_pct", usedPct, "idle_pct", 100.0 - usedPct),
        System.currentTimeMillis());
  }

  private static Locator.FilterOptions hasText(String text) {
    return new Locator.FilterOptions().setHasText(text);
  }

  private static LocatorAssertions.HasAttributeOptions within(double millis) {
    return new LocatorAssertions.HasAttributeOptions().setTimeout(millis);
  }
}
