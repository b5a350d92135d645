package io.vigil.server;

import static io.vigil.server.NotifyTestPeers.problem;
import static io.vigil.server.NotifyTestPeers.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Severity;
import io.vigil.model.WireCodec;
import io.vigil.server.NotifyTestPeers.HttpSink;
import io.vigil.server.NotifyTestPeers.Request;
import io.vigil.server.alerting.Problem;
import io.vigil.server.alerting.ProblemChanged.Change;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** SMS through an HTTP gateway: templated URL and JSON body, retried after a gateway error. */
class NotifyHttpSmsIT {

  @TempDir static Path dataDir;
  static HttpSink gateway;
  static VigilServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    gateway = new HttpSink().start();
    server =
        VigilServer.builder()
            .dataDir(dataDir)
            .property("vigil.notify.sms.via", "http")
            .property("vigil.notify.sms-http.url", gateway.url("/send?to=${phone}&sender=vigil"))
            .property("vigil.notify.sms-http.method", "POST")
            .property(
                "vigil.notify.sms-http.body-template", "{\"to\":\"${phone}\",\"text\":\"${text}\"}")
            .property("vigil.notify.sms-http.headers[Content-Type]", "application/json")
            .property("vigil.notify.sms-http.headers[X-Api-Key]", "gw-key")
            .property("vigil.notify.dispatcher.poll-interval", "100ms")
            .start();
    admin = ApiClient.loggedInAdmin(server);
    ApiClient.Response fran =
        admin.post(
            "/api/v1/recipients",
            "{\"name\":\"fran\",\"phone\":\"+821012345678\",\"language\":\"ko\"}");
    assertThat(fran.status()).as(fran.body()).isEqualTo(201);
    ApiClient.Response route =
        admin.post(
            "/api/v1/routes",
            "{\"name\":\"sms\",\"minSeverity\":\"major\",\"channels\":[\"sms\"],"
                + "\"levels\":[{\"afterMinutes\":0,\"recipients\":["
                + fran.json().get("id").asLong()
                + "]}]}");
    assertThat(route.status()).as(route.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    Closing.all(server, gateway);
  }

  @Test
  void theGatewayGetsPhoneAndTextAndAFailedCallIsRetried() {
    gateway.statuses.add(503);
    publish(server, Change.OPENED, problem(701, "gw-1", Severity.CRITICAL, Problem.Status.OPEN));
    publish(server, Change.OPENED, problem(702, "gw-2", Severity.WARNING, Problem.Status.OPEN));
    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.received.size() == 1);

    Request sms = gateway.received.get(0);
    assertThat(sms.method()).isEqualTo("POST");
    assertThat(sms.uri()).isEqualTo("/send?to=%2B821012345678&sender=vigil");
    assertThat(sms.header("X-Api-Key")).isEqualTo("gw-key");
    assertThat(sms.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = WireCodec.lenient().mapper().readTree(sms.body());
    assertThat(body.get("to").asText()).isEqualTo("+821012345678");
    assertThat(body.get("text").asText()).isEqualTo("[Vigil critical] gw-1: Disk full 장애 발생");

    List<JsonNode> deliveries = new ArrayList<>();
    admin.get("/api/v1/deliveries?problem=701").json().forEach(deliveries::add);
    assertThat(deliveries)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.get("status").asText()).isEqualTo("sent");
              assertThat(d.get("attempts").asInt()).isEqualTo(2);
              assertThat(d.get("attemptLog").get(0).get("outcome").asText()).isEqualTo("error");
              assertThat(d.get("attemptLog").get(0).get("detail").asText()).contains("503");
              assertThat(d.get("attemptLog").get(1).get("outcome").asText()).isEqualTo("ok");
            });
    // The warning problem is below the route's minimum severity.
    assertThat(admin.get("/api/v1/deliveries?problem=702").json().size()).isZero();
  }
}
