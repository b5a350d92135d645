package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.BoundingBox;
import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Dashboards in headless Chromium: one built from scratch (a timeseries and a stat panel bound to a
 * host, one moved and one resized with the mouse, saved, still there after a reload), the shipped
 * Multi-monitor dashboard showing five hosts' key graphs side by side, and a shared dashboard seen
 * by a group-scoped viewer: one line per interface of its own host, "no access" for the other.
 */
class DashboardE2E {

  @TempDir static Path dataDir;
  static VigilServer server;
  static Chromium chromium;
  static final List<ProtocolAgent> agents = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    long now = System.currentTimeMillis();
    for (int i = 1; i <= 5; i++) {
      ProtocolAgent agent =
          ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "dash-host-" + i);
      ApiClient.Response ack = agent.send(1, keyPoints(now, i));
      org.assertj.core.api.Assertions.assertThat(ack.status()).as(ack.body()).isEqualTo(200);
      agents.add(agent);
    }
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  @Test
  void buildsMovesResizesAndSavesADashboard() {
    Page page = loggedIn();
    String host = agents.get(0).hostKey();
    page.navigate(server.baseUri() + "#/dashboards");
    page.getByTestId("dashboard-new-name").fill("E2E board");
    page.getByTestId("dashboard-create").click();
    assertThat(page.getByTestId("dashboard-name")).hasValue("E2E board");
    String id = page.url().replaceAll(".*#/dashboards/([0-9]+).*", "$1");

    addPanel(page, "timeseries", "CPU of one host", host);
    Locator chart = page.getByTestId("panel-chart-p1");
    assertThat(chart).not().hasAttribute("data-points", "0", within(20_000));
    assertThat(chart.locator("canvas")).hasCount(1);
    addPanel(page, "stat", "CPU now", host);
    Locator stat = page.getByTestId("panel-p2");
    assertThat(stat).hasAttribute("data-x", "6");
    assertThat(stat).hasAttribute("data-y", "0");
    assertThat(page.getByTestId("panel-value-p2-" + host))
        .containsText("%", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));

    BoundingBox grid = page.getByTestId("dashboard-grid").boundingBox();
    double column = (grid.width + 8) / 12;
    double row = 30 + 8;
    drag(page, page.getByTestId("panel-header-p2"), 3 * column, 0);
    assertThat(stat).hasAttribute("data-x", "9");
    drag(page, page.getByTestId("panel-resize-p1"), column, 2 * row);
    Locator series = page.getByTestId("panel-p1");
    assertThat(series).hasAttribute("data-w", "7");
    assertThat(series).hasAttribute("data-h", "8");
    // A panel dragged onto another pushes that one down instead of covering it.
    drag(page, page.getByTestId("panel-header-p2"), -6 * column, 0);
    assertThat(stat).hasAttribute("data-x", "3");
    assertThat(series).hasAttribute("data-y", "4");
    drag(page, page.getByTestId("panel-header-p2"), 6 * column, 0);
    assertThat(stat).hasAttribute("data-x", "9");
    assertThat(series).hasAttribute("data-y", "0"); // floated back up into the freed rows

    page.getByTestId("dashboard-save").click();
    assertThat(page.getByTestId("dashboard-edit")).isVisible();
    page.reload();
    assertThat(page.getByTestId("dashboard-title")).hasText("E2E board");
    assertThat(stat).hasAttribute("data-x", "9");
    assertThat(series).hasAttribute("data-w", "7");
    assertThat(series).hasAttribute("data-h", "8");
    assertThat(series).hasAttribute("data-y", "0");
    assertThat(chart).not().hasAttribute("data-points", "0", within(20_000));

    JsonNode saved = ApiClient.loggedInAdmin(server).get("/api/v1/dashboards/" + id).json();
    JsonNode panels = saved.get("panels");
    org.assertj.core.api.Assertions.assertThat(panels.size()).isEqualTo(2);
    JsonNode p1 = panels.get(0);
    org.assertj.core.api.Assertions.assertThat(p1.get("type").asString()).isEqualTo("timeseries");
    org.assertj.core.api.Assertions.assertThat(p1.get("hosts").get(0).asString()).isEqualTo(host);
    org.assertj.core.api.Assertions.assertThat(p1.get("fields").get(0).asString())
        .isEqualTo("used_pct");
    org.assertj.core.api.Assertions.assertThat(p1.get("w").asInt()).isEqualTo(7);
    org.assertj.core.api.Assertions.assertThat(p1.get("h").asInt()).isEqualTo(8);
    org.assertj.core.api.Assertions.assertThat(p1.get("y").asInt()).isEqualTo(0);
    JsonNode p2 = panels.get(1);
    org.assertj.core.api.Assertions.assertThat(p2.get("type").asString()).isEqualTo("stat");
    org.assertj.core.api.Assertions.assertThat(p2.get("x").asInt()).isEqualTo(9);
    screenshot(page, "dashboard.png");
  }

  @Test
  void multiMonitorShowsFiveHostsSideBySide() {
    Page page = loggedIn();
    page.navigate(server.baseUri() + "#/dashboards");
    Locator row = page.locator("[data-testid^=dashboard-row-][data-name='Multi-monitor']");
    row.locator("a").click();
    assertThat(page.getByTestId("dashboard-title")).hasText("Multi-monitor");

    List<BoundingBox> boxes = new ArrayList<>();
    for (ProtocolAgent agent : agents) {
      String key = agent.hostKey();
      Locator column = page.getByTestId("hostgrid-host-" + key);
      assertThat(column).isVisible();
      for (String chart : List.of("cpu", "mem", "net", "disk")) {
        Locator drawn = page.getByTestId("hostgrid-chart-" + key + "-" + chart);
        assertThat(drawn).not().hasAttribute("data-points", "0", within(20_000));
        assertThat(drawn.locator("canvas")).hasCount(1);
      }
    }
    for (int i = 0; i < agents.size(); i++) {
      boxes.add(page.getByTestId("hostgrid-host-" + agents.get(i).hostKey()).boundingBox());
    }
    boxes.sort((a, b) -> Double.compare(a.x, b.x));
    for (int i = 1; i < boxes.size(); i++) {
      org.assertj.core.api.Assertions.assertThat(boxes.get(i).y)
          .as("column %d on the first one's row", i)
          .isCloseTo(boxes.get(0).y, org.assertj.core.data.Offset.offset(2.0));
      org.assertj.core.api.Assertions.assertThat(boxes.get(i).x)
          .as("column %d right of the previous one", i)
          .isGreaterThanOrEqualTo(boxes.get(i - 1).x + boxes.get(i - 1).width);
    }
    org.assertj.core.api.Assertions.assertThat(boxes.get(0).width).isGreaterThan(150);
    screenshot(page, "multi-monitor.png");
  }

  @Test
  void sharedPanelDrawsEachInterfaceAndShowsOtherGroupsHostsAsNoAccess() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    String own = agents.get(0).hostKey();
    String other = agents.get(1).hostKey();
    long group =
        admin
            .post("/api/v1/host-groups", "{\"name\":\"e2e-scope\",\"description\":\"\"}")
            .json()
            .get("id")
            .asLong();
    org.assertj.core.api.Assertions.assertThat(
            admin.put("/api/v1/host-groups/" + group + "/hosts/" + own).status())
        .isEqualTo(204);
    String password = "scoped-e2e-viewer-2026";
    ApiClient.Response user =
        admin.post(
            "/api/v1/users",
            "{\"username\":\"e2e-scoped\",\"password\":\""
                + password
                + "\",\"role\":\"VIEWER\",\"allHosts\":false,\"groupIds\":["
                + group
                + "]}");
    org.assertj.core.api.Assertions.assertThat(user.status()).as(user.body()).isEqualTo(201);
    String panel =
        "{\"id\":\"p1\",\"type\":\"timeseries\",\"title\":\"Traffic\",\"x\":0,\"y\":0,"
            + "\"w\":8,\"h\":7,\"hosts\":[\""
            + own
            + "\",\""
            + other
            + "\"],\"measurement\":\"net\",\"fields\":[\"rx_bytes_ps\"],\"tags\":{},"
            + "\"range\":\"1h\",\"options\":{}}";
    ApiClient.Response board =
        admin.post(
            "/api/v1/dashboards",
            "{\"name\":\"Scoped view\",\"shared\":true,\"panels\":[" + panel + "]}");
    org.assertj.core.api.Assertions.assertThat(board.status()).as(board.body()).isEqualTo(201);

    Page page = chromium.newPage();
    page.setViewportSize(1440, 900);
    page.navigate(server.baseUri() + "#/dashboards/" + board.json().get("id").asLong());
    page.getByTestId("login-username").fill("e2e-scoped");
    page.getByTestId("login-password").fill(password);
    page.getByTestId("login-submit").click();
    assertThat(page.getByTestId("dashboard-title")).hasText("Scoped view");
    Locator chart = page.getByTestId("panel-chart-p1");
    assertThat(chart).not().hasAttribute("data-points", "0", within(20_000));
    assertThat(page.getByTestId("panel-no-access-p1")).containsText(other);
    // One line per interface of the host in scope, none of the other host's.
    Locator legend = chart.locator(".u-legend .u-series th");
    assertThat(legend).containsText(new String[] {own + " · eth0", own + " · eth1", own + " · lo"});
    assertThat(legend.filter(new Locator.FilterOptions().setHasText(" · "))).hasCount(3);
    assertThat(chart.locator(".u-legend")).not().containsText(other);
    screenshot(page, "dashboard-scoped-viewer.png");
  }

  private static Page loggedIn() {
    Page page = chromium.newPage();
    page.setViewportSize(1440, 900);
    page.navigate(server.baseUri().toString());
    Chromium.logIn(page, server);
    assertThat(page.getByTestId("nav-dashboards")).isVisible();
    return page;
  }

  private static void addPanel(Page page, String type, String title, String host) {
    page.getByTestId("panel-add").click();
    page.getByTestId("panel-type").selectOption(type);
    page.getByTestId("panel-title").fill(title);
    page.getByTestId("panel-hosts").selectOption(host);
    page.getByTestId("panel-measurement").selectOption("cpu");
    page.getByTestId("panel-fields").selectOption("used_pct");
    page.getByTestId("panel-range").selectOption("1h");
    page.getByTestId("panel-save").click();
    assertThat(page.getByTestId("panel-editor")).hasCount(0);
  }

  /** Presses the mouse in the middle of {@code handle}, moves by (dx, dy) in steps, releases. */
  private static void drag(Page page, Locator handle, double dx, double dy) {
    BoundingBox box = handle.boundingBox();
    double x = box.x + Math.min(box.width / 2, 40);
    double y = box.y + box.height / 2;
    page.mouse().move(x, y);
    page.mouse().down();
    page.mouse().move(x + dx, y + dy, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(8));
    page.mouse().up();
  }

  private static void screenshot(Page page, String name) {
    page.setViewportSize(1440, 900);
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/" + name)));
  }

  /** Ten minutes of the key graphs' series, one point every 30 s, ending now. */
  private static List<Point> keyPoints(long now, int seed) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long at = now - (19 - i) * 30_000L;
      double wave = 10 * seed + (i % 7) * 3;
      points.add(new Point("cpu", Map.of("cpu", "total"), Map.of("used_pct", wave), at));
      points.add(new Point("mem", Map.of(), Map.of("used_pct", 30.0 + wave / 2), at));
      points.add(
          new Point(
              "net",
              Map.of("iface", "eth0"),
              Map.of("rx_bytes_ps", 1000.0 * wave, "tx_bytes_ps", 400.0 * wave),
              at));
      points.add(
          new Point(
              "net",
              Map.of("iface", "eth1"),
              Map.of("rx_bytes_ps", 300.0 * wave, "tx_bytes_ps", 100.0 * wave),
              at));
      points.add(
          new Point(
              "net", Map.of("iface", "lo"), Map.of("rx_bytes_ps", 50.0, "tx_bytes_ps", 50.0), at));
      points.add(
          new Point(
              "disk",
              Map.of("device", "sda"),
              Map.of("read_bytes_ps", 2000.0 * wave, "write_bytes_ps", 900.0 * wave),
              at));
    }
    return points;
  }

  private static LocatorAssertions.HasAttributeOptions within(double millis) {
    return new LocatorAssertions.HasAttributeOptions().setTimeout(millis);
  }
}
