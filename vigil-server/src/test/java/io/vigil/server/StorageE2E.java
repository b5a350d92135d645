package io.vigil.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Chromium;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.storage.MetricStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The storage screen in the browser: an admin follows the header link, sees a row per measurement
 * an agent sent, and a projection from three days of recorded store sizes growing by 1 GiB a day
 * (written into the server's own {@code vigil_store} measurement, as its recorder would have).
 */
class StorageE2E {

  private static final double GIB = 1024.0 * 1024 * 1024;

  @TempDir static Path dataDir;
  static VigilServer server;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            // The recorder's own samples would add today's real size to the synthetic history.
            .property("vigil.storage.size-sample-interval", "1d")
            .property("vigil.storage.parquet-after", "10d")
            .start();
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "disk-1");
    assertThat(agent.send(1, ProtocolAgent.cpuPoints(System.currentTimeMillis() - 30_000, 20)))
        .extracting(ApiClient.Response::status)
        .isEqualTo(200);
    writeSizeHistory();
    chromium = Chromium.launch();
  }

  @AfterAll
  static void stop() {
    Closing.all(chromium, server);
  }

  /** 10 GiB three days ago, growing by exactly 1 GiB a day, a sample every 30 minutes. */
  static void writeSizeHistory() {
    Instant now = Instant.now();
    List<Point> points = new ArrayList<>();
    for (Instant t = now.minus(3, ChronoUnit.DAYS); t.isBefore(now); t = t.plusSeconds(1800)) {
      double days = Duration.between(now.minus(3, ChronoUnit.DAYS), t).toSeconds() / 86_400.0;
      points.add(
          new Point(
              "vigil_store",
              Map.of("host", "vigil-server"),
              Map.of("size_bytes", Math.floor(10 * GIB + days * GIB), "free_bytes", 500 * GIB),
              t.toEpochMilli()));
    }
    server.bean(MetricStore.class).write(points);
  }

  @Test
  void anAdminSeesDiskPerMeasurementAndTheDaysUntilTheDiskIsFull() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    JsonNode storage =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> admin.get("/api/v1/storage").json(),
                s -> s.get("history").get("samples").size() >= 140);
    JsonNode fs = storage.get("fileSystem");
    double expectedDays =
        (fs.get("freeBytes").asDouble() - fs.get("minFreeBytes").asDouble()) / GIB;

    Page page = chromium.newPage();
    page.navigate(server.baseUri() + "#/overview");
    Chromium.logIn(page, server);
    page.getByTestId("nav-storage").click();
    assertThat(page.getByTestId("storage-view")).isVisible();

    assertThat(page.locator("[data-testid=storage-row][data-measurement=cpu]")).isVisible();
    assertThat(page.locator("[data-testid=storage-row][data-measurement=cpu] td[data-col=rows]"))
        .hasText("20");
    assertThat(page.locator("[data-testid=storage-row][data-measurement=vigil_store]")).isVisible();

    assertThat(page.getByTestId("storage-projection")).hasAttribute("data-state", "projected");
    assertThat(page.getByTestId("storage-rate")).containsText("1.0 GiB");
    assertThat(page.getByTestId("storage-rate")).containsText("week");
    assertThat(page.getByTestId("growth-week")).hasText("1.0 GiB a day");
    // The free space moves while other programs write; the page divides it by 1 GiB a day.
    double shownDays =
        Double.parseDouble(page.getByTestId("storage-days").getAttribute("data-days"));
    assertThat(shownDays).isCloseTo(expectedDays, org.assertj.core.data.Offset.offset(3.0));
    assertThat(page.getByTestId("retention-raw")).hasText("30 d");
    assertThat(page.getByTestId("retention-parquet")).hasText("10 d");

    page.setViewportSize(1440, 900);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/storage.png")));
    page.close();
  }

  @Test
  void theScreenIsInKoreanToo() {
    Page page = chromium.newPage();
    page.navigate(server.baseUri() + "#/storage");
    Chromium.logIn(page, server);
    page.getByTestId("language-select").selectOption("ko");
    assertThat(page.getByTestId("storage-view").locator("h1")).hasText("저장소");
    assertThat(page.getByTestId("storage-days")).containsText("약");
    page.getByTestId("language-select").selectOption("en");
    assertThat(page.getByTestId("storage-view").locator("h1")).hasText("Storage");
    page.close();
  }
}
