package io.vigil.agent.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.AgentConfig;
import io.vigil.model.Batch;
import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.model.Enrolment;
import io.vigil.model.IngestAck;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Inventory;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's codec must speak exactly the JSON of the model's Jackson codec, both ways. */
class AgentWireTest {

  private final WireCodec strict = WireCodec.strict();

  @Test
  void batchesAreReadBackByTheServersStrictCodecUnchanged() {
    Inventory inventory =
        new Inventory(
            "web-1",
            "Debian GNU/Linux 12",
            "6.1.0",
            "amd64",
            "AMD \"EPYC\" \\ 7B13 é",
            2,
            4,
            25_276_502_016L,
            1_763_700_000_000L,
            "0.1.0",
            List.of(
                new Inventory.NetworkInterfaceInfo(
                    "eth0",
                    "02:fc:00:00:00:01",
                    List.of("192.0.2.2"),
                    List.of("fe80:0:0:0:fc:ff:fe00:1"),
                    10_000_000_000L,
                    1500),
                new Inventory.NetworkInterfaceInfo("wg0", null, null, null, 0, 1420)));
    List<Point> points =
        List.of(
            new Point(
                "cpu",
                Map.of("cpu", "total"),
                Map.of("user_pct", 3.1, "idle_pct", 95.0, "steal_pct", 0.0),
                1_763_700_000_000L),
            new Point(
                "proc",
                Map.of("by", "cpu", "name", "weird \"name\" \\ ü ✓", "pid", "42", "user", "root"),
                Map.of("rss_bytes", 1.2345678901234E13, "cpu_pct", 1e-7, "rank", 1.0),
                1L),
            new Point(
                "net",
                Map.of("iface", "eth0"),
                Map.of("rx_bytes_ps", -0.5, "speed_bps", 1e20, "up", 1.0),
                2L));
    Batch batch = new Batch(42, 1_763_700_000_123L, inventory, points);

    assertThat(strict.readGzip(AgentWire.batchGzip(batch), Batch.class)).isEqualTo(batch);

    Batch bare = new Batch(1, 5L, null, List.of());
    assertThat(strict.readGzip(AgentWire.batchGzip(bare), Batch.class)).isEqualTo(bare);
  }

  @Test
  void enrolmentRequestAndConfigAreWrittenAsJacksonReadsThem() {
    Enrolment.Request request = new Enrolment.Request("vgl_e_1", "web-1", "4c4c");
    assertThat(strict.read(AgentWire.enrolmentRequest(request), Enrolment.Request.class))
        .isEqualTo(request);

    AgentConfig config =
        new AgentConfig(
            3,
            Map.of("cpu", new AgentConfig.Item(10, true), "proc", new AgentConfig.Item(60, false)));
    assertThat(strict.read(AgentWire.config(config), AgentConfig.class)).isEqualTo(config);
    assertThat(AgentWire.config(AgentWire.config(config))).isEqualTo(config);
  }

  @Test
  void serverAnswersAreReadIgnoringPropertiesANewerServerAdds() {
    assertThat(AgentWire.ack(strict.write(new IngestAck(42, 3)))).isEqualTo(new IngestAck(42, 3));
    assertThat(
            AgentWire.ack(
                utf8("{\"ackSequence\": 7, \"configVersion\": 1, \"extra\": [1, {\"a\": null}]}")))
        .isEqualTo(new IngestAck(7, 1));

    Enrolment.Response response = new Enrolment.Response("a-1", "web-1", "vgl_a_x\u00e9");
    assertThat(AgentWire.enrolmentResponse(strict.write(response))).isEqualTo(response);

    AgentConfig config = new AgentConfig(9, Map.of("fs", new AgentConfig.Item(300, true)));
    assertThat(AgentWire.config(strict.write(config))).isEqualTo(config);
  }

