package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users in the browser: an admin creates a viewer scoped to one host group on the Users screen; the
 * viewer, logged in in a browser of their own, sees only that group's host, gets an error on the
 * other group's host page and a 403 from the API, and has no Users link.
 */
class UserScopeE2E {

  static final String VIEWER = "viewer-tenant-a";
  static final String PASSWORD = "tenant-Granite-9090";

  @TempDir static Path dataDir;
  static VigilServer server;
  static Chromium chromium;
  static ProtocolAgent hostA;
  static ProtocolAgent hostB;
  static long groupA;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    hostA = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "tenant-a-web");
    hostB = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "tenant-b-db");
    long now = System.currentTimeMillis();
    assertThat(hostA.send(1, ProtocolAgent.cpuPoints(now - 10_000, 3)).status()).isEqualTo(200);
    assertThat(hostB.send(1, ProtocolAgent.cpuPoints(now - 10_000, 3)).status()).isEqualTo(200);
    ApiClient admin = ApiClient.loggedInAdmin(server);
    groupA = group(admin, "Tenant A", hostA);
    group(admin, "Tenant B", hostB);
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  static long group(ApiClient admin, String name, ProtocolAgent member) {
    ApiClient.Response created = admin.post("/api/v1/host-groups", "{\"name\":\"" + name + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(admin.put("/api/v1/host-groups/" + id + "/hosts/" + member.hostKey()).status())
        .isEqualTo(204);
    return id;
  }

  @Test
  void adminCreatesAScopedViewerWhoSeesOnlyTheirGroupsHosts() {
    createViewerOnTheUsersScreen();
    try (BrowserContext context = chromium.newContext()) {
      Page page = context.newPage();
      page.navigate(server.baseUri() + "#/hosts");
      page.getByTestId("login-username").fill(VIEWER);
      page.getByTestId("login-password").fill(PASSWORD);
      page.getByTestId("login-submit").click();

      Locator rows = page.getByTestId("host-row");
      assertThat(page.locator("[data-testid=host-row][data-host-key='" + hostA.hostKey() + "']"))
          .isVisible();
      assertThat(rows).hasCount(1);
      assertThat(page.getByTestId("table-hosts")).not().containsText(hostB.hostname());
      assertThat(page.getByTestId("nav-users")).hasCount(0);
      assertThat(page.getByTestId("nav-storage")).hasCount(0);

      page.navigate(server.baseUri() + "#/hosts/" + hostB.hostKey());
      assertThat(page.locator(".host-page > p.error")).containsText("no access");

      APIResponse b =
          page.request()
              .get(server.baseUri().resolve("/api/v1/hosts/" + hostB.hostKey()).toString());
      assertThat(b.status()).isEqualTo(403);
      APIResponse a =
          page.request()
              .get(server.baseUri().resolve("/api/v1/hosts/" + hostA.hostKey()).toString());
      assertThat(a.status()).isEqualTo(200);
      APIResponse users = page.request().get(server.baseUri().resolve("/api/v1/users").toString());
      assertThat(users.status()).isEqualTo(403);

      useTheAccountPage(page);
    }
  }

  /** The viewer's own API token is scoped like the viewer; Korean applies at once. */
  private static void useTheAccountPage(Page page) {
    page.navigate(server.baseUri() + "#/account");
    page.getByTestId("token-name").fill("script");
    page.getByTestId("token-create").click();
    assertThat(page.getByTestId("token-secret")).containsText("vgl_u_");
    String token = page.getByTestId("token-secret").textContent().strip();
    assertThat(page.getByTestId("token-row-script")).isVisible();
    ApiClient script = new ApiClient(server.baseUri()).withBearer(token);
    assertThat(script.get("/api/v1/hosts/" + hostB.hostKey()).status()).isEqualTo(403);
    assertThat(script.get("/api/v1/hosts/" + hostA.hostKey()).status()).isEqualTo(200);

    page.getByTestId("account-language").selectOption("ko");
    page.getByTestId("account-timezone").selectOption("Asia/Seoul");
    page.getByTestId("account-save-preferences").click();
    assertThat(page.getByTestId("account-view").locator("h1")).hasText("내 계정");
    assertThat(page.getByTestId("account-preferences-saved")).isVisible();
    String me = script.get("/api/v1/auth/me").body();
    assertThat(me).contains("\"language\":\"ko\"").contains("\"timeZone\":\"Asia/Seoul\"");
  }

  private static void createViewerOnTheUsersScreen() {
    try (BrowserContext context = chromium.newContext()) {
      Page page = context.newPage();
      page.setViewportSize(1440, 900);
      page.navigate(server.baseUri() + "#/users");
      Chromium.logIn(page, server);
      assertThat(page.getByTestId("user-row-admin")).isVisible();
      assertThat(page.getByTestId("nav-users")).isVisible();

      page.getByTestId("user-username").fill(VIEWER);
      page.getByTestId("user-password").fill("short");
      page.getByTestId("user-role").selectOption("VIEWER");
      assertThat(page.getByTestId("user-all-hosts")).not().isChecked();
      page.getByTestId("user-group-" + groupA).check();
      page.getByTestId("user-create").click();
      assertThat(page.getByTestId("user-error")).containsText("at least 12 characters");
      assertThat(page.getByTestId("user-row-" + VIEWER)).hasCount(0);

      page.getByTestId("user-password").fill(PASSWORD);
      page.getByTestId("user-create").click();
      Locator row = page.getByTestId("user-row-" + VIEWER);
      assertThat(row).isVisible();
      assertThat(row).containsText("Viewer");
      assertThat(row.getByTestId("user-scope")).hasText("Tenant A");
      assertThat(page.getByTestId("user-error")).hasCount(0);
      page.screenshot(
          new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/users.png")));
    }
  }
}
