package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireCodecTest {

  private final WireCodec codec = WireCodec.strict();

  @Test
  void batchRoundTripsThroughGzipJson() {
    Batch batch =
        new Batch(
            7,
            1_700_000_000_000L,
            null,
            List.of(
                new Point(
                    "cpu",
                    Map.of("cpu", "total"),
                    Map.of("user_pct", 3.5, "idle_pct", 90.0),
                    1_700_000_000_000L)));

    Batch back = codec.readGzip(codec.writeGzip(batch), Batch.class);

    assertThat(back).isEqualTo(batch);
    assertThat(back.sampleCount()).isEqualTo(2);
  }

  @Test
  void batchWithCheckResultsRoundTrips() {
    CheckResult port =
        new CheckResult(
            "nginx_port",
            "port",
            1_700_000_000_000L,
            CheckStatus.CRITICAL,
            "connection refused",
            1.5,
            Map.of("connect_ms", 0.4),
            List.of("127.0.0.1:80"));
    Batch batch = new Batch(8, 1_700_000_000_000L, null, List.of(), List.of(port));

    Batch back = codec.readGzip(codec.writeGzip(batch), Batch.class);

    assertThat(back).isEqualTo(batch);
    assertThat(back.checks().getFirst().status()).isEqualTo(CheckStatus.CRITICAL);
  }

  @Test
  void batchWithoutChecksPropertyReadsAsNoChecks() {
    String json = "{\"sequence\":1,\"sentAt\":1,\"points\":[]}";

    Batch batch = codec.read(json.getBytes(StandardCharsets.UTF_8), Batch.class);

    assertThat(batch.checks()).isEmpty();
  }

  @Test
  void checkResultRejectsBadMetricNamesAndLongMessages() {
    String badMetric =
        "{\"sequence\":1,\"sentAt\":1,\"checks\":[{\"item\":\"a\",\"kind\":\"port\","
            + "\"timestamp\":5,\"status\":\"OK\",\"durationMs\":1,\"metrics\":{\"Bad\":1}}]}";
    String longMessage =
        "{\"sequence\":1,\"sentAt\":1,\"checks\":[{\"item\":\"a\",\"kind\":\"port\","
            + "\"timestamp\":5,\"status\":\"OK\",\"durationMs\":1,\"message\":\""
            + "x".repeat(2000)
            + "\"}]}";

    assertThatThrownBy(() -> codec.read(badMetric.getBytes(StandardCharsets.UTF_8), Batch.class))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("metric name must match");
    assertThatThrownBy(() -> codec.read(longMessage.getBytes(StandardCharsets.UTF_8), Batch.class))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("message longer than 1024");
  }

  @Test
  void agentConfigItemsCarryKindAndParams() {
    AgentConfig config =
        new AgentConfig(
            4,
            Map.of(
                "cpu",
                new AgentConfig.Item(10, true),
                "web",
                new AgentConfig.Item(30, false, "http", Map.of("url", "http://localhost/"))));

    AgentConfig back = codec.read(codec.write(config), AgentConfig.class);

    assertThat(back).isEqualTo(config);
    assertThat(back.items().get("cpu").isCheck()).isFalse();
    assertThat(back.items().get("web").params()).containsEntry("url", "http://localhost/");
    assertThatThrownBy(() -> new AgentConfig.Item(10, true, "Bad Kind", Map.of()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new AgentConfig.Item(10, true, "http", Map.of("u", "x".repeat(9000))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("longer than 8192");
  }

  @Test
  void rejectsNonFiniteNumbersWithAMessage() {
    String json =
        "{\"sequence\":1,\"sentAt\":1,\"points\":[{\"measurement\":\"cpu\",\"tags\":{},"
            + "\"fields\":{\"x\":NaN},\"timestamp\":5}]}";

    assertThatThrownBy(() -> codec.read(json.getBytes(StandardCharsets.UTF_8), Batch.class))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void validationFailuresInsideRecordsSurfaceTheirOwnMessage() {
    String json =
        "{\"sequence\":1,\"sentAt\":1,\"points\":[{\"measurement\":\"Bad Name\",\"tags\":{},"
            + "\"fields\":{\"x\":1},\"timestamp\":5}]}";

    assertThatThrownBy(() -> codec.read(json.getBytes(StandardCharsets.UTF_8), Batch.class))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("measurement name must match");
  }

  @Test
  void strictReaderRejectsUnknownPropertiesLenientOneIgnoresThem() {
    byte[] json = "{\"ackSequence\":3,\"configVersion\":2,\"extra\":true}".getBytes();

    assertThatThrownBy(() -> codec.read(json, IngestAck.class))
        .isInstanceOf(InvalidInputException.class);
    assertThat(WireCodec.lenient().read(json, IngestAck.class)).isEqualTo(new IngestAck(3, 2));
  }

  @Test
  void rejectsDeepNesting() {
    String deep = "[".repeat(100) + "]".repeat(100);
    assertThatThrownBy(() -> codec.read(deep.getBytes(), Batch.class))
        .isInstanceOf(InvalidInputException.class);
  }
}
