package io.vigil.server.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vigil.server.VigilServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium for end-to-end tests: Debian's {@code /usr/bin/chromium} (package {@code
 * chromium}) driven by Playwright, which must not download browsers of its own. Closing closes the
 * browser and Playwright.
 *
 * <pre>{@code
 * try (Chromium chromium = Chromium.launch()) {
 *   Page page = chromium.newPage();
 *   page.navigate(server.baseUri().toString());
 *   Chromium.logIn(page, server);
 * }
 * }</pre>
 */
public final class Chromium implements AutoCloseable {

  static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
  static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync");

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Starts Playwright and a headless Chromium; the caller must close it. */
  public static Chromium launch() {
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(EXECUTABLE)
                      .setHeadless(true)
                      .setArgs(ARGS));
      return new Chromium(playwright, browser);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** A page in a fresh context of its own. */
  public Page newPage() {
    return browser.newPage();
  }

  /** A context whose pages share cookies, such as the session. */
  public BrowserContext newContext() {
    return browser.newContext();
  }

  /**
   * Logs in as {@code admin} with the server's generated password through the login form, which
   * {@code page} must show (any page of the UI does before a login).
   */
  public static void logIn(Page page, VigilServer server) {
    page.getByTestId("login-username").fill("admin");
    page.getByTestId("login-password").fill(server.generatedAdminPassword().orElseThrow());
    page.getByTestId("login-submit").click();
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}