  @Test
  void malformedOrInvalidAnswersAreRejectedWithAMessage() {
    assertThatThrownBy(() -> AgentWire.ack(utf8("{\"ackSequence\": 1,")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> AgentWire.ack(utf8("{\"ackSequence\": \"1\", \"configVersion\": 1}")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ackSequence");
    assertThatThrownBy(() -> AgentWire.ack(utf8("[]"))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AgentWire.ack(utf8("{} x"))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                AgentWire.config(
                    utf8(
                        "{\"version\":1,\"items\":{\"cpu\":{\"intervalSeconds\":0,\"enabled\":true}}}")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("interval");
    assertThatThrownBy(() -> AgentWire.ack(utf8("[".repeat(100))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nested too deeply");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void batchesWithCheckResultsAreReadByTheStrictCodecUnchanged() {
    List<CheckResult> checks =
        List.of(
            new CheckResult(
                "nginx_port",
                "port",
                1_763_700_000_000L,
                CheckStatus.CRITICAL,
                "connect to 127.0.0.1:80 refused",
                1.2,
                Map.of("connect_ms", 0.4),
                List.of()),
            new CheckResult(
                "app_log",
                "log",
                1_763_700_000_001L,
                CheckStatus.WARNING,
                "2 new lines: 1 × WARNING /warn \\d+/ \"quoted\" ü ✓",
                12.0,
                Map.of("lines", 2.0, "matches_1", 1.0, "matches_2", 0.0),
                List.of("warn 42 \t tab", "line \u2028 separator")),
            new CheckResult("x", "script", 5L, CheckStatus.UNKNOWN, "", 0.0, Map.of(), List.of()));
    Batch batch =
        new Batch(
            7,
            1_763_700_000_123L,
            null,
            List.of(new Point("cpu", Map.of(), Map.of("user_pct", 1.0), 1L)),
            checks);

    assertThat(strict.readGzip(AgentWire.batchGzip(batch), Batch.class)).isEqualTo(batch);
    Batch onlyChecks = new Batch(8, 5L, null, List.of(), checks);
    assertThat(strict.readGzip(AgentWire.batchGzip(onlyChecks), Batch.class)).isEqualTo(onlyChecks);

    // CheckResults replaces control characters before a result is sent; the server refuses them.
    CheckResult nul =
        new CheckResult("y", "log", 6L, CheckStatus.OK, "", 0.0, Map.of(), List.of("a\u0000b"));
    assertThatThrownBy(
            () ->
                strict.readGzip(
                    AgentWire.batchGzip(new Batch(9, 6L, null, List.of(), List.of(nul))),
                    Batch.class))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void configsWithCheckItemsTravelBothWays() {
    AgentConfig config =
        new AgentConfig(
            7,
            Map.of(
                "cpu", new AgentConfig.Item(10, true),
                "proc", new AgentConfig.Item(60, false, null, Map.of()),
                "nginx_port",
                    new AgentConfig.Item(
                        30,
                        true,
                        "port",
                        Map.of("host", "127.0.0.1", "port", "80", "timeout", "5s")),
                "pg",
                    new AgentConfig.Item(
                        60,
                        false,
                        "database",
                        Map.of(
                            "driver", "postgresql",
                            "password", "p\"w\\d é",
                            "query", "SELECT 1\nFROM dual"))));

    assertThat(strict.read(AgentWire.config(config), AgentConfig.class)).isEqualTo(config);
    assertThat(AgentWire.config(strict.write(config))).isEqualTo(config);
    assertThat(AgentWire.config(AgentWire.config(config))).isEqualTo(config);
  }

  @Test
  void aConfigPersistedByAnOlderAgentWithoutKindOrParamsStillLoads() {
    AgentConfig old =
        AgentWire.config(
            utf8(
                "{\"version\":3,\"items\":{\"cpu\":{\"intervalSeconds\":10,\"enabled\":true},"
                    + "\"fs\":{\"intervalSeconds\":300,\"enabled\":false,\"kind\":null,"
                    + "\"params\":null}}}"));

    assertThat(old)
        .isEqualTo(
            new AgentConfig(
                3,
                Map.of(
                    "cpu",
                    new AgentConfig.Item(10, true),
                    "fs",
                    new AgentConfig.Item(300, false))));
    assertThatThrownBy(
            () ->
                AgentWire.config(
                    utf8(
                        "{\"version\":1,\"items\":{\"p\":{\"intervalSeconds\":10,"
                            + "\"enabled\":true,\"kind\":\"port\",\"params\":{\"port\":80}}}}")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("parameter port must be a string");
  }
}
