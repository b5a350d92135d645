package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Host tags on the host page in headless Chromium: an operator adds a tag that survives a reload
 * and reaches the API, an invalid name is refused in the form, the server's refusal (too many tags)
 * shows next to the editor, and a viewer sees the tags without an editor.
 */
class HostTagsE2E {

  static final String VIEWER = "tags-viewer";
  static final String VIEWER_PASSWORD = "tags-Basalt-7171";

  @TempDir static Path dataDir;
  static VigilServer server;
  static ProtocolAgent agent;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "e2e-tags");
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  @Test
  void editsHostTagsAndShowsRefusals() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    Page page = chromium.newPage();
    page.setViewportSize(1440, 900);
    page.navigate(server.baseUri() + "#/hosts");
    Chromium.logIn(page, server);
    assertThat(page.getByTestId("table-hosts")).isVisible();
    page.navigate(server.baseUri() + "#/hosts/" + agent.hostKey());
    assertThat(page.getByTestId("host-tags-empty")).isVisible();

    addTagSaveAndReload(page, admin);
    invalidNameIsRefused(page, admin);
    serverRefusalIsShown(page, admin);
    viewerSeesTagsWithoutEditor();
  }

  private static void addTagSaveAndReload(Page page, ApiClient admin) {
    Locator section = page.getByTestId("host-tags");
    page.getByTestId("host-tags-edit").click();
    assertThat(section).hasAttribute("data-editing", "true");
    page.getByTestId("host-tag-new-name").fill("env");
    page.getByTestId("host-tag-new-value").fill("prod");
    page.getByTestId("host-tag-add").click();
    assertThat(page.getByTestId("host-tag-env")).containsText("env=prod");
    // Only in the draft so far.
    org.assertj.core.api.Assertions.assertThat(tags(admin)).isEmpty();

    page.getByTestId("host-tags-save").click();
    assertThat(section).hasAttribute("data-editing", "false", within(10_000));
    assertThat(page.getByTestId("host-tags-error")).hasCount(0);

    page.reload();
    assertThat(page.getByTestId("host-tag-env")).hasText("env=prod");
    assertThat(page.getByTestId("host-tags-empty")).hasCount(0);
    assertThat(page.getByTestId("host-online")).isVisible();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/host-tags.png")));
    org.assertj.core.api.Assertions.assertThat(tags(admin)).isEqualTo(Map.of("env", "prod"));
  }

  private static void invalidNameIsRefused(Page page, ApiClient admin) {
    page.getByTestId("host-tags-edit").click();
    page.getByTestId("host-tag-new-name").fill("Env-1");
    page.getByTestId("host-tag-new-value").fill("x");
    page.getByTestId("host-tag-add").click();
    assertThat(page.getByTestId("host-tags-error"))
        .containsText("Tag names start with a letter and use only a-z, 0-9 and _");
    assertThat(page.getByTestId("host-tag-Env-1")).hasCount(0);
    // Save takes the typed tag too, and refuses it the same way without asking the server.
    page.getByTestId("host-tags-save").click();
    assertThat(page.getByTestId("host-tags-error")).containsText("Tag names start with a letter");
    assertThat(page.getByTestId("host-tags")).hasAttribute("data-editing", "true");
    page.getByTestId("host-tags-cancel").click();
    assertThat(page.getByTestId("host-tags-error")).hasCount(0);
    assertThat(page.getByTestId("host-tags")).hasAttribute("data-editing", "false");
    org.assertj.core.api.Assertions.assertThat(tags(admin)).isEqualTo(Map.of("env", "prod"));
  }

  /** 32 tags is the server's limit: the 33rd comes back as a 400 whose message the UI shows. */
  private static void serverRefusalIsShown(Page page, ApiClient admin) {
    Map<String, String> full = new TreeMap<>();
    full.put("env", "prod");
    for (int i = 1; i < 32; i++) {
      full.put("t" + i, "v" + i);
    }
    ApiClient.Response put = admin.put(path(), toJson(full));
    org.assertj.core.api.Assertions.assertThat(put.status()).as(put.body()).isEqualTo(200);

    page.reload();
    assertThat(page.getByTestId("host-tag-t31")).hasText("t31=v31");
    page.getByTestId("host-tags-edit").click();
    page.getByTestId("host-tag-new-name").fill("extra");
    page.getByTestId("host-tag-new-value").fill("1");
    page.getByTestId("host-tag-add").click();
    page.getByTestId("host-tags-save").click();
    assertThat(page.getByTestId("host-tags-error")).hasText("a host may have at most 32 tags");
    // The draft stays for correcting.
    assertThat(page.getByTestId("host-tag-extra")).isVisible();
    org.assertj.core.api.Assertions.assertThat(tags(admin)).isEqualTo(full);

    page.getByTestId("host-tag-remove-t1").click();
    assertThat(page.getByTestId("host-tag-t1")).hasCount(0);
    page.getByTestId("host-tags-save").click();
    assertThat(page.getByTestId("host-tags")).hasAttribute("data-editing", "false", within(10_000));
    assertThat(page.getByTestId("host-tags-error")).hasCount(0);
    Map<String, String> expected = new TreeMap<>(full);
    expected.remove("t1");
    expected.put("extra", "1");
    org.assertj.core.api.Assertions.assertThat(tags(admin)).isEqualTo(expected);
  }

  private static void viewerSeesTagsWithoutEditor() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    ApiClient.Response created =
        admin.post(
            "/api/v1/users",
            "{\"username\":\""
                + VIEWER
                + "\",\"password\":\""
                + VIEWER_PASSWORD
                + "\",\"role\":\"VIEWER\",\"allHosts\":true,\"groupIds\":[],"
                + "\"language\":\"en\",\"timeZone\":\"UTC\"}");
    org.assertj.core.api.Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);

    try (BrowserContext context = chromium.newContext()) {
      Page page = context.newPage();
      page.navigate(server.baseUri() + "#/hosts");
      page.getByTestId("login-username").fill(VIEWER);
      page.getByTestId("login-password").fill(VIEWER_PASSWORD);
      page.getByTestId("login-submit").click();
      assertThat(page.getByTestId("table-hosts")).isVisible();
      page.navigate(server.baseUri() + "#/hosts/" + agent.hostKey());
      assertThat(page.getByTestId("host-tag-env")).hasText("env=prod");
      assertThat(page.getByTestId("host-tags-edit")).hasCount(0);
    }

    ApiClient viewer = new ApiClient(server.baseUri());
    org.assertj.core.api.Assertions.assertThat(viewer.login(VIEWER, VIEWER_PASSWORD).status())
        .isEqualTo(200);
    org.assertj.core.api.Assertions.assertThat(viewer.put(path(), "{}").status()).isEqualTo(403);
  }

  private static String path() {
    return "/api/v1/hosts/" + agent.hostKey() + "/tags";
  }

  private static Map<String, String> tags(ApiClient client) {
    ApiClient.Response response = client.get(path());
    org.assertj.core.api.Assertions.assertThat(response.status())
        .as(response.body())
        .isEqualTo(200);
    Map<String, String> tags = new TreeMap<>();
    JsonNode json = response.json();
    json.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    return tags;
  }

  private static String toJson(Map<String, String> tags) {
    StringBuilder json = new StringBuilder("{");
    tags.forEach(
        (name, value) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":\"")
                .append(value)
                .append('"'));
    return json.append('}').toString();
  }

  private static LocatorAssertions.HasAttributeOptions within(double millis) {
    return new LocatorAssertions.HasAttributeOptions().setTimeout(millis);
  }
}
