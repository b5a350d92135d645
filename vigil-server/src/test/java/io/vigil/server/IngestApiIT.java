package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Batch;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import io.vigil.server.ingest.IngestPipeline;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.Resolution;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest endpoint over real HTTP: acknowledgements, idempotence and refusals. */
class IngestApiIT {

  @TempDir static Path dataDir;
  static VigilServer server;

  @BeforeAll
  static void start() {
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.ingest.max-body-size", "64KB")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private ProtocolAgent newAgent(String name) {
    return ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), name);
  }

  private long storedCpuRows(String hostKey) {
    Instant now = Instant.now();
    return server
        .bean(MetricStore.class)
        .range(
            new RangeQuery(
                "cpu",
                Map.of("host", hostKey),
                List.of("used_pct"),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofMinutes(5)),
                Resolution.RAW))
        .series()
        .stream()
        .mapToLong(s -> s.timestamps().length)
        .sum();
  }

  @Test
  void aBatchIsAcknowledgedAndStoredWithTheHostTag() {
    ProtocolAgent agent = newAgent("ingest-ok");
    long start = System.currentTimeMillis() - 60_000;

    ApiClient.Response response = agent.send(1, ProtocolAgent.cpuPoints(start, 30));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("ackSequence").asLong()).isEqualTo(1);
    assertThat(response.json().get("configVersion").asLong()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> storedCpuRows(agent.hostKey()) == 30);
  }

  @Test
  void aResentBatchIsAcknowledgedAgainButStoredOnce() {
    ProtocolAgent agent = newAgent("ingest-resend");
    List<Point> points = ProtocolAgent.cpuPoints(System.currentTimeMillis() - 60_000, 20);
    assertThat(agent.send(1, points).status()).isEqualTo(200);
    assertThat(
            agent.send(2, ProtocolAgent.cpuPoints(System.currentTimeMillis() - 30_000, 5)).status())
        .isEqualTo(200);

    ApiClient.Response again = agent.send(1, points);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("ackSequence").asLong()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(20)).until(() -> storedCpuRows(agent.hostKey()) == 25);
  }

  @Test
  void invalidBatchesAreRefusedWithAMessageAndLoseNothingAlreadyStored() throws Exception {
    ProtocolAgent agent = newAgent("ingest-bad");
    long now = System.currentTimeMillis();
    assertThat(agent.send(1, ProtocolAgent.cpuPoints(now - 120_000, 10)).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> storedCpuRows(agent.hostKey()) == 10);
    long storedBefore = server.bean(IngestPipeline.class).storedPoints();

    assertRefused(
        agent.sendRaw("{not json".getBytes(StandardCharsets.UTF_8), null, "application/json"),
        400,
        "malformed JSON");
    assertRefused(
        agent.sendRaw(
            batchJson(
                    2,
                    "{\"measurement\":\"cpu\",\"tags\":{},\"fields\":{\"x\":1e999},\"timestamp\":"
                        + now
                        + "}")
                .getBytes(StandardCharsets.UTF_8),
            null,
            "application/json"),
        400,
        "finite");
    assertRefused(
        agent.sendRaw(
            batchJson(
                    2,
                    "{\"measurement\":\"DROP TABLE\",\"tags\":{},\"fields\":{\"x\":1},\"timestamp\":"
                        + now
                        + "}")
                .getBytes(StandardCharsets.UTF_8),
            null,
            "application/json"),
        400,
        "measurement name must match");
    assertRefused(
        agent.send(2, ProtocolAgent.cpuPoints(now - Duration.ofDays(30).toMillis(), 1)),
        400,
        "older than");
    assertRefused(
        agent.send(2, ProtocolAgent.cpuPoints(now + Duration.ofDays(1).toMillis(), 1)),
        400,
        "in the future");
    assertRefused(agent.sendRaw(new byte[] {1, 2, 3, 4}, "gzip", "application/json"), 400, "gzip");
    assertRefused(agent.sendRaw("x=1".getBytes(), null, "text/plain"), 415, "application/json");
    assertRefused(
        agent.sendRaw(new byte[128 * 1024], null, "application/json"), 413, "larger than");
    assertRefused(agent.sendRaw(gzipBomb(), "gzip", "application/json"), 413, "uncompressed");

    ApiClient anonymous = new ApiClient(server.baseUri());
    ApiClient.Response unauthenticated =
        anonymous.send(
            anonymous
                .request("/api/v1/agent/ingest")
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(batchJson(2, ""))));
    assertThat(unauthenticated.status()).isEqualTo(401);
    ApiClient forged = new ApiClient(server.baseUri()).withBearer("vgl_a_forged");
    assertThat(forged.get("/api/v1/agent/config").status()).isEqualTo(401);

    assertThat(server.bean(IngestPipeline.class).storedPoints()).isEqualTo(storedBefore);
    assertThat(storedCpuRows(agent.hostKey())).isEqualTo(10);
    ApiClient.Response next = agent.send(2, ProtocolAgent.cpuPoints(now - 5_000, 3));
    assertThat(next.status()).isEqualTo(200);
    assertThat(next.json().get("ackSequence").asLong()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(20)).until(() -> storedCpuRows(agent.hostKey()) == 13);
  }

  @Test
  void theFirstBatchCarriesTheInventoryShownOnTheHostPage() {
    ProtocolAgent agent = newAgent("ingest-inventory");
    io.vigil.model.Inventory inventory =
        new io.vigil.model.Inventory(
            "ingest-inventory",
            "Debian GNU/Linux 12",
            "6.1.0",
            "amd64",
            "Test CPU",
            2,
            4,
            8L << 30,
            1_700_000_000_000L,
            "0.1.0",
            List.of(
                new io.vigil.model.Inventory.NetworkInterfaceInfo(
                    "eth0",
                    "02:00:00:00:00:01",
                    List.of("192.0.2.10"),
                    List.of(),
                    1_000_000_000L,
                    1500)));
    byte[] body =
        WireCodec.lenient()
            .writeGzip(new Batch(1, System.currentTimeMillis(), inventory, List.of()));
    assertThat(agent.sendRaw(body, "gzip", "application/json").status()).isEqualTo(200);

    ApiClient admin = new ApiClient(server.baseUri());
    admin.login("admin", server.generatedAdminPassword().orElseThrow());
    ApiClient.Response host = admin.get("/api/v1/hosts/" + agent.hostKey());
    assertThat(host.status()).isEqualTo(200);
    assertThat(host.json().get("os").asText()).isEqualTo("Debian GNU/Linux 12");
    assertThat(host.json().get("interfaces").get(0).get("ipv4").get(0).asText())
        .isEqualTo("192.0.2.10");
    assertThat(host.json().get("registeredAt").isNumber()).as("times are epoch millis").isTrue();
  }

  private static void assertRefused(ApiClient.Response response, int status, String message) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.json().get("error").asText()).isNotBlank();
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    if (message != null) {
      assertThat(response.json().get("message").asText()).contains(message);
    }
  }

  private static String batchJson(long seq, String point) {
    return "{\"sequence\":" + seq + ",\"sentAt\":1,\"points\":[" + point + "]}";
  }

  /** A small gzip body that inflates far past the uncompressed limit. */
  private static byte[] gzipBomb() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 40; i++) {
        gzip.write(spaces);
      }
    }
    return bytes.toByteArray();
  }
}
