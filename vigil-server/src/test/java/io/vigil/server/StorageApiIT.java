package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.storage.MetricStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The storage screen's API on a real server: per-measurement disk use of what an agent sent, the
 * server's own size history, the retention in force, and a shorter retention applied to the data
 * already stored when the server starts again.
 */
class StorageApiIT {

  @TempDir Path dataDir;

  @Test
  void adminsSeeDiskPerMeasurementTheFileSystemAndTheRecordedHistory() {
    try (VigilServer server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.storage.size-sample-interval", "1s")
            .property("vigil.storage.raw-retention", "14d")
            .property("vigil.storage.parquet-after", "2d")
            .start()) {
      ProtocolAgent agent =
          ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "storage-host");
      assertThat(agent.send(1, ProtocolAgent.cpuPoints(System.currentTimeMillis() - 60_000, 50)))
          .extracting(ApiClient.Response::status)
          .isEqualTo(200);
      ApiClient admin = ApiClient.loggedInAdmin(server);

      JsonNode storage =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> admin.get("/api/v1/storage").json(),
                  s -> s.get("history").get("samples").size() >= 2 && row(s, "cpu") != null);

      JsonNode cpu = row(storage, "cpu");
      assertThat(cpu.get("rawBytes").asLong()).isPositive();
      assertThat(cpu.get("rollupBytes").asLong()).isPositive();
      assertThat(cpu.get("totalBytes").asLong())
          .isEqualTo(cpu.get("rawBytes").asLong() + cpu.get("rollupBytes").asLong());
      assertThat(cpu.get("partitions").asInt()).isEqualTo(1);
      assertThat(cpu.get("parquetPartitions").asInt()).isZero();
      // The server's own size samples are a measurement like any other.
      assertThat(row(storage, "vigil_store")).isNotNull();
      long sumOfMeasurements = 0;
      for (JsonNode m : storage.get("measurements")) {
        sumOfMeasurements += m.get("totalBytes").asLong();
      }
      assertThat(storage.get("storeBytes").asLong()).isGreaterThanOrEqualTo(sumOfMeasurements);

      JsonNode fs = storage.get("fileSystem");
      assertThat(fs.get("totalBytes").asLong()).isGreaterThan(fs.get("freeBytes").asLong());
      assertThat(fs.get("minFreeBytes").asLong()).isEqualTo(512L * 1024 * 1024);
      assertThat(fs.get("directory").asText()).endsWith("metrics");

      JsonNode retention = storage.get("retention");
      assertThat(retention.get("rawSeconds").asLong()).isEqualTo(Duration.ofDays(14).toSeconds());
      assertThat(retention.get("hourRollupSeconds").asLong())
          .isEqualTo(Duration.ofDays(1826).toSeconds());
      // 2 days is within what ingest accepts (7 days back): conversion waits for 7 d 1 h.
      assertThat(retention.get("parquetAfterSeconds").asLong())
          .isEqualTo(Duration.ofDays(7).plusHours(1).toSeconds());

      JsonNode samples = storage.get("history").get("samples");
      assertThat(storage.get("history").get("intervalSeconds").asLong()).isEqualTo(1);
      for (JsonNode sample : samples) {
        assertThat(sample.get("sizeBytes").asLong()).isPositive();
        assertThat(sample.get("freeBytes").asLong()).isPositive();
      }
      assertThat(samples.get(samples.size() - 1).get("t").asLong())
          .isGreaterThan(samples.get(0).get("t").asLong());
    }
  }

  @Test
  void aShorterRawRetentionDropsOldDaysWhenTheServerStartsAgain() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String password;
    try (VigilServer first = VigilServer.builder().dataDir(dataDir).start()) {
      password = first.generatedAdminPassword().orElseThrow();
      List<Point> points = new ArrayList<>();
      for (int day = 0; day <= 10; day++) {
        points.add(
            new Point(
                "mem",
                Map.of("host", "old-host"),
                Map.of("used_pct", (double) day),
                now.minus(day, ChronoUnit.DAYS).toEpochMilli()));
      }
      first.bean(MetricStore.class).write(points);
      ApiClient admin = new ApiClient(first.baseUri());
      admin.login("admin", password);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> rowOf(admin, "mem"), m -> m != null && m.get("rows").asLong() == 11);
      assertThat(rowOf(admin, "mem").get("partitions").asInt()).isEqualTo(11);
    }

    try (VigilServer second =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.storage.raw-retention", "3d")
            .start()) {
      ApiClient admin = new ApiClient(second.baseUri());
      admin.login("admin", password);
      // Days 0..3 back stay: day 3 ends less than 3 days before the newest row.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                JsonNode mem = rowOf(admin, "mem");
                assertThat(mem.get("rows").asLong()).isEqualTo(4);
                assertThat(mem.get("partitions").asInt()).isEqualTo(4);
              });
      assertThat(admin.get("/api/v1/storage").json().get("retention").get("rawSeconds").asLong())
          .isEqualTo(Duration.ofDays(3).toSeconds());
    }
  }

  @Test
  void onlyAdminsMayLook() {
    try (VigilServer server = VigilServer.builder().dataDir(dataDir).start()) {
      ApiClient admin = ApiClient.loggedInAdmin(server);
      assertThat(
              admin
                  .post(
                      "/api/v1/users",
                      "{\"username\":\"ops\",\"password\":\"storage-Quarry-7319\","
                          + "\"role\":\"OPERATOR\",\"allHosts\":true}")
                  .status())
          .isEqualTo(201);
      ApiClient operator = new ApiClient(server.baseUri());
      operator.login("ops", "storage-Quarry-7319");
      ApiClient.Response refused = operator.get("/api/v1/storage");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().get("error").asText()).isEqualTo("forbidden");
      assertThat(admin.get("/api/v1/storage").status()).isEqualTo(200);
    }
  }

  private static JsonNode rowOf(ApiClient client, String measurement) {
    return row(client.get("/api/v1/storage").json(), measurement);
  }

  private static JsonNode row(JsonNode storage, String measurement) {
    for (JsonNode m : storage.get("measurements")) {
      if (m.get("measurement").asText().equals(measurement)) {
        return m;
      }
    }
    return null;
  }
}
