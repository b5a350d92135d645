package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The configuration screens in headless Chromium: a per-host override saved and reverted, a check
 * added through the catalog-driven form (with its validation), a template and a host group made
 * through their pages, a server refusal shown next to its form, and all of it in the audit log.
 */
class ConfigScreensE2E {

  @TempDir static Path dataDir;
  static VigilServer server;
  static ProtocolAgent agent;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
    agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "e2e-cfg");
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  @Test
  void editsHostItemsTemplatesAndGroupsAndAuditsThem() {
    Page page = chromium.newPage();
    page.navigate(server.baseUri() + "#/hosts");
    Chromium.logIn(page, server);
    assertThat(page.getByTestId("table-hosts")).isVisible();

    page.navigate(server.baseUri() + "#/hosts/" + agent.hostKey());
    overrideAndRevert(page);
    pendingEditSurvivesAnotherRowsSave(page);
    addCheckThroughCatalogForm(page);
    createTemplateWithItem(page);
    createGroupWithMember(page);

    page.getByTestId("nav-audit").click();
    Locator rows = page.getByTestId("audit-row");
    assertThat(rows.first()).isVisible();
    assertThat(page.locator("[data-testid=audit-row][data-action=create][data-target='E2E web']"))
        .hasCount(1);
    assertThat(page.locator("[data-testid=audit-row][data-action=create][data-target='E2E group']"))
        .hasCount(1);
    assertThat(page.locator("[data-testid=audit-row][data-action=delete]")).not().hasCount(0);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(Path.of("target/e2e/config-audit.png"))
            .setFullPage(true));
  }

  private static void overrideAndRevert(Page page) {
    Locator row = page.getByTestId("item-row-cpu");
    assertThat(row).hasAttribute("data-overridden", "false", within(30_000));
    Locator interval = page.getByTestId("item-interval-cpu");
    String inherited = interval.inputValue();
    String changed = inherited.equals("30") ? "45" : "30";

    assertThat(page.getByTestId("item-save-cpu")).isDisabled();
    interval.fill(changed);
    page.getByTestId("item-save-cpu").click();
    assertThat(row).hasAttribute("data-overridden", "true", within(10_000));
    assertThat(interval).hasValue(changed);
    assertThat(row).containsText("overridden");

    page.getByTestId("item-revert-cpu").click();
    assertThat(row).hasAttribute("data-overridden", "false", within(10_000));
    assertThat(interval).hasValue(inherited);
    assertThat(page.getByTestId("item-revert-cpu")).hasCount(0);
  }

  /** The table re-reads after each save; what the user typed in another row must stay. */
  private static void pendingEditSurvivesAnotherRowsSave(Page page) {
    Locator cpuInterval = page.getByTestId("item-interval-cpu");
    String inherited = cpuInterval.inputValue();
    cpuInterval.fill("20");
    page.getByTestId("item-enabled-proc").uncheck();
    page.getByTestId("item-save-proc").click();
    assertThat(page.getByTestId("item-row-proc"))
        .hasAttribute("data-overridden", "true", within(10_000));
    assertThat(page.getByTestId("item-enabled-proc")).not().isChecked();
    assertThat(cpuInterval).hasValue("20");
    assertThat(page.getByTestId("item-save-cpu")).isEnabled();

    ApiClient admin = ApiClient.loggedInAdmin(server);
    JsonNode proc = null;
    for (JsonNode item :
        admin.get("/api/v1/hosts/" + agent.hostKey() + "/items").json().get("items")) {
      if (item.get("key").asText().equals("proc")) {
        proc = item;
      }
    }
    org.assertj.core.api.Assertions.assertThat(proc).isNotNull();
    org.assertj.core.api.Assertions.assertThat(proc.get("enabled").asBoolean()).isFalse();

    page.getByTestId("item-revert-proc").click();
    assertThat(page.getByTestId("item-row-proc"))
        .hasAttribute("data-overridden", "false", within(10_000));
    cpuInterval.fill(inherited);
    assertThat(page.getByTestId("item-save-cpu")).isDisabled();
  }

  private static void addCheckThroughCatalogForm(Page page) {
    page.getByTestId("host-item-add").click();
    page.getByTestId("host-item-new-kind").selectOption("port");
    page.getByTestId("host-item-new-key").fill("app_port");
    page.getByTestId("host-item-new-param-port").fill("70000");
    page.getByTestId("host-item-new-param-timeout").fill("5 seconds");
    page.getByTestId("host-item-new-save").click();
    Locator form = page.getByTestId("host-item-new");
    assertThat(form).containsText("port must be at most 65535");
    assertThat(form).containsText("timeout must be a duration like 500ms, 5s, 2m or 1h");

    page.getByTestId("host-item-new-param-port").fill("8080");
    page.getByTestId("host-item-new-param-timeout").fill("5s");
    page.getByTestId("host-item-new-save").click();
    Locator row = page.getByTestId("item-row-app_port");
    assertThat(row).hasAttribute("data-source", "host", within(10_000));
    assertThat(row).containsText("port=8080");
    assertThat(row).containsText("timeout=5s");
    assertThat(form).hasCount(0);
    // The checks table above lists the new check at once, as not yet run.
    assertThat(page.getByTestId("check-status-app_port"))
        .hasAttribute("data-status", "NONE", within(10_000));
    assertThat(page.getByTestId("check-status-app_port")).hasText("not run");
  }

  private static void createTemplateWithItem(Page page) {
    page.getByTestId("nav-templates").click();
    // The shipped template's name is taken: the server's 409 shows next to the form.
    page.getByTestId("template-name").fill("Linux server");
    page.getByTestId("template-create").click();
    assertThat(page.getByTestId("template-create-error")).isVisible();
    assertThat(page.getByTestId("template-create-error")).not().hasText("");

    page.getByTestId("template-name").fill("E2E web");
    page.getByTestId("template-description").fill("made by a browser");
    page.getByTestId("template-create").click();
    assertThat(page.getByTestId("template-page")).containsText("E2E web");

    page.getByTestId("template-item-add").click();
    page.getByTestId("template-item-new-kind").selectOption("port");
    page.getByTestId("template-item-new-key").fill("tls_port");
    page.getByTestId("template-item-new-interval").fill("45");
    page.getByTestId("template-item-new-param-port").fill("443");
    page.getByTestId("template-item-new-param-tls").check();
    page.getByTestId("template-item-new-save").click();
    Locator item = page.getByTestId("template-item-tls_port");
    assertThat(item).containsText("45");
    assertThat(item).containsText("tls=true");
    Locator enabled = page.getByTestId("template-item-enabled-tls_port");
    assertThat(enabled).isChecked();
    enabled.click();
    assertThat(enabled).not().isChecked();

    page.getByTestId("nav-templates").click();
    Locator listed = page.locator("[data-testid=template-row][data-name='E2E web']");
    assertThat(listed).containsText("made by a browser");
    assertThat(listed.locator("td.num")).hasText("1");
  }

  private static void createGroupWithMember(Page page) {
    page.getByTestId("nav-groups").click();
    page.getByTestId("group-name").fill("E2E group");
    page.getByTestId("group-create").click();
    Locator card = page.locator("[data-testid=group-card][data-name='E2E group']");
    assertThat(card).isVisible();
    page.getByTestId("group-add-host-e2e-group").fill(agent.hostKey());
    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add")).click();
    assertThat(card.getByTestId("group-member-" + agent.hostKey())).isVisible();
  }

  private static LocatorAssertions.HasAttributeOptions within(double millis) {
    return new LocatorAssertions.HasAttributeOptions().setTimeout(millis);
  }
}
