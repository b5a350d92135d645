package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.testkit.HostileJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the strict wire codec with hostile bodies: whatever arrives, reading a {@link Batch}
 * either yields a valid batch or fails with {@link InvalidInputException} (whose message the server
 * returns as a 400) — never another exception, never a hang. The seed is fixed so a failure
 * reproduces; set {@code -Dvigil.fuzz.seed} to explore others and {@code -Dvigil.fuzz.tries} for
 * more tries.
 */
class WireCodecFuzzTest {

  private static final long SEED = Long.getLong("vigil.fuzz.seed", 20261121L);
  private static final int TRIES = Integer.getInteger("vigil.fuzz.tries", 10_000);
  private static final long NOW = 1_763_700_000_000L;

  private final WireCodec codec = WireCodec.strict();

  private static String validBatch() {
    return "{\"sequence\":42,\"sentAt\":"
        + NOW
        + ",\"inventory\":null,\"points\":["
        + "{\"measurement\":\"cpu\",\"tags\":{\"cpu\":\"total\"},"
        + "\"fields\":{\"user_pct\":3.1,\"idle_pct\":95.2},\"timestamp\":"
        + NOW
        + "},{\"measurement\":\"fs\",\"tags\":{\"mount\":\"/\",\"device\":\"sda1\"},"
        + "\"fields\":{\"used_bytes\":1.5e9},\"timestamp\":"
        + (NOW + 1)
        + "}],\"checks\":[{\"item\":\"nginx_port\",\"kind\":\"port\",\"timestamp\":"
        + NOW
        + ",\"status\":\"CRITICAL\",\"message\":\"refused\",\"durationMs\":1.2,"
        + "\"metrics\":{\"connect_ms\":0.4},\"details\":[\"a\"]}]}";
  }

  @Test
  void theValidSeedDocumentIsAccepted() {
    Batch batch = codec.read(validBatch().getBytes(StandardCharsets.UTF_8), Batch.class);
    assertThat(batch.points()).hasSize(2);
    assertThat(batch.checks()).hasSize(1);
  }

