package io.vigil.bench.report;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The reports screen in headless Chromium: custom range over the last 30 days, every bench host,
 * the four fields; times the click on "Run report" until all rows and the heat map are rendered.
 *
 * <pre>
 * ReportUiBench URL ADMIN_PASSWORD HOSTS_FILE [RUNS]
 * </pre>
 */
public final class ReportUiBench {

  private ReportUiBench() {}

  public static void main(String[] args) throws Exception {
    String server = args[0];
    String password = args[1];
    List<String> hosts = Files.readAllLines(Path.of(args[2]));
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int rows = hosts.size() * ReportBench.FIELDS.size();
    try (Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      Browser browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(Path.of("/usr/bin/chromium"))
                      .setHeadless(true)
                      .setArgs(List.of("--no-sandbox", "--disable-gpu")));
      Page page = browser.newPage();
      page.setViewportSize(1440, 900);
      page.navigate(server + "/#/reports");
      page.getByTestId("login-username").fill("admin");
      page.getByTestId("login-password").fill(password);
      page.getByTestId("login-submit").click();
      page.getByTestId("reports-view").waitFor();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      page.getByTestId("report-period").selectOption("custom");
      page.getByTestId("report-from").fill(today.minusDays(30).toString());
      page.getByTestId("report-to").fill(today.toString());
      page.getByTestId("report-hosts").selectOption(hosts.toArray(new String[0]));
      page.getByTestId("report-fields").fill(String.join(", ", ReportBench.FIELDS));
      Locator lastRow = page.getByTestId("report-field-row").nth(rows - 1);
      double[] ms = new double[runs + 1];
      for (int i = 0; i <= runs; i++) {
        if (i > 0) {
          // Clear the previous result so each run waits for a fresh render.
          page.reload();
          page.getByTestId("reports-view").waitFor();
          page.getByTestId("report-period").selectOption("custom");
          page.getByTestId("report-from").fill(today.minusDays(30).toString());
          page.getByTestId("report-to").fill(today.toString());
          page.getByTestId("report-hosts").selectOption(hosts.toArray(new String[0]));
          page.getByTestId("report-fields").fill(String.join(", ", ReportBench.FIELDS));
        }
        long t0 = System.nanoTime();
        page.getByTestId("report-run").click();
        lastRow.waitFor(
            new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(60_000));
        page.getByTestId("report-heat-cell").nth(7 * 24 - 1).waitFor();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      int count = page.getByTestId("report-field-row").count();
      if (count != rows) {
        throw new IllegalStateException("expected " + rows + " rows, saw " + count);
      }
      double[] warm = Arrays.copyOfRange(ms, 1, ms.length);
      Arrays.sort(warm);
      System.out.printf(
          "| UI: click \"Run report\" -> %d rows and the heat map rendered (headless Chromium) |"
              + " %d x %d x 30 | %.0f | %.0f | %.0f |%n",
          rows,
          hosts.size(),
          ReportBench.FIELDS.size(),
          ms[0],
          warm[warm.length / 2],
          warm[warm.length - 1]);
      browser.close();
    }
  }
}
