package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.inventory.HostProvisioning;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.HostSeries;
import io.vigil.testkit.GlancesProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Glances reporting to Vigil unchanged, through its InfluxDB exporter (line protocol to
 * {@code /write}, basic credentials from {@code [influxdb]} user/password) and its RESTful exporter
 * (JSON to {@code /api/v1/glances}, basic credentials from the {@code user:token@} in its URL):
 * each makes a host appear with CPU, memory, file system and network data, read through the range
 * API the host page uses. Needs {@code apt-get install glances python3-influxdb}.
 */
class GlancesIT {

  @TempDir Path dataDir;
  @TempDir Path influxDir;
  @TempDir Path restDir;
  private VigilServer server;
  private GlancesProcess influx;
  private GlancesProcess rest;

  @BeforeEach
  void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
  }

  @AfterEach
  void stop() {
    if (influx != null) {
      influx.close();
    }
    if (rest != null) {
      rest.close();
    }
    server.close();
  }

  @Test
  void glancesExportersMakeHostsWithCpuMemoryFileSystemAndNetworkData() throws IOException {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    String token = LineProtocolITSupport.token(admin, "glances", null);
    influx =
        GlancesProcess.in(influxDir)
            .influxdb("127.0.0.1", server.port(), "vigil", token, "glances")
            .start();
    rest =
        GlancesProcess.in(restDir)
            .restful(
                "vigil:" + token + "@127.0.0.1", server.port(), "/api/v1/glances?host=glances-rest")
            .start();
    // Glances' InfluxDB exporter tags its lines with the machine's short name.
    String nodename = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    String influxHost = HostProvisioning.keyFor(nodename.split("\\.")[0]);

    for (String host : List.of(influxHost, "glances-rest")) {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                assertThat(influx.alive()).as(influx.logs()).isTrue();
                assertThat(rest.alive()).as(rest.logs()).isTrue();
                assertThat(HostSeries.all(admin, host, "cpu", "used_pct", Map.of("cpu", "total")))
                    .as("%s cpu", host)
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
                assertThat(HostSeries.all(admin, host, "mem", "used_pct", Map.of()))
                    .as("%s mem", host)
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v).isBetween(0.0, 100.0));
                assertThat(HostSeries.all(admin, host, "fs", "size_bytes", Map.of()))
                    .as("%s fs", host)
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v).isPositive());
                assertThat(HostSeries.all(admin, host, "net", "rx_bytes_ps", Map.of()))
                    .as("%s net", host)
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0));
              });
      ApiClient.Response detail = admin.get("/api/v1/hosts/" + host);
      assertThat(detail.status()).isEqualTo(200);
      assertThat(detail.json().get("agentless").asBoolean()).isTrue();
      assertThat(detail.json().get("online").asBoolean()).isTrue();
      assertThat(HostSeries.all(admin, host, "load", "load1", Map.of())).isNotEmpty();
    }
    // Glances' thresholds are not stored; the plugins no rule maps are, under their own names.
    assertThat(HostSeries.values(admin, influxHost, "connections", "listen", Map.of()))
        .isNotEmpty();
    assertThat(HostSeries.values(admin, "glances-rest", "processcount", "total", Map.of()))
        .isNotEmpty();
  }
}
