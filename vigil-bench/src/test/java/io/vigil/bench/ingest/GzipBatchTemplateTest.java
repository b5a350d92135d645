package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.Batch;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GzipBatchTemplateTest {

  private static final long NOW = 1_763_700_123_456L;

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 200, 3000})
  void aRenderedBodyIsTheBatchTheServerReadsStrictly(int samples) {
    List<Point> points = BatchShape.points(samples, 1L, new SplittableRandom(5));
    GzipBatchTemplate template = GzipBatchTemplate.of(points, Deflater.DEFAULT_COMPRESSION);

    Batch batch = WireCodec.strict().readGzip(template.render(42, NOW), Batch.class);

    assertThat(batch.sequence()).isEqualTo(42);
    assertThat(batch.sentAt()).isEqualTo(NOW);
    assertThat(batch.inventory()).isNull();
    assertThat(batch.sampleCount()).isEqualTo(samples).isEqualTo(template.samples());
    assertThat(batch.points())
        .isEqualTo(
            points.stream()
                .map(p -> new Point(p.measurement(), p.tags(), p.fields(), NOW))
                .toList());
  }

  @Test
  void eachRenderingCarriesItsOwnSequenceAndTime() throws IOException {
    GzipBatchTemplate template =
        GzipBatchTemplate.of(BatchShape.points(200, 1L, new SplittableRandom(5)), 6);

    for (long sequence : new long[] {1, 9, 10, 17_637_001_234L, Long.MAX_VALUE}) {
      byte[] body = template.render(sequence, NOW + sequence % 1000);
      // GZIPInputStream checks the CRC-32 and length trailer.
      byte[] json = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
      Batch batch = WireCodec.strict().read(json, Batch.class);

      assertThat(json).hasSize(template.uncompressedSize());
      assertThat(body).hasSize(template.compressedSize());
      assertThat(batch.sequence()).isEqualTo(sequence);
      assertThat(batch.points())
          .allSatisfy(p -> assertThat(p.timestamp()).isEqualTo(batch.sentAt()));
    }
  }

  @Test
  void costsAboutTwoFifthsOfTheJsonOnTheWire() {
    List<Point> points = BatchShape.points(200, NOW, new SplittableRandom(5));
    GzipBatchTemplate template = GzipBatchTemplate.of(points, Deflater.DEFAULT_COMPRESSION);
    int whole = WireCodec.lenient().writeGzip(new Batch(42, NOW, null, points)).length;

    // Each slot ends a deflate block (new Huffman header, sync marker) and travels stored, so a
    // template is larger than one gzip pass: ~1.65x for 28 points. It only changes what the
    // server inflates, not the JSON it parses; the price of rendering in microseconds.
    assertThat(template.compressedSize()).isLessThan(whole * 7 / 4);
    assertThat(template.compressedSize()).isLessThan(template.uncompressedSize() * 45 / 100);
  }

  @Test
  void refusesValuesThatDoNotFitTheSlots() {
    GzipBatchTemplate template =
        GzipBatchTemplate.of(BatchShape.points(10, 1L, new SplittableRandom(5)), 6);

    assertThatThrownBy(() -> template.render(0, NOW)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> template.render(1, 99_999_999_999L)).hasMessageContaining("13 digits");
  }
}
