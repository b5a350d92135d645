package io.vigil.server.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.ingest.mapping.ForeignSample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LineProtocolParserTest {

  static final long NOW = 1_700_000_000_000L;

  /** What the parser reported, in order. */
  static final class Recorder implements LineProtocolParser.Sink {
    final List<Integer> sampleLines = new ArrayList<>();
    final List<ForeignSample> samples = new ArrayList<>();
    final List<Integer> refusedLines = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();

    @Override
    public void sample(int line, ForeignSample sample) {
      sampleLines.add(line);
      samples.add(sample);
    }

    @Override
    public void refuse(int line, String reason) {
      refusedLines.add(line);
      reasons.add(reason);
    }
  }

  static Recorder parse(String text) {
    return parse(text, Precision.NANOSECONDS, 1 << 20);
  }

  static Recorder parse(String text, Precision precision, int maxLine) {
    return parse(text.getBytes(StandardCharsets.UTF_8), precision, maxLine, Integer.MAX_VALUE);
  }

  /** Parses with a stream that hands out at most {@code chunk} bytes per read. */
  static Recorder parse(byte[] bytes, Precision precision, int maxLine, int chunk) {
    Recorder recorder = new Recorder();
    try {
      new LineProtocolParser(precision, NOW, maxLine).parse(trickle(bytes, chunk), recorder);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return recorder;
  }

  static InputStream trickle(byte[] bytes, int chunk) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, chunk));
      }
    };
  }

  @Test
  void readsMeasurementTagsFieldsAndTimestamp() {
    Recorder r =
        parse("cpu,host=web01,cpu=cpu-total usage_idle=97.5,usage_user=1.25 1700000001000000000\n");
    assertThat(r.refusedLines).isEmpty();
    ForeignSample s = r.samples.get(0);
    assertThat(s.measurement()).isEqualTo("cpu");
    assertThat(s.tags()).isEqualTo(Map.of("host", "web01", "cpu", "cpu-total"));
    assertThat(s.numbers()).isEqualTo(Map.of("usage_idle", 97.5, "usage_user", 1.25));
    assertThat(s.timestamp()).isEqualTo(1_700_000_001_000L);
  }

  @Test
  void typesIntegersUnsignedBooleansAndStrings() {
    Recorder r =
        parse(
            "m i=-12i,u=18446744073709551615u,t=t,T=TRUE,f=false,F=F,s=\"a \\\"quoted\\\" \\\\ text\","
                + "e=1.5e3,n=-0.25,z=0,big=123456789012345678901234\n");
    assertThat(r.refusedLines).isEmpty();
    ForeignSample s = r.samples.get(0);
    assertThat(s.numbers())
        .containsEntry("i", -12.0)
        .containsEntry("u", 18446744073709551615.0)
        .containsEntry("t", 1.0)
        .containsEntry("T", 1.0)
        .containsEntry("f", 0.0)
        .containsEntry("F", 0.0)
        .containsEntry("e", 1500.0)
        .containsEntry("n", -0.25)
        .containsEntry("z", 0.0)
        .containsEntry("big", 1.2345678901234568e23);
    assertThat(s.texts()).isEqualTo(Map.of("s", "a \"quoted\" \\ text"));
    assertThat(s.timestamp()).as("no timestamp: the request's time").isEqualTo(NOW);
  }

  @Test
  void decimalsParseExactlyAsJavaDoes() {
    Random random = new Random(7);
    StringBuilder text = new StringBuilder();
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      String value =
          switch (i % 4) {
            case 0 -> Double.toString(random.nextDouble() * 1000);
            case 1 -> Long.toString(random.nextLong() % 1_000_000_000_000L);
            case 2 -> String.format(java.util.Locale.ROOT, "%.3f", random.nextGaussian() * 1e6);
            default -> "0.000" + random.nextInt(1_000_000);
          };
      values.add(value);
      text.append("m v=").append(value).append('\n');
    }
    Recorder r = parse(text.toString());
    assertThat(r.refusedLines).isEmpty();
    for (int i = 0; i < values.size(); i++) {
      assertThat(r.samples.get(i).numbers().get("v"))
          .as(values.get(i))
          .isEqualTo(Double.parseDouble(values.get(i)));
    }
  }

  @Test
  void escapesInNamesAndTagValues() {
    Recorder r =
        parse("my\\ meas\\,ure,tag\\ key=va\\,l\\=ue\\ x,eq=a=b field\\=k\\ ey=1,ba\\ck=5 0\n");
    assertThat(r.refusedLines).isEmpty();
    ForeignSample s = r.samples.get(0);
    assertThat(s.measurement()).isEqualTo("my meas,ure");
    assertThat(s.tags()).isEqualTo(Map.of("tag key", "va,l=ue x", "eq", "a=b"));
    assertThat(s.numbers()).containsOnlyKeys("field=k ey", "ba\\ck");
    assertThat(s.timestamp()).isEqualTo(0);
  }

  @Test
  void precisionScalesTimestampsToMilliseconds() {
    assertThat(parse("m v=1 1700000000\n", Precision.SECONDS, 4096).samples.get(0).timestamp())
        .isEqualTo(1_700_000_000_000L);
    assertThat(
            parse("m v=1 1700000000123\n", Precision.MILLISECONDS, 4096).samples.get(0).timestamp())
        .isEqualTo(1_700_000_000_123L);
    assertThat(
            parse("m v=1 1700000000123456\n", Precision.MICROSECONDS, 4096)
                .samples
                .get(0)
                .timestamp())
        .isEqualTo(1_700_000_000_123L);
    assertThat(parse("m v=1 28333333\n", Precision.MINUTES, 4096).samples.get(0).timestamp())
        .isEqualTo(28_333_333L * 60_000);
    assertThat(Precision.v1("n")).isEqualTo(Precision.NANOSECONDS);
    assertThat(Precision.v1("ns")).isEqualTo(Precision.NANOSECONDS);
    assertThat(Precision.v1("u")).isEqualTo(Precision.MICROSECONDS);
    assertThat(Precision.v1("us")).isEqualTo(Precision.MICROSECONDS);
    assertThat(Precision.v1("h")).isEqualTo(Precision.HOURS);
    assertThat(Precision.v2(null)).isEqualTo(Precision.NANOSECONDS);
    assertThatThrownBy(() -> Precision.v2("h")).hasMessageContaining("ns, us, ms, s");
    assertThatThrownBy(() -> Precision.v1("days")).hasMessageContaining("precision");
    Recorder overflow = parse("m v=1 9223372036854775807\n", Precision.HOURS, 4096);
    assertThat(overflow.reasons).containsExactly("timestamp out of range");
  }

  @Test
  void badLinesAreRefusedWithTheirNumberAndTheRestIsRead() {
    String body =
        String.join(
            "\n",
            "# a comment",
            "good v=1",
            "",
            "nofields",
            "m,tag v=1",
            "m,tag= v=1",
            "m v=abc",
            "m v=NaN",
            "m v=1,w",
            "m v=1 1 \"x\"",
            "good v=2 123",
            "m v=12i3",
            "m v=1 12x",
            "m v=1 1 extra",
            "m v=t1",
            "m v=99999999999999999999i",
            "m v=1e999",
            ",t=1 v=1",
            "good v=3");
    Recorder r = parse(body);
    assertThat(r.sampleLines).containsExactly(2, 11, 19);
    assertThat(r.samples).extracting(s -> s.numbers().get("v")).containsExactly(1.0, 2.0, 3.0);
    assertThat(r.refusedLines).containsExactly(4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18);
    assertThat(r.reasons.get(0)).isEqualTo("missing fields");
    assertThat(r.reasons.get(1)).isEqualTo("missing tag key or '='");
    assertThat(r.reasons.get(2)).isEqualTo("missing tag value");
    assertThat(r.reasons.get(3)).isEqualTo("invalid number value of field v");
    assertThat(r.reasons.get(4)).isEqualTo("invalid number value of field v");
    assertThat(r.reasons.get(5)).isEqualTo("missing field value");
  }

  @Test
  void eachKindOfBadLineHasItsReason() {
    assertThat(parse("m v=1.5i\n").reasons).containsExactly("invalid integer value of field v");
    assertThat(parse("m v=12i3\n").reasons).containsExactly("invalid number value of field v");
    assertThat(parse("m v=1 12x\n").reasons).containsExactly("invalid timestamp");
    assertThat(parse("m v=1 1 extra\n").reasons)
        .containsExactly("unexpected text after the fields");
    assertThat(parse("m v=t1\n").reasons).containsExactly("invalid boolean value of field v");
    assertThat(parse("m v=99999999999999999999i\n").reasons)
        .containsExactly("integer value of field v is out of range");
    assertThat(parse("m v=18446744073709551616u\n").reasons)
        .containsExactly("unsigned value of field v is out of range");
    assertThat(parse("m v=-1u\n").reasons).containsExactly("invalid integer value of field v");
    assertThat(parse("m v=1e999\n").reasons).containsExactly("value of field v is out of range");
    assertThat(parse(",t=1 v=1\n").reasons).containsExactly("missing measurement");
    assertThat(parse("m v=\"open\n").reasons)
        .containsExactly("a string field value has no closing quote");
    assertThat(parse("m v=\n").reasons).containsExactly("missing value of field v");
    assertThat(parse("m =1\n").reasons).containsExactly("missing field key");
  }

  @Test
  void aStringMaySpanLinesAndLineNumbersStayTrue() {
    Recorder r = parse("m s=\"one\ntwo\nthree\"\nbad\nm v=1\r\nm v=2\r\n\r\nbad\n");
    assertThat(r.sampleLines).containsExactly(1, 5, 6);
    assertThat(r.samples.get(0).texts().get("s")).isEqualTo("one\ntwo\nthree");
    assertThat(r.refusedLines).containsExactly(4, 8);
  }

  @Test
  void invalidUtf8IsRefusedNotReplaced() {
    byte[] bytes = "m,t=\u00ff v=1\nm,t=caf\u00e9 v=1\n".getBytes(StandardCharsets.UTF_8);
    bytes[5] = (byte) 0xC3; // an incomplete two-byte sequence followed by another lead byte
    bytes[6] = (byte) 0xC3;
    Recorder r = parse(bytes, Precision.NANOSECONDS, 4096, 7);
    assertThat(r.refusedLines).containsExactly(1);
    assertThat(r.reasons).containsExactly("not valid UTF-8");
    assertThat(r.samples.get(0).tags()).isEqualTo(Map.of("t", "café"));
  }

  @Test
  void linesAreFoundAcrossReadBoundariesAndAnOverlongLineIsSkipped() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      body.append("cpu,host=h").append(i).append(" v=").append(i).append(",w=\"x y\"\n");
    }
    body.append("long v=1,pad=\"").append("x".repeat(5000)).append("\"\n");
    body.append("after v=7\n");
    for (int chunk : new int[] {1, 3, 64, 4096}) {
      Recorder r =
          parse(body.toString().getBytes(StandardCharsets.UTF_8), Precision.SECONDS, 2048, chunk);
      assertThat(r.samples).as("chunk %d", chunk).hasSize(501);
      assertThat(r.samples.get(499).tags()).containsEntry("host", "h499");
      assertThat(r.refusedLines).as("chunk %d", chunk).containsExactly(501);
      assertThat(r.reasons.get(0)).contains("longer than 2048 bytes");
      assertThat(r.sampleLines.get(500)).isEqualTo(502);
      assertThat(r.samples.get(500).measurement()).isEqualTo("after");
    }
  }

  @Test
  void duplicateFieldsKeepTheLastValueAndType() {
    ForeignSample s = parse("m a=1,a=\"x\",b=\"y\",b=2\n").samples.get(0);
    assertThat(s.numbers()).isEqualTo(Map.of("b", 2.0));
    assertThat(s.texts()).isEqualTo(Map.of("a", "x"));
  }

  /**
   * Seeded fuzz: random bytes, and valid lines with random bytes flipped, inserted or cut. The
   * parser never throws or hangs, reports every line at most once, with numbers within the body.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a parser stuck on some input fails, not hangs
  void fuzzedInputNeverThrowsAndLineNumbersStayInTheBody() {
    long seed = Long.getLong("vigil.fuzz.seed", 20261207L);
    Random random = new Random(seed);
    String valid =
        "cpu,host=web\\ 01,cpu=cpu-total usage_idle=97.5,usage_user=1i,ok=t,s=\"a\\\"b\" 1700000000000000000\n";
    byte[] alphabet =
        " ,=\\\"\n\r#tfiu.-e0123456789abcxyzT\u00c3".getBytes(StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 3000; round++) {
      byte[] body;
      if (round % 3 == 0) {
        body = new byte[random.nextInt(400)];
        for (int i = 0; i < body.length; i++) {
          body[i] =
              random.nextBoolean()
                  ? alphabet[random.nextInt(alphabet.length)]
                  : (byte) random.nextInt(256);
        }
      } else {
        StringBuilder text = new StringBuilder();
        int lines = 1 + random.nextInt(8);
        for (int i = 0; i < lines; i++) {
          text.append(valid);
        }
        body = text.toString().getBytes(StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && body.length > 0; e++) {
          int at = random.nextInt(body.length);
          switch (random.nextInt(3)) {
            case 0 -> body[at] = alphabet[random.nextInt(alphabet.length)];
            case 1 -> body = java.util.Arrays.copyOf(body, at);
            default -> {
              byte[] longer = new byte[body.length + 1];
              System.arraycopy(body, 0, longer, 0, at);
              longer[at] = (byte) random.nextInt(256);
              System.arraycopy(body, at, longer, at + 1, body.length - at);
              body = longer;
            }
          }
        }
      }
      int count = 0;
      for (byte b : body) {
        if (b == '\n') {
          count++;
        }
      }
      int newlines = count;
      byte[] input = body;
      Recorder r;
      try {
        r = parse(input, Precision.NANOSECONDS, 256, 1 + random.nextInt(64));
      } catch (RuntimeException e) {
        throw new AssertionError(
            "seed " + seed + " round " + round + " threw on " + show(input), e);
      }
      List<Integer> all = new ArrayList<>(r.sampleLines);
      all.addAll(r.refusedLines);
      assertThat(all)
          .as("seed %d round %d: %s", seed, round, show(input))
          .doesNotHaveDuplicates()
          .allSatisfy(line -> assertThat(line).isBetween(1, newlines + 1));
      for (ForeignSample s : r.samples) {
        assertThat(s.measurement()).isNotEmpty();
        assertThat(s.numbers().size() + s.texts().size()).isPositive();
        s.numbers().values().forEach(v -> assertThat(v).isFinite());
      }
    }
  }

  private static String show(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1).replace("\n", "\\n");
  }
}
