package io.vigil.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

  @TempDir Path dir;

  private static byte[] body(int size, long seq) {
    byte[] b = new byte[size];
    b[0] = (byte) seq;
    return b;
  }

  private Spool spool(long maxBytes) {
    return new Spool(dir.resolve("spool"), maxBytes, 3);
  }

  @Test
  void handsOutBatchesOldestFirstAndAckDeletesUpToTheSequence() throws IOException {
    Spool spool = spool(1 << 20);
    for (long seq = 1; seq <= 5; seq++) {
      spool.append(seq, body(10, seq));
    }

    assertThat(spool.oldest()).get().extracting(SpooledBatch::sequence).isEqualTo(1L);
    assertThat(spool.acknowledge(3)).isEqualTo(3);

    assertThat(spool.oldest()).get().extracting(SpooledBatch::sequence).isEqualTo(4L);
    assertThat(spool.stats()).isEqualTo(new SpoolStats(2, 20, 0, 0));
    assertThat(files()).containsExactly("000000000004.json.gz", "000000000005.json.gz");
  }

  @Test
  void whenFullTheOldestBatchesAreDroppedAndCounted() throws IOException {
    Spool spool = spool(100);
    for (long seq = 1; seq <= 5; seq++) {
      spool.append(seq, body(30, seq));
    }

    assertThat(spool.stats().batches()).isEqualTo(3);
    assertThat(spool.stats().bytes()).isEqualTo(90);
    assertThat(spool.stats().droppedTotal()).isEqualTo(2);
    assertThat(spool.oldest()).get().extracting(SpooledBatch::sequence).isEqualTo(3L);
  }

  @Test
  void survivesARestartWithContentAndOrderAndCleansTornWrites() throws IOException {
    Spool first = spool(1 << 20);
    first.append(7, body(10, 7));
    first.append(8, body(12, 8));
    Files.write(dir.resolve("spool/000000000009.json.gz.tmp"), new byte[] {1, 2});

    Spool second = spool(1 << 20);

    assertThat(second.highestSequence()).isEqualTo(8);
    assertThat(second.stats().batches()).isEqualTo(2);
    SpooledBatch oldest = second.oldest().orElseThrow();
    assertThat(oldest.sequence()).isEqualTo(7);
    assertThat(oldest.gzipJson()).isEqualTo(body(10, 7));
    assertThat(Files.exists(dir.resolve("spool/000000000009.json.gz.tmp"))).isFalse();
  }

  @Test
  void rejectedBatchesAreMovedAsideAndBounded() throws IOException {
    Spool spool = spool(1 << 20);
    for (long seq = 1; seq <= 6; seq++) {
      spool.append(seq, body(10, seq));
    }
    for (long seq = 1; seq <= 5; seq++) {
      spool.reject(seq);
    }

    assertThat(spool.oldest()).get().extracting(SpooledBatch::sequence).isEqualTo(6L);
    assertThat(spool.stats().rejectedTotal()).isEqualTo(5);
    try (Stream<Path> rejected = Files.list(dir.resolve("spool/rejected"))) {
      assertThat(rejected.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("000000000003.json.gz", "000000000004.json.gz", "000000000005.json.gz");
    }
  }

  @Test
  void sequencesMustGrow() throws IOException {
    Spool spool = spool(1 << 20);
    spool.append(5, body(1, 5));

    assertThatThrownBy(() -> spool.append(5, body(1, 5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private java.util.List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    }
  }
}
