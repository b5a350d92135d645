package io.vigil.bench.alert;

import io.vigil.model.Batch;
import io.vigil.model.Enrolment;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Vigil's alert path end to end: a webhook recipient and route, a threshold rule on one series,
 * then samples alternating above and below it once a second. Each alert is timed from the start of
 * the POST that carries the crossing sample to the webhook's arrival.
 */
final class VigilAlertTarget {

  private static final WireCodec CODEC = WireCodec.lenient();

  private final URI server;
  private final String enrolmentToken;
  private final String password;

  VigilAlertTarget(URI server, String enrolmentToken, String password) {
    this.server = server;
    this.enrolmentToken = enrolmentToken;
    this.password = password;
  }

  LatencySeries run(int alerts, WebhookReceiver receiver) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Enrolment.Response agent =
        CODEC.read(
            post(
                http,
                "/api/v1/agent/enrol",
                null,
                CODEC.write(
                    new Enrolment.Request(
                        enrolmentToken, "alert-bench", UUID.randomUUID().toString()))),
            Enrolment.Response.class);
    AdminApi api = new AdminApi(server, password);
    String hook = "http://127.0.0.1:" + receiver.port() + "/vigil";
    long recipient =
        AdminApi.id(
            api.call(
                "POST",
                "/api/v1/recipients",
                "{\"name\":\"bench\",\"webhookUrl\":\""
                    + hook
                    + "\",\"webhookFormat\":\"json\",\"language\":\"en\",\"enabled\":true}"));
    api.call(
        "POST",
        "/api/v1/routes",
        "{\"name\":\"bench\",\"minSeverity\":\"warning\",\"channels\":[\"webhook\"],"
            + "\"levels\":[{\"afterMinutes\":0,\"recipients\":["
            + recipient
            + "],\"groups\":[]}],\"repeatMinutes\":0,\"notifyRecovery\":true}");
    api.call(
        "POST",
        "/api/v1/alert-rules",
        "{\"name\":\"bench value high\",\"enabled\":true,"
            + "\"scope\":{\"type\":\"host\",\"value\":\""
            + agent.hostKey()
            + "\"},\"kind\":\"threshold\",\"measurement\":\"bench\",\"field\":\"value\","
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":50,\"for\":\"0s\"}],"
            + "\"recovery\":{\"op\":\"<\",\"value\":50,\"for\":\"0s\"},"
            // The bench flips the value on purpose: no flap damping.
            + "\"flapMaxChanges\":0}");

    LatencySeries series = new LatencySeries();
    long sequence = 0;
    for (int i = 0; i < alerts; i++) {
      long start = System.nanoTime();
      ingest(http, agent, ++sequence, 100);
      WebhookReceiver.Call alert =
          receiver.next(body -> !body.contains("recovery"), Duration.ofSeconds(10));
      if (alert == null) {
        series.miss();
      } else {
        series.add(start, alert.arrivedNanos());
      }
      Thread.sleep(1000);
      ingest(http, agent, ++sequence, 0);
      receiver.next(body -> body.contains("recovery"), Duration.ofSeconds(10));
      Thread.sleep(1000);
    }
    return series;
  }

  private void ingest(HttpClient http, Enrolment.Response agent, long sequence, double value)
      throws Exception {
    long now = System.currentTimeMillis();
    Point point = new Point("bench", Map.of(), Map.of("value", value), now);
    post(
        http,
        "/api/v1/agent/ingest",
        agent.agentToken(),
        CODEC.write(new Batch(sequence, now, null, List.of(point))));
  }

  private byte[] post(HttpClient http, String path, String bearer, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " → " + response.statusCode());
    }
    return response.body();
  }
}
