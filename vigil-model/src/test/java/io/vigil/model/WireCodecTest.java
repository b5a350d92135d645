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
