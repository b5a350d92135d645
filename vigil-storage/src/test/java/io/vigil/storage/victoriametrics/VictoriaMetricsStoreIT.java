package io.vigil.storage.victoriametrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.storage.GroupQuery;
import io.vigil.storage.GroupRow;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.StoreUnavailableException;
import io.vigil.testkit.VictoriaMetricsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the remote engine, against a real VictoriaMetrics. */
class VictoriaMetricsStoreIT {

  private static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

  @TempDir Path dir;
  private VictoriaMetricsServer server;
  private VictoriaMetricsStore store;

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250));
  }

  private void start(VictoriaMetricsServer.Builder vm, VictoriaMetricsSettings settings) {
    server = vm.start();
    store = VictoriaMetricsStore.open(settings);
  }

  private void start() {
    server = VictoriaMetricsServer.in(dir).start();
    store = VictoriaMetricsStore.open(VictoriaMetricsSettings.defaults(server.url()));
  }

  @Test
  void aWriteWhileVictoriaMetricsIsDownFailsAndSucceedsOnceItIsBack() {
    start();
    server.kill();

    assertThatThrownBy(() -> store.write(List.of(cpu("web1", 0, 1))))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot be reached");
    assertThatThrownBy(() -> store.range(raw("cpu"))).isInstanceOf(StoreUnavailableException.class);

    server.restart();
    store.write(List.of(cpu("web1", 0, 1), cpu("web1", 10, 2)));
    eventually()
        .untilAsserted(
            () ->
                assertThat(store.range(raw("cpu")).series())
                    .singleElement()
                    .satisfies(
                        s ->
                            assertThat(s.fields().get("user_pct").avg())
                                .containsExactly(1.0, 2.0)));
  }

  @Test
  void aLargeWriteIsSplitIntoSeveralRequestsAndStoredWhole() {
    for (boolean gzip : List.of(true, false)) {
      server = VictoriaMetricsServer.in(dir.resolve(gzip ? "gzip" : "plain")).start();
      store =
          VictoriaMetricsStore.open(
              VictoriaMetricsSettings.defaults(server.url())
                  .withGzip(gzip)
                  .withMaxRequestBytes(64 * 1024));
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) { // ~400 KB of text: seven requests
        points.add(cpu("web1", i, i));
      }

      store.write(points);

      RangeResult.Series series =
          eventually()
              .until(
                  () -> store.range(raw("cpu")).series(),
                  s -> s.size() == 1 && s.get(0).timestamps().length == 5_000)
              .get(0);
      assertThat(series.fields().get("user_pct").avg()[4_999]).isEqualTo(4_999.0);
      store.close();
      server.close();
    }
  }

  @Test
  void aTagNamedRollupSurvivesTheRollups() {
    start();
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      points.add(
          new Point(
              "job",
              Map.of("host", "h1", "rollup", "daily"),
              Map.of("done", (double) i),
              T0.plusSeconds(i * 10).toEpochMilli()));
    }
    store.write(points);

    eventually()
        .untilAsserted(
            () -> {
              RangeResult minutes =
                  store.range(
                      new RangeQuery(
                          "job",
                          Map.of("host", "h1"),
                          List.of(),
                          T0,
                          T0.plus(1, ChronoUnit.HOURS),
                          Resolution.MINUTE));
              assertThat(minutes.series())
                  .singleElement()
                  .satisfies(
                      s -> {
                        assertThat(s.tags()).isEqualTo(Map.of("host", "h1", "rollup", "daily"));
                        assertThat(s.fields().get("done").min()).containsExactly(0.0);
                        assertThat(s.fields().get("done").avg()).containsExactly(2.5);
                        assertThat(s.fields().get("done").max()).containsExactly(5.0);
                      });
            });
  }

  @Test
  void groupOverAThousandHostsAddsUpTheQueriesItNeeds() {
    start();
    List<String> hosts = new ArrayList<>();
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String host = "web-" + i + ".a-rather-long-domain-name.example.com";
      hosts.add(host);
      points.add(hit(host, "/home", i, 1));
      if (i % 10 == 0) {
        points.add(hit(host, "/rare", i, 2));
      }
    }
    points.add(hit("not-asked.example.com", "/home", 0, 1_000));
    store.write(points);
    GroupQuery query =
        new GroupQuery(
            "web_top",
            Map.of(),
            hosts,
            "key",
            List.of("requests"),
            "requests",
            T0,
            T0.plusSeconds(3600),
            10);
    assertThat(String.join("|", hosts).length()).isGreaterThan(4 * InstantQueries.MAX_HOST_PATTERN);

    List<GroupRow> rows =
        eventually()
            .until(
                () -> store.group(query),
                r -> r.size() == 2 && r.get(0).sums().get("requests") == 1_000.0);

    assertThat(rows.get(0).key()).isEqualTo("/home");
    assertThat(rows.get(0).firstSeen()).isEqualTo(T0.toEpochMilli());
    assertThat(rows.get(0).lastSeen()).isEqualTo(T0.plusSeconds(999).toEpochMilli());
    assertThat(rows.get(1).key()).isEqualTo("/rare");
    assertThat(rows.get(1).sums()).isEqualTo(Map.of("requests", 200.0));
    assertThat(rows.get(1).lastSeen()).isEqualTo(T0.plusSeconds(990).toEpochMilli());
  }

  @Test
  void credentialsAreSentAndWrongOnesAreNamedAsTheCause() {
    server =
        VictoriaMetricsServer.in(dir)
            .flag("-httpAuth.username", "vigil")
            .flag("-httpAuth.password", "s3cret")
            .start();
    store = VictoriaMetricsStore.open(withBasicAuth(server.url(), "s3cret"));
    store.write(List.of(cpu("web1", 0, 7)));
    eventually().until(() -> store.range(raw("cpu")).series().size() == 1);

    try (VictoriaMetricsStore wrong =
        VictoriaMetricsStore.open(withBasicAuth(server.url(), "guess"))) {
      assertThatThrownBy(() -> wrong.write(List.of(cpu("web1", 10, 8))))
          .hasMessageContaining("HTTP 401");
      assertThatThrownBy(wrong::measurements)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("credentials");
    }
  }

  @Test
  void diskUseIsWhatVictoriaMetricsReports() {
    start();
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      points.add(cpu("web" + i % 10, i, i));
    }
    store.write(points);

    eventually().until(() -> store.diskUsageBytes() > 0);
  }

  @Test
  void seriesOfOtherSystemsInTheSameVictoriaMetricsAreNotMeasurements() throws Exception {
    start();
    String foreign =
        "node_load1{instance=\"x\"} 1 "
            + T0.toEpochMilli()
            + "\njob:http_requests:rate5m{job=\"api\"} 2 "
            + T0.toEpochMilli()
            + "\n";
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(server.url().resolve("/api/v1/import/prometheus"))
                  .POST(HttpRequest.BodyPublishers.ofString(foreign))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).isEqualTo(204);
    }
    try (VictoriaMetricsStore other =
        VictoriaMetricsStore.open(VictoriaMetricsSettings.defaults(server.url()))) {
      other.write(List.of(cpu("web1", 0, 1)));
    }

    // a store that wrote nothing itself learns the measurements from VictoriaMetrics alone
    eventually().until(() -> store.measurements(), m -> m.equals(List.of("cpu")));
  }

  private static VictoriaMetricsSettings withBasicAuth(URI url, String password) {
    VictoriaMetricsSettings d = VictoriaMetricsSettings.defaults(url);
    return new VictoriaMetricsSettings(
        d.writeUrl(),
        d.queryUrl(),
        d.metricsUrls(),
        "vigil",
        password,
        null,
        d.connectTimeout(),
        d.writeTimeout(),
        d.queryTimeout(),
        0,
        d.retryBackoff(),
        d.maxRequestBytes(),
        d.gzip(),
        d.latestLookback(),
        d.catalogRefresh());
  }

  private static RangeQuery raw(String measurement) {
    return new RangeQuery(
        measurement,
        Map.of("host", "web1"),
        List.of(),
        T0,
        T0.plus(2, ChronoUnit.HOURS),
        Resolution.RAW);
  }

  private static Point cpu(String host, int second, double user) {
    return new Point(
        "cpu",
        Map.of("host", host, "cpu", "total"),
        Map.of("user_pct", user),
        T0.plusSeconds(second).toEpochMilli());
  }

  private static Point hit(String host, String url, int second, double requests) {
    return new Point(
        "web_top",
        Map.of("host", host, "dim", "url", "key", url),
        Map.of("requests", requests),
        T0.plusSeconds(second).toEpochMilli());
  }
}
