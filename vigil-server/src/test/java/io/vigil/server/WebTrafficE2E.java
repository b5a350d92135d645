package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vigil.model.CheckResult;
import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.server.testing.WebLogPoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web-traffic screen of a pool in Chromium: two web servers behind one load balancer send the
 * weblog item's points (web-lb-1 about twice the requests of web-lb-2, and slower), a host group
 * holds both; the load-balancing comparison draws one line per server labelled with its host name,
 * the servers' shares, totals and top tables show what was sent, and a new run shows up live.
 */
class WebTrafficE2E {

  static final String LOG = "access";
  static final int RUNS = 60;

  @TempDir static Path dataDir;
  static VigilServer server;
  static Chromium chromium;
  static ProtocolAgent one;
  static ProtocolAgent two;
  static long group;
  static int requestsOne;
  static int requestsTwo;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    chromium = Chromium.launch();
    ApiClient admin = ApiClient.loggedInAdmin(server);
    one = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "web-lb-1");
    two = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "web-lb-2");
    ApiClient.Response created =
        admin.post("/api/v1/host-groups", "{\"name\":\"Shop web servers\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    group = created.json().get("id").asLong();
    for (ProtocolAgent agent : List.of(one, two)) {
      assertThat(admin.put("/api/v1/host-groups/" + group + "/hosts/" + agent.hostKey()).status())
          .isEqualTo(204);
    }
    long start = System.currentTimeMillis() - (RUNS + 1) * 10_000L;
    List<Point> p1 = new ArrayList<>();
    List<Point> p2 = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long at = start + i * 10_000L;
      // a slow wave, so the lines move; web-lb-1 takes about two thirds
      int wave = (int) Math.round(10 * Math.sin(i / 6.0));
      int ok1 = 40 + wave;
      int ok2 = 20 - wave / 2;
      WebLogPoints run1 =
          WebLogPoints.run(LOG, at, 10)
              .status(200, ok1)
              .status(404, 2)
              .status(502, i % 10 == 0 ? 1 : 0)
              .method("GET", ok1 + 2)
              .method("POST", i % 10 == 0 ? 1 : 0)
              .bytes(ok1 * 5_000.0)
              .latency(60, 40, 120, 250 + 5 * wave, 400);
      WebLogPoints run2 =
          WebLogPoints.run(LOG, at, 10)
              .status(200, ok2)
              .status(301, 1)
              .method("GET", ok2 + 1)
              .bytes(ok2 * 5_000.0)
              .latency(30, 20, 60, 90 + 2 * wave, 150);
      requestsOne += run1.requests();
      requestsTwo += run2.requests();
      p1.addAll(run1.points());
      p2.addAll(run2.points());
      if (i % 6 == 5) {
        p1.add(WebLogPoints.top(LOG, at, "url", "/shop/cart?id", 180, 900_000, 1, 0, 300.0));
        p1.add(WebLogPoints.top(LOG, at, "url", "/static/app.js", 90, 9_000_000, 0, 2, 15.0));
        p1.add(WebLogPoints.top(LOG, at, "client", "198.51.100.7", 120, 600_000, 0, 0, null));
        p1.add(WebLogPoints.top(LOG, at, "browser", "Firefox", 150, 750_000, 0, 0, null));
        p2.add(WebLogPoints.top(LOG, at, "url", "/shop/cart?id", 70, 350_000, 0, 1, 120.0));
        p2.add(WebLogPoints.top(LOG, at, "client", "203.0.113.20", 60, 300_000, 0, 0, null));
        p2.add(WebLogPoints.top(LOG, at, "browser", "Chrome", 100, 500_000, 0, 0, null));
      }
    }
    List<CheckResult> samples =
        List.of(
            WebLogPoints.result(
                LOG,
                start + 10_000,
                45,
                List.of(
                    "198.51.100.7 - - [07/Dec/2026:10:00:00 +0000] \"GET /shop/pay HTTP/1.1\" 502 157"
                        + " \"-\" \"Mozilla/5.0\"")));
    assertThat(one.sendChecks(1, p1, samples).status()).isEqualTo(200);
    assertThat(two.send(1, p2).status()).isEqualTo(200);
    // 5xx lines reach the database every vigil.weblog.save-interval (5 s); the page reads them
    // once, so open it when they are there.
    await("the 5xx sample is saved")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                admin
                    .get("/api/v1/web/pool?group=" + group + "&from=" + start)
                    .body()
                    .contains("GET /shop/pay"));
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  @Test
  void thePoolComparisonDrawsOneLinePerServerLabelledByHost() {
    Page page = chromium.newPage();
    page.setViewportSize(1440, 2200);
    page.navigate(server.baseUri() + "#/web?group=" + group + "&range=15m");
    Chromium.logIn(page, server);

    assertThat(page.getByTestId("web-traffic-view")).isVisible();
    Locator totals = page.getByTestId("web-totals");
    assertThat(totals)
        .hasAttribute("data-requests", String.valueOf(requestsOne + requestsTwo), within(20_000));
    Locator comparison = page.getByTestId("web-comparison");
    assertThat(comparison).hasAttribute("data-series", "2");
    Locator requests = page.getByTestId("chart-web-compare-requests");
    assertThat(requests.locator("canvas").first()).isVisible();
    assertThat(requests).hasAttribute("data-points", Pattern.compile("[1-9]\\d*"));
    Locator legend = requests.locator(".u-legend .u-series .u-label");
    assertThat(legend).containsText(new String[] {"web-lb-1", "web-lb-2"});
    assertThat(page.getByTestId("chart-web-compare-p99").locator(".u-legend"))
        .containsText("web-lb-2");

    Locator servers = page.getByTestId("web-servers");
    assertThat(servers.locator("tr[data-host=web-lb-1] [data-col=requests]"))
        .hasText(String.format(Locale.ROOT, "%,d", requestsOne));
    assertThat(servers.locator("tr[data-host=web-lb-2] [data-col=requests]"))
        .hasText(String.format(Locale.ROOT, "%,d", requestsTwo));
    assertThat(page.getByTestId("web-pool-select")).hasValue("group:" + group);
    assertThat(page.getByTestId("web-top-url").locator("tr[data-key='/shop/cart?id']"))
        .containsText("2,500");
    assertThat(page.getByTestId("web-samples")).containsText("GET /shop/pay");
    assertThat(page.getByTestId("web-visitors").locator("tr[data-key='198.51.100.7']"))
        .containsText("1,200");
    assertThat(page.getByTestId("chart-web-requests"))
        .hasAttribute("data-points", Pattern.compile("[1-9]\\d*"));
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Path.of("target/screenshots/web-traffic.png"))
            .setFullPage(false));

    // Live: a new run of web-lb-2 reaches the screen through the stream, well before the 30 s
    // safety reload.
    List<Point> next =
        WebLogPoints.run(LOG, System.currentTimeMillis() - 1_000, 10)
            .status(200, 77)
            .method("GET", 77)
            .bytes(1)
            .points();
    assertThat(two.send(2, next).status()).isEqualTo(200);
    assertThat(totals)
        .hasAttribute(
            "data-requests", String.valueOf(requestsOne + requestsTwo + 77), within(10_000));

    // The header leads to the screen; the host page leads to one server's traffic.
    page.navigate(server.baseUri() + "#/hosts/" + one.hostKey());
    page.getByTestId("host-web-link").click();
    assertThat(page.getByTestId("web-total-requests"))
        .hasText(
            String.format(Locale.ROOT, "%,d", requestsOne),
            new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    assertThat(page.getByTestId("web-comparison")).hasCount(0);
    page.getByTestId("nav-web").click();
    assertThat(page.getByTestId("web-pool-select")).isVisible();
    page.close();
  }

  private static LocatorAssertions.HasAttributeOptions within(double millis) {
    return new LocatorAssertions.HasAttributeOptions().setTimeout(millis);
  }
}
