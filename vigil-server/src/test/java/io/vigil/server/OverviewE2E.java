package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The overview in Chromium: four reporting hosts whose file systems breach the shipped "File system
 * full" rule at different severities, 300 silent hosts besides, filtered by free text, severity
 * chip, group-tree node and tag; tiles and tree nodes carry the worst severity.
 */
class OverviewE2E {

  static final int FLEET = 300;

  @TempDir static Path dataDir;
  static VigilServer server;
  static Chromium chromium;
  static ScheduledExecutorService reporter;
  static final Map<String, ProtocolAgent> agents = new LinkedHashMap<>();
  static final Map<String, Double> FS =
      Map.of("e2e-crit", 97.0, "e2e-major", 92.0, "e2e-warn", 87.0, "e2e-ok", 40.0);
  static long asia;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    chromium = Chromium.launch();
    for (String name : List.of("e2e-crit", "e2e-major", "e2e-warn", "e2e-ok")) {
      agents.put(name, ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), name));
    }
    AtomicLong sequence = new AtomicLong();
    reporter = Executors.newSingleThreadScheduledExecutor();
    reporter.scheduleAtFixedRate(
        () ->
            agents.forEach(
                (name, agent) -> agent.send(sequence.incrementAndGet(), points(FS.get(name)))),
        0,
        2,
        TimeUnit.SECONDS);
    insertFleet();
    ApiClient admin = ApiClient.loggedInAdmin(server);
    long paris = group(admin, "Europe/Paris");
    long berlin = group(admin, "Europe/Berlin");
    asia = group(admin, "Asia");
    member(admin, paris, key("e2e-crit"));
    member(admin, berlin, key("e2e-major"));
    member(admin, asia, key("e2e-warn"));
    assertThat(admin.put(tags("e2e-ok"), "{\"env\":\"prod\",\"team\":\"db\"}").status())
        .isEqualTo(200);
    assertThat(admin.put(tags("e2e-warn"), "{\"team\":\"web\"}").status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    if (reporter != null) {
      reporter.shutdownNow();
    }
    Closing.all(chromium, server);
  }

  @Test
  void filtersHostsByTextSeverityGroupAndTag() {
    Page page = chromium.newPage();
    current = page;
    page.setViewportSize(1440, 900);
    page.navigate(server.baseUri() + "#/overview");
    Chromium.logIn(page, server);
    assertThat(page.getByTestId("overview-view")).isVisible();

    // Tiles coloured by worst severity, worst first, as the rule raises the problems.
    assertThat(tile("e2e-crit")).hasAttribute("data-severity", "critical", within(30_000));
    assertThat(tile("e2e-major")).hasAttribute("data-severity", "major", within(10_000));
    assertThat(tile("e2e-warn")).hasAttribute("data-severity", "warning", within(10_000));
    assertThat(tile("e2e-ok")).hasAttribute("data-severity", "ok");
    assertThat(page.getByTestId("count-critical")).hasAttribute("data-count", "1");
    assertThat(page.getByTestId("count-ok")).hasAttribute("data-count", String.valueOf(FLEET + 1));
    assertThat(page.getByTestId("count-offline")).hasAttribute("data-count", String.valueOf(FLEET));
    // Virtualised: far fewer rows in the DOM than hosts in the list.
    Locator list = page.getByTestId("overview-hosts");
    assertThat(list).hasAttribute("data-total", String.valueOf(FLEET + 4));
    assertThat(Integer.parseInt(list.getAttribute("data-rendered"))).isLessThan(40);
    assertThat(page.locator("[data-testid^=host-tile-]").count()).isLessThan(40);

    // The group tree: a parent ("Europe", no group of its own) takes the worst of its subtree.
    assertThat(page.getByTestId("group-node-path-Europe"))
        .hasAttribute("data-severity", "critical");
    assertThat(page.getByTestId("group-node-" + asia)).hasAttribute("data-severity", "warning");
    assertThat(page.getByTestId("top-cpu")).isVisible();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/overview.png")));

    // Free text.
    page.getByTestId("overview-q").fill("e2e-ma");
    assertThat(tile("e2e-major")).isVisible();
    assertThat(tile("e2e-crit")).hasCount(0);
    assertThat(list).hasAttribute("data-total", "1");
    page.getByTestId("overview-clear").click();
    assertThat(list).hasAttribute("data-total", String.valueOf(FLEET + 4));

    // A severity chip.
    page.getByTestId("count-critical").click();
    assertThat(list).hasAttribute("data-total", "1");
    assertThat(tile("e2e-crit")).isVisible();
    assertThat(tile("e2e-major")).hasCount(0);
    page.getByTestId("count-major").click();
    assertThat(list).hasAttribute("data-total", "2");
    assertThat(tile("e2e-major")).isVisible();
    assertThat(tile("e2e-warn")).hasCount(0);
    page.getByTestId("overview-clear").click();

    // A tree node: the parent takes in both of its sub-groups; a leaf only its own hosts.
    page.getByTestId("group-node-path-Europe").click();
    assertThat(list).hasAttribute("data-total", "2");
    assertThat(tile("e2e-crit")).isVisible();
    assertThat(tile("e2e-major")).isVisible();
    assertThat(tile("e2e-warn")).hasCount(0);
    page.getByTestId("group-node-" + asia).click();
    assertThat(list).hasAttribute("data-total", "1");
    assertThat(tile("e2e-warn")).hasAttribute("data-severity", "warning");
    assertThat(tile("e2e-crit")).hasCount(0);
    page.getByTestId("group-node-all").click();
    assertThat(list).hasAttribute("data-total", String.valueOf(FLEET + 4));

    // A tag.
    page.getByTestId("overview-tag").fill("team:web");
    assertThat(list).hasAttribute("data-total", "1");
    assertThat(tile("e2e-warn")).isVisible();
    assertThat(tile("e2e-ok")).hasCount(0);
    page.getByTestId("overview-tag").fill("env:prod");
    assertThat(list).hasAttribute("data-total", "1");
    assertThat(tile("e2e-ok")).hasAttribute("data-severity", "ok");
    assertThat(tile("e2e-warn")).hasCount(0);

    // Scrolling far down fetches the later pages.
    page.getByTestId("overview-clear").click();
    assertThat(list).hasAttribute("data-total", String.valueOf(FLEET + 4));
    list.evaluate("el => el.scrollTop = el.scrollHeight");
    assertThat(page.getByTestId("host-tile-fleet-299")).isVisible();
    page.close();
  }

  private static Locator tile(String name) {
    return pageOf().getByTestId("host-tile-" + key(name));
  }

  private static Page current;

  private static Page pageOf() {
    return current;
  }

  private static String key(String name) {
    return agents.get(name).hostKey();
  }

  private static String tags(String name) {
    return "/api/v1/hosts/" + key(name) + "/tags";
  }

  private static long group(ApiClient admin, String name) {
    ApiClient.Response r =
        admin.post("/api/v1/host-groups", "{\"name\":\"" + name + "\",\"description\":\"\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  private static void member(ApiClient admin, long group, String hostKey) {
    assertThat(admin.put("/api/v1/host-groups/" + group + "/hosts/" + hostKey).status())
        .isEqualTo(204);
  }

  /** Hosts that never report: they fill the list (and sort after the reporting ones). */
  private static void insertFleet() {
    List<Object[]> rows = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < FLEET; i++) {
      String key = "fleet-%03d".formatted(i);
      rows.add(new Object[] {key, key, "agentless:" + UUID.randomUUID(), now});
    }
    server
        .bean(JdbcTemplate.class)
        .batchUpdate(
            "INSERT INTO hosts (host_key, hostname, machine_id, registered_at, agentless)"
                + " VALUES (?, ?, ?, ?, TRUE)",
            rows);
  }

  private static List<Point> points(double fsPct) {
    long now = System.currentTimeMillis();
    return List.of(
        new Point("fs", Map.of("mount", "/"), Map.of("used_pct", fsPct), now),
        new Point("cpu", Map.of("cpu", "total"), Map.of("used_pct", fsPct / 2), now),
        new Point("mem", Map.of(), Map.of("used_pct", 35.0), now));
  }

  private static LocatorAssertions.HasAttributeOptions within(double millis) {
    return new LocatorAssertions.HasAttributeOptions().setTimeout(millis);
  }
}
