package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check results in the browser: an agent reports a check OK, the host list and the host page show
 * it green; the agent then reports it CRITICAL and both pages, left open, turn red without being
 * reloaded.
 */
class CheckStatusE2E {

  static final String ITEM = "web_port";

  @TempDir static Path dataDir;
  static VigilServer server;
  static ProtocolAgent agent;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "e2e-web");
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  @Test
  void checkStatusTurnsRedLiveOnHostListAndHostPage() {
    configureCheckItem();
    assertThat(send(1, CheckStatus.OK, "connected to 127.0.0.1:80", List.of()).status())
        .isEqualTo(200);

    BrowserContext context = chromium.newContext();
    Page list = context.newPage();
    list.navigate(server.baseUri() + "#/hosts");
    Chromium.logIn(list, server);

    Locator listCell = list.getByTestId("host-checks-" + agent.hostKey());
    assertThat(listCell).hasAttribute("data-worst", "OK", attributeWithin(30_000));
    assertThat(listCell).containsText("1 OK");

    // A second tab on the host page; the session cookie is shared by the context.
    Page host = context.newPage();
    host.navigate(server.baseUri() + "#/hosts/" + agent.hostKey() + "?range=15m");
    Locator badge = host.getByTestId("check-status-" + ITEM);
    assertThat(badge).hasAttribute("data-status", "OK", attributeWithin(30_000));
    assertThat(host.getByTestId("check-row-" + ITEM)).containsText("connected to 127.0.0.1:80");
    String okColour = backgroundOf(badge);

    assertThat(
            send(2, CheckStatus.CRITICAL, "connect to 127.0.0.1:80 refused", List.of("10.0.0.7 3"))
                .status())
        .isEqualTo(200);

    // The host page follows the stream: well before its minute-long safety refresh.
    assertThat(badge).hasAttribute("data-status", "CRITICAL", attributeWithin(10_000));
    assertThat(badge).hasText("CRITICAL");
    Locator spark = host.getByTestId("check-spark-" + ITEM);
    assertThat(spark).hasAttribute("data-last", "CRITICAL");
    assertThat(spark).hasAttribute("data-runs", "2");
    assertThat(host.getByTestId("check-message-" + ITEM))
        .hasText("connect to 127.0.0.1:80 refused");
    int[] red = rgb(backgroundOf(badge));
    assertThat(red[0]).as("red channel of %s", backgroundOf(badge)).isGreaterThan(150);
    assertThat(red[1]).as("green channel").isLessThan(90);
    assertThat(red[2]).as("blue channel").isLessThan(90);
    int[] green = rgb(okColour);
    assertThat(green[1]).as("the OK badge was green: %s", okColour).isGreaterThan(green[0]);

    // The history of the check opens on a click, with the details lines of the latest run.
    host.getByTestId("check-row-" + ITEM).click();
    assertThat(host.getByTestId("check-details-" + ITEM)).containsText("10.0.0.7 3");
    Locator statusChart = host.getByTestId("chart-check-" + ITEM + "-status");
    await().atMost(Duration.ofSeconds(15)).until(() -> plotted(statusChart) >= 2);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> plotted(host.getByTestId("chart-check-" + ITEM + "-connect_ms")) >= 1);

    // The host list tab was never reloaded either.
    assertThat(listCell).hasAttribute("data-worst", "CRITICAL", attributeWithin(40_000));
    assertThat(listCell).containsText("1 CRIT");

    host.bringToFront();
    host.getByTestId("host-checks")
        .screenshot(
            new Locator.ScreenshotOptions().setPath(Path.of("target/e2e/check-status-checks.png")));
    host.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Path.of("target/e2e/check-status.png"))
            .setFullPage(true));
    list.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/e2e/check-status-list.png")));
    context.close();
  }

  /** A host-own port check, so results for it belong to the host's configuration. */
  private static void configureCheckItem() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    ApiClient.Response response =
        admin.send(
            admin
                .request("/api/v1/hosts/" + agent.hostKey() + "/items/" + ITEM)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"kind\":\"port\",\"intervalSeconds\":30,\"enabled\":true,"
                            + "\"params\":{\"port\":\"80\"}}")));
    assertThat(response.status()).as(response.body()).isBetween(200, 204);
  }

  private static ApiClient.Response send(
      long sequence, CheckStatus status, String message, List<String> details) {
    CheckResult result =
        new CheckResult(
            ITEM,
            "port",
            System.currentTimeMillis(),
            status,
            message,
            status == CheckStatus.OK ? 1.5 : 0.3,
            status == CheckStatus.OK ? Map.of("connect_ms", 0.4) : Map.of(),
            details);
    return agent.sendChecks(sequence, List.of(), List.of(result));
  }

  private static LocatorAssertions.HasAttributeOptions attributeWithin(double millis) {
    return new LocatorAssertions.HasAttributeOptions().setTimeout(millis);
  }

  private static int plotted(Locator chart) {
    String points = chart.getAttribute("data-points");
    return points == null ? 0 : Integer.parseInt(points);
  }

  private static String backgroundOf(Locator locator) {
    return (String) locator.evaluate("el => getComputedStyle(el).backgroundColor");
  }

  private static int[] rgb(String css) {
    Matcher m = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)").matcher(css);
    assertThat(m.find()).as("a colour: %s", css).isTrue();
    return new int[] {
      Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
    };
  }
}