  @Test
  void bodiesJacksonTakesForUtf32AreInvalidInputNotAnIoError() {
    for (byte[] body :
        List.of(
            new byte[] {0, 0, 0, '{', ' ', ' ', ' ', '}'},
            new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '}'},
            new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 0, '{', '}', ' ', ' '})) {
      for (WireCodec reader : List.of(codec, WireCodec.lenient())) {
        assertThatThrownBy(() -> reader.read(body, Batch.class))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(body), Batch.class))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("not UTF-8");
      }
    }
  }

  @Test
  void nulAndInvalidUtf8InTextValuesAreRefused() {
    String message =
        "{\"sequence\":1,\"sentAt\":1,\"checks\":[{\"item\":\"x\",\"kind\":\"port\","
            + "\"timestamp\":1,\"status\":\"OK\",\"durationMs\":1,\"message\":\"a";
    for (byte[] bad :
        List.of(
            "\\u0000".getBytes(StandardCharsets.UTF_8),
            "\\ud800".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
      byte[] body =
          HostileJson.splice(
              (message + "b\"}]}").getBytes(StandardCharsets.UTF_8), message.length(), 0, bad);
      assertThatThrownBy(() -> codec.read(body, Batch.class))
          .as(java.util.HexFormat.of().formatHex(bad))
          .isInstanceOf(InvalidInputException.class);
    }
    Batch ok =
        codec.read(
            (message + "\\tline\\nnext \\ud83d\\ude00\"}]}").getBytes(StandardCharsets.UTF_8),
            Batch.class);
    assertThat(ok.checks().getFirst().message()).isEqualTo("a\tline\nnext \ud83d\ude00");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void mutatedBatchesAreAcceptedValidOrRefusedAsInvalidInput() {
    HostileJson gen = new HostileJson(SEED);
    String valid = validBatch();
    int refused = 0;
    for (int i = 0; i < TRIES; i++) {
      if (!readsValidOrInvalid(gen.mutate(valid), "mutation " + i)) {
        refused++;
      }
    }
    assertThat(refused).as("most mutations break the batch").isGreaterThan(TRIES / 2);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void randomBytesAreRefusedAsInvalidInput() {
    HostileJson gen = new HostileJson(SEED + 1);
    for (int i = 0; i < TRIES; i++) {
      byte[] bytes = gen.randomBytes(2_000);
      assertThat(readsValidOrInvalid(bytes, "random bytes " + i)).isFalse();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void invalidUtf8AnywhereIsRefusedAsInvalidInput() {
    HostileJson gen = new HostileJson(SEED + 2);
    byte[] valid = validBatch().getBytes(StandardCharsets.UTF_8);
    Batch original = codec.read(valid, Batch.class);
    int refused = 0;
    for (int i = 0; i < TRIES; i++) {
      byte[] bad = HostileJson.BAD_UTF8[i % HostileJson.BAD_UTF8.length];
      int at = gen.random().nextInt(valid.length + 1);
      byte[] body = HostileJson.splice(valid, at, 0, bad);
      String what = java.util.HexFormat.of().formatHex(bad) + " at " + at;
      if (readsValidOrInvalid(body, what)) {
        // Jackson 3.1 matches a property name it already knows even with some invalid bytes in
        // it ("sent\xFFAt" reads as sentAt, also C0 80): the one leniency, and it must change
        // nothing that is read — no invalid text ever reaches a value.
        assertThat(codec.read(body, Batch.class)).as(what).isEqualTo(original);
      } else {
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(TRIES * 9 / 10);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void tenThousandLevelsOfNestingAreRefusedQuickly() {
    HostileJson gen = new HostileJson(SEED + 3);
    for (int i = 0; i < 50; i++) {
      assertThat(readsValidOrInvalid(gen.deeplyNested(10_000), "nesting " + i)).isFalse();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void extremeNumbersAndTimestampsAreValidOrInvalidInput() {
    String[] numbers = {
      "1e400",
      "-1e400",
      "1e-400",
      "-0",
      "-0.0",
      "NaN",
      "Infinity",
      "-Infinity",
      "\"NaN\"",
      "9223372036854775807",
      "9223372036854775808",
      "-9223372036854775808",
      "0",
      "-1",
      "1",
      "99999999999999999999999999999999",
      "1.5",
      "1e18",
      "253402300800000",
      "-62135596800000"
    };
    String template =
        "{\"sequence\":%s,\"sentAt\":%s,\"points\":[{\"measurement\":\"cpu\",\"tags\":{},"
            + "\"fields\":{\"v\":%s},\"timestamp\":%s}],\"checks\":[{\"item\":\"x\",\"kind\":\"port\","
            + "\"timestamp\":%s,\"status\":\"OK\",\"message\":\"m\",\"durationMs\":%s}]}";
    HostileJson gen = new HostileJson(SEED + 4);
    for (int i = 0; i < TRIES; i++) {
      Object[] args = new Object[6];
      for (int a = 0; a < args.length; a++) {
        args[a] =
            gen.random().nextInt(3) == 0 ? "1" : numbers[gen.random().nextInt(numbers.length)];
      }
      String json = String.format(template, args);
      readsValidOrInvalid(json.getBytes(StandardCharsets.UTF_8), json);
    }
    // Non-finite values never get through, whatever literal carries them.
    for (String bad : List.of("1e400", "-1e400", "NaN", "Infinity", "-Infinity")) {
      String json = String.format(template, "1", "1", bad, "1", "1", "1");
      assertThat(readsValidOrInvalid(json.getBytes(StandardCharsets.UTF_8), json))
          .as(bad)
          .isFalse();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void gzipOfHostileBodiesAndBrokenGzipAreInvalidInput() throws Exception {
    HostileJson gen = new HostileJson(SEED + 5);
    String valid = validBatch();
    for (int i = 0; i < TRIES / 10; i++) {
      byte[] body = i % 2 == 0 ? gen.mutate(valid) : gen.randomBytes(500);
      byte[] gzipped = i % 3 == 0 ? body : gzip(body);
      try {
        codec.readGzip(gzipped, Batch.class);
      } catch (InvalidInputException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void theLenientAgentSideReaderOnlyFailsWithInvalidInput() {
    WireCodec lenient = WireCodec.lenient();
    HostileJson gen = new HostileJson(SEED + 6);
    String config =
        "{\"version\":3,\"items\":{\"cpu\":{\"intervalSeconds\":10,\"enabled\":true,"
            + "\"kind\":null,\"params\":{}},\"web\":{\"intervalSeconds\":30,\"enabled\":true,"
            + "\"kind\":\"port\",\"params\":{\"port\":\"80\"}}}}";
    lenient.read(config.getBytes(StandardCharsets.UTF_8), AgentConfig.class);
    for (int i = 0; i < TRIES; i++) {
      byte[] body = gen.mutate(config);
      try {
        lenient.read(body, AgentConfig.class);
      } catch (InvalidInputException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (RuntimeException e) {
        throw new AssertionError(
            "config " + new String(body, StandardCharsets.UTF_8) + " failed with " + e, e);
      }
    }
  }

  /**
   * Reads the body from a byte array and from a stream; true when it is a valid batch, false when
   * refused as invalid input. Anything else fails the test, naming the body and the seed.
   */
  private boolean readsValidOrInvalid(byte[] body, String what) {
    boolean fromBytes = readsValid(body, what, false);
    boolean fromStream = readsValid(body, what, true);
    assertThat(fromStream).as("stream and byte reads agree on " + what).isEqualTo(fromBytes);
    return fromBytes;
  }

  private boolean readsValid(byte[] body, String what, boolean stream) {
    try {
      Batch batch =
          stream
              ? codec.read(new ByteArrayInputStream(body), Batch.class)
              : codec.read(body, Batch.class);
      assertThat(batch.sequence()).isPositive();
      for (Point point : batch.points()) {
        assertThat(point.timestamp()).isPositive();
        point.fields().values().forEach(v -> assertThat(Double.isFinite(v)).isTrue());
        assertThat(Names.isIdentifier(point.measurement())).isTrue();
      }
      return true;
    } catch (InvalidInputException e) {
      assertThat(e.getMessage()).as("message for " + what).isNotBlank();
      assertThat(e.getMessage().length()).as("message length").isLessThan(2_000);
      return false;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(
          "seed "
              + SEED
              + ", "
              + what
              + ": "
              + e
              + " for body "
              + abbreviate(new String(body, StandardCharsets.UTF_8)),
          e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "…" : s;
  }

  private static byte[] gzip(byte[] body) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body);
    }
    return bytes.toByteArray();
  }
}
