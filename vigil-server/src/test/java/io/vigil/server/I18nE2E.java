package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Language and time zone per user, in the browser: the admin switches the UI to Korean with the
 * header's switcher (navigation, host list and host page in Korean), the choice survives a reload
 * because it is stored on the user, and a time zone preference of Asia/Seoul shows a known instant
 * (an audit record) in Korean time.
 */
class I18nE2E {

  static final String GROUP = "i18n-tz";
  static final DateTimeFormatter EN_GB = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm:ss");

  @TempDir static Path dataDir;
  static VigilServer server;
  static ProtocolAgent agent;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "e2e-i18n");
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  @Test
  void switchesToKoreanPerUserAndShowsTimesInTheUsersZone() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    assertThat(agent.send(1, ProtocolAgent.cpuPoints(System.currentTimeMillis(), 1)).status())
        .isEqualTo(200);

    Page page = chromium.newPage();
    page.setViewportSize(1440, 900);
    page.navigate(server.baseUri() + "#/hosts");
    // Before a login the page speaks the browser's language (English here).
    assertThat(page.getByTestId("login-submit")).hasText("Sign in");
    Chromium.logIn(page, server);
    Locator hostRow =
        page.locator("[data-testid=host-row][data-host-key='" + agent.hostKey() + "']");
    assertThat(hostRow).isVisible();
    assertThat(page.getByTestId("nav-hosts")).hasText("Hosts");

    // Korean at once, everywhere, without a reload.
    page.getByTestId("language-select").selectOption("ko");
    assertThat(page.getByTestId("nav-hosts")).hasText("호스트");
    assertThat(page.getByTestId("nav-problems")).hasText("문제");
    assertThat(page.locator("html")).hasAttribute("lang", "ko");
    Locator headings = page.getByTestId("table-hosts").locator("thead th");
    assertThat(headings.nth(0)).hasText("호스트");
    assertThat(headings.nth(1)).hasText("문제");
    assertThat(headings.nth(5)).hasText("메모리");
    assertThat(page.locator(".host-list h1")).hasText("호스트");
    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/korean.png")));

    // The host page too.
    hostRow.locator("a").first().click();
    assertThat(page.getByTestId("host-page")).hasAttribute("data-host-key", agent.hostKey());
    Locator facts = page.locator(".inventory dt");
    assertThat(facts.nth(1)).hasText("커널");
    assertThat(facts.nth(2)).hasText("아키텍처");
    assertThat(page.getByTestId("host-checks").locator("h2")).hasText("점검");
    assertThat(page.getByTestId("host-items").locator("h2")).hasText("항목");
    assertThat(page.getByTestId("table-fs").locator("th").first()).hasText("마운트");

    // Stored on the user (the API says so), so a reload, a new session probe, keeps Korean.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "ko".equals(admin.get("/api/v1/auth/me").json().path("language").asText()));
    page.reload();
    assertThat(page.getByTestId("nav-hosts")).hasText("호스트", within(10_000));
    assertThat(page.getByTestId("language-select")).hasValue("ko");
    assertThat(page.getByTestId("host-checks").locator("h2")).hasText("점검");

    // Back to English.
    page.getByTestId("language-select").selectOption("en");
    assertThat(page.getByTestId("nav-hosts")).hasText("Hosts");
    assertThat(page.getByTestId("host-checks").locator("h2")).hasText("Checks");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "en".equals(admin.get("/api/v1/auth/me").json().path("language").asText()));

    // A known instant, shown in the user's zone: an audit record read from the API.
    assertThat(
            admin
                .post(
                    "/api/v1/host-groups",
                    "{\"name\":\"" + GROUP + "\",\"description\":\"time zone check\"}")
                .status())
        .isEqualTo(201);
    JsonNode record = admin.get("/api/v1/audit?limit=1").json().get(0);
    assertThat(record.path("action").asText()).isEqualTo("create");
    Instant at = Instant.ofEpochMilli(record.path("at").asLong());
    String seoul = EN_GB.format(at.atZone(ZoneId.of("Asia/Seoul")));
    String utc = EN_GB.format(at.atZone(ZoneId.of("UTC")));
    assertThat(seoul).isNotEqualTo(utc);
    ApiClient.Response prefs =
        admin.put("/api/v1/account/preferences", "{\"timeZone\":\"Asia/Seoul\"}");
    assertThat(prefs.status()).as(prefs.body()).isEqualTo(200);
    assertThat(prefs.json().path("timeZone").asText()).isEqualTo("Asia/Seoul");

    page.navigate(server.baseUri() + "#/audit");
    page.reload();
    Locator row =
        page.locator(
            "[data-testid=audit-row][data-action=create][data-target='"
                + record.path("target").asText()
                + "']");
    assertThat(row.getByTestId("audit-time")).hasText(seoul, within(10_000));
    page.close();
  }

  private static LocatorAssertions.HasTextOptions within(double millis) {
    return new LocatorAssertions.HasTextOptions().setTimeout(millis);
  }
}
