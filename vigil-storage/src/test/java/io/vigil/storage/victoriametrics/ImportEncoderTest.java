package io.vigil.storage.victoriametrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Point;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportEncoderTest {

  @Test
  void onePrometheusLinePerFieldWithSortedEscapedLabelsAndMillis() {
    Point point =
        new Point(
            "cpu",
            Map.of("host", "web \"1\"", "cpu", "total\\x"),
            Map.of("user_pct", 12.5, "idle_pct", 80.0),
            1_733_570_000_123L);

    List<byte[]> bodies = new ImportEncoder(1 << 20).encode(List.of(point));

    assertThat(bodies).hasSize(1);
    assertThat(new String(bodies.get(0), StandardCharsets.UTF_8))
        .isEqualTo(
            "cpu:idle_pct{cpu=\"total\\\\x\",host=\"web \\\"1\\\"\"} 80 1733570000123\n"
                + "cpu:user_pct{cpu=\"total\\\\x\",host=\"web \\\"1\\\"\"} 12.5 1733570000123\n");
  }

  @Test
  void valuesArePrintedSoTheyParseBackExactly() {
    for (double value : new double[] {0, -0.0, 42, -7, 0.1, 1e-5, 1.5e20, 1e15, 123456.789}) {
      StringBuilder text = new StringBuilder();
      ImportEncoder.appendValue(text, value);
      assertThat(Double.parseDouble(text.toString())).isEqualTo(value == -0.0 ? 0.0 : value);
    }
    StringBuilder whole = new StringBuilder();
    ImportEncoder.appendValue(whole, 1_234_567.0);
    assertThat(whole).hasToString("1234567");
  }

  @Test
  void largeWritesAreSplitAtPointBoundaries() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      points.add(
          new Point(
              "net", Map.of("host", "h" + i), Map.of("rx", (double) i, "tx", 1.0), 1000L + i));
    }

    List<byte[]> bodies = new ImportEncoder(64 * 1024).encode(points);

    assertThat(bodies.size()).isGreaterThan(3);
    long lines = 0;
    for (byte[] body : bodies) {
      String text = new String(body, StandardCharsets.UTF_8);
      assertThat(text).endsWith("\n");
      assertThat(body.length).isLessThan(64 * 1024 + 200);
      // both fields of a point travel together
      assertThat(text.lines().filter(l -> l.startsWith("net:rx")).count())
          .isEqualTo(text.lines().filter(l -> l.startsWith("net:tx")).count());
      lines += text.lines().count();
    }
    assertThat(lines).isEqualTo(10_000);
  }
}
