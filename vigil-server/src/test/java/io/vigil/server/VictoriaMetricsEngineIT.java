package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.storage.MetricStore;
import io.vigil.storage.victoriametrics.VictoriaMetricsStore;
import io.vigil.testkit.VictoriaMetricsServer;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A Vigil server configured with the remote engine: agents' batches go through the ingest API into
 * a real VictoriaMetrics, and the host's range, rollup, top and latest queries come back from it
 * through Vigil's HTTP API. While VictoriaMetrics is down nothing is acknowledged.
 */
class VictoriaMetricsEngineIT {

  @TempDir static Path vmDir;
  @TempDir static Path dataDir;
  static VictoriaMetricsServer victoriaMetrics;
  static VigilServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    victoriaMetrics = VictoriaMetricsServer.in(vmDir).start();
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.storage.engine", "victoriametrics")
            .property("vigil.storage.victoriametrics.url", victoriaMetrics.url())
            .property("vigil.storage.victoriametrics.write-retries", 1)
            .start();
    admin = ApiClient.loggedInAdmin(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    victoriaMetrics.close();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500));
  }

  @Test
  void agentBatchesRoundTripThroughVictoriaMetricsToTheHostQueries() throws Exception {
    assertThat(server.bean(MetricStore.class)).isInstanceOf(VictoriaMetricsStore.class);
    ProtocolAgent a = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "vm-a");
    ProtocolAgent b = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "vm-b");
    long minute = 60_000;
    long base = (System.currentTimeMillis() / minute - 5) * minute; // 4-5 minutes ago, aligned
    assertThat(a.send(1, cpu(base, 18, 0)).status()).isEqualTo(200); // used_pct 0..17
    assertThat(b.send(1, cpu(base, 6, 50)).status()).isEqualTo(200); // used_pct 50..55

    String range =
        "/api/v1/query/range?host="
            + a.hostKey()
            + "&measurement=cpu&fields=used_pct&from="
            + base
            + "&to="
            + (base + 3 * minute);
    JsonNode raw =
        eventually()
            .until(
                () -> admin.get(range + "&resolution=raw").json(),
                r ->
                    r.get("series").size() == 1
                        && r.get("series").get(0).get("timestamps").size() == 18);
    JsonNode series = raw.get("series").get(0);
    assertThat(series.get("tags").get("host").asString()).isEqualTo(a.hostKey());
    assertThat(series.get("tags").get("cpu").asString()).isEqualTo("total");
    for (int i = 0; i < 18; i++) {
      assertThat(series.get("timestamps").get(i).asLong()).isEqualTo(base + i * 10_000L);
      assertThat(series.get("fields").get("used_pct").get("avg").get(i).asDouble()).isEqualTo(i);
    }

    JsonNode minutes = admin.get(range + "&resolution=minute").json();
    assertThat(minutes.get("resolution").asString()).isEqualTo("MINUTE");
    JsonNode perMinute = minutes.get("series").get(0);
    assertThat(longs(perMinute.get("timestamps")))
        .containsExactly(base, base + minute, base + 2 * minute);
    JsonNode used = perMinute.get("fields").get("used_pct");
    assertThat(doubles(used.get("min"))).containsExactly(0.0, 6.0, 12.0);
    assertThat(doubles(used.get("avg"))).containsExactly(2.5, 8.5, 14.5);
    assertThat(doubles(used.get("max"))).containsExactly(5.0, 11.0, 17.0);

    JsonNode steps = admin.get(range + "&step=30s").json();
    assertThat(steps.get("resolution").asString()).isEqualTo("STEP");
    JsonNode perHalfMinute = steps.get("series").get(0);
    assertThat(longs(perHalfMinute.get("timestamps"))).hasSize(6).startsWith(base, base + 30_000);
    assertThat(doubles(perHalfMinute.get("fields").get("used_pct").get("avg")))
        .containsExactly(1.0, 4.0, 7.0, 10.0, 13.0, 16.0);

    // b's series are new to VictoriaMetrics: its index may answer without them for a few seconds.
    eventually()
        .untilAsserted(
            () -> {
              JsonNode folded =
                  admin
                      .get(
                          "/api/v1/query/aggregate?measurement=cpu&field=used_pct&fn=max&step=1m"
                              + "&from="
                              + base
                              + "&to="
                              + (base + 3 * minute))
                      .json();
              assertThat(longs(folded.get("timestamps")))
                  .containsExactly(base, base + minute, base + 2 * minute);
              assertThat(doubles(folded.get("values")))
                  .as("b's 55 in the first minute, a alone after")
                  .containsExactly(55.0, 11.0, 17.0);
            });
    eventually()
        .untilAsserted(
            () -> {
              JsonNode top =
                  admin
                      .get(
                          "/api/v1/query/top?measurement=cpu&field=used_pct&window=10m&n=5&agg=max")
                      .json();
              assertThat(top.size()).isEqualTo(2);
              assertThat(top.get(0).get("host").asString()).isEqualTo(b.hostKey());
              assertThat(top.get(0).get("value").asDouble()).isEqualTo(55.0);
              assertThat(top.get(1).get("host").asString()).isEqualTo(a.hostKey());
              assertThat(top.get(1).get("value").asDouble()).isEqualTo(17.0);
            });

    JsonNode latest = admin.get("/api/v1/hosts/" + a.hostKey() + "/latest").json();
    JsonNode cpu = latest.get("measurements").get("cpu").get(0);
    assertThat(cpu.get("timestamp").asLong()).isEqualTo(base + 17 * 10_000L);
    assertThat(cpu.get("fields").get("idle_pct").asDouble()).isEqualTo(83.0);

    // the samples live in VictoriaMetrics under Vigil's names, not in a local store
    String exported = export("{__name__=\"cpu:used_pct\",host=\"" + a.hostKey() + "\"}");
    assertThat(exported).contains("\"cpu\":\"total\"").contains(Long.toString(base + 170_000));
    assertThat(Files.exists(dataDir.resolve("metrics"))).isFalse();
  }

  @Test
  void whileVictoriaMetricsIsDownNothingIsAcknowledgedAndTheResentBatchIsStored() {
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "vm-down");
    long start = System.currentTimeMillis() - 120_000;
    assertThat(agent.send(1, cpu(start, 3, 10)).status()).isEqualTo(200);
    String range =
        "/api/v1/query/range?resolution=raw&measurement=cpu&host="
            + agent.hostKey()
            + "&from="
            + (start - 1)
            + "&to="
            + (start + 60_000);
    eventually().until(() -> timestamps(admin.get(range).json()) == 3);
    List<Point> spooled = cpu(start + 30_000, 3, 20);

    // Stopped, not killed: killed, it would lose what it held in memory (see the store's docs).
    victoriaMetrics.stop();
    try {
      ApiClient.Response refused = agent.send(2, spooled);
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.json().get("error").asString()).isEqualTo("unavailable");
      ApiClient.Response query = admin.get(range);
      assertThat(query.status()).isEqualTo(503);
      assertThat(query.json().get("message").asString())
          .isEqualTo("The metrics store is unavailable; try again shortly.");
    } finally {
      victoriaMetrics.restart();
    }

    // the agent sends its spooled batch again, as it does after a 503
    assertThat(agent.send(2, spooled).status()).isEqualTo(200);
    eventually().until(() -> timestamps(admin.get(range).json()) == 6);
  }

  private static List<Point> cpu(long start, int count, int first) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double used = first + i;
      points.add(
          new Point(
              "cpu",
              Map.of("cpu", "total"),
              Map.of("used_pct", used, "idle_pct", 100 - used),
              start + i * 10_000L));
    }
    return points;
  }

  private static int timestamps(JsonNode range) {
    JsonNode series = range.get("series");
    return series == null || series.isEmpty() ? 0 : series.get(0).get("timestamps").size();
  }

  private static String export(String selector) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(
                      victoriaMetrics
                          .url()
                          .resolve(
                              "/api/v1/export?match[]="
                                  + URLEncoder.encode(selector, StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asLong()));
    return values;
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asDouble()));
    return values;
  }
}
