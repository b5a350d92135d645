package io.vigil.server;

import static io.vigil.server.ChecksIngestIT.checks;
import static io.vigil.server.ChecksIngestIT.putItem;
import static io.vigil.server.ChecksIngestIT.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.HostSeries;
import io.vigil.testkit.NodeExporterServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An agentless host monitored by scraping Debian's prometheus-node-exporter with a {@code
 * prometheus} item: its CPU, memory, file systems and network appear in the agent's measurements
 * (rates from counters), other families under their own names, and the item goes CRITICAL when the
 * exporter stops. Needs {@code apt-get install prometheus-node-exporter}.
 */
class NodeExporterIT {

  @TempDir Path dataDir;
  @TempDir Path exporterDir;
  private VigilServer server;
  private NodeExporterServer exporter;

  @BeforeEach
  void start() {
    exporter = NodeExporterServer.start(exporterDir);
    server = VigilServer.builder().dataDir(dataDir).start();
  }

  @AfterEach
  void stop() {
    server.close();
    exporter.close();
  }

  @Test
  void aScrapedNodeExporterGivesTheHostItsCpuMemoryFileSystemAndNetwork() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    ApiClient.Response created =
        admin.post(
            "/api/v1/hosts", "{\"key\":\"db-1\",\"hostname\":\"db-1\",\"address\":\"127.0.0.1\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    ApiClient.Response badUrl =
        admin.send(
            admin
                .request("/api/v1/hosts/db-1/items/node")
                .header("Content-Type", "application/json")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"kind\":\"prometheus\",\"intervalSeconds\":2,\"enabled\":true,"
                            + "\"params\":{\"url\":\"ftp://x\"}}")));
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.json().get("message").asText()).contains("url");
    putItem(admin, "db-1", "node", "prometheus", 2, "{\"url\":\"" + exporter.metricsUrl() + "\"}");

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(HostSeries.all(admin, "db-1", "cpu", "used_pct", Map.of("cpu", "total")))
                  .isNotEmpty()
                  .allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
              assertThat(HostSeries.values(admin, "db-1", "cpu", "used_pct", Map.of()).keySet())
                  .as("every core and the total")
                  .contains(Map.of("cpu", "0"), Map.of("cpu", "total"));
              assertThat(HostSeries.all(admin, "db-1", "mem", "used_pct", Map.of()))
                  .isNotEmpty()
                  .allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
              assertThat(HostSeries.all(admin, "db-1", "fs", "size_bytes", Map.of()))
                  .isNotEmpty()
                  .allSatisfy(v -> assertThat(v).isPositive());
              assertThat(HostSeries.all(admin, "db-1", "net", "rx_bytes_ps", Map.of()))
                  .isNotEmpty()
                  .allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
              assertThat(HostSeries.all(admin, "db-1", "load", "load1", Map.of())).isNotEmpty();
              assertThat(HostSeries.all(admin, "db-1", "system", "uptime_s", Map.of()))
                  .isNotEmpty()
                  .allSatisfy(v -> assertThat(v).isPositive());
            });
    assertThat(HostSeries.all(admin, "db-1", "node_boot_time_seconds", "value", Map.of()))
        .as("families no rule maps keep their names")
        .isEmpty(); // node_boot_time_seconds is grouped into node_system and mapped
    assertThat(HostSeries.all(admin, "db-1", "go_goroutines", "value", Map.of())).isNotEmpty();
    JsonNode node = row(checks(admin, "db-1"), "node");
    assertThat(node.get("status").asText()).as(node.toString()).isEqualTo("OK");
    assertThat(node.get("runsOn").asText()).isEqualTo("server");
    assertThat(node.get("metrics").get("samples").asDouble()).isGreaterThan(100);
    assertThat(node.get("metrics").get("malformed_lines").asDouble()).isZero();
    assertThat(admin.get("/api/v1/hosts/db-1").json().get("online").asBoolean()).isTrue();

    exporter.close();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(row(checks(admin, "db-1"), "node").get("status").asText())
                    .isEqualTo("CRITICAL"));
    assertThat(row(checks(admin, "db-1"), "node").get("message").asText())
        .contains("cannot scrape");
  }
}
