package io.vigil.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private Spool spool(long maxBytes, Duration maxAge, Clock clock) {
    return new Spool(dir.resolve("spool"), maxBytes, maxAge, 3, clock);
  }

  @Test
  void batchesOlderThanTheMaxAgeAreDroppedOldestFirstAndCounted() throws IOException {
    ManualClock clock = new ManualClock();
    Spool spool = spool(1 << 20, Duration.ofHours(1), clock);
    spool.append(1, body(10, 1));
    clock.advance(Duration.ofMinutes(40));
    spool.append(2, body(10, 2));
    clock.advance(Duration.ofMinutes(30)); // batch 1 is 70 min old, batch 2 is 30 min old
    spool.append(3, body(10, 3));

    assertThat(spool.stats()).isEqualTo(new SpoolStats(2, 20, 1, 0));
    assertThat(spool.oldest()).get().extracting(SpooledBatch::sequence).isEqualTo(2L);
    assertThat(files())
        .containsExactly("000000000002.json.gz", "000000000003.json.gz", Spool.DROPPED_FILE);
  }

  @Test
  void ageSurvivesARestartThroughTheFileTimes() throws IOException {
    Spool first = spool(1 << 20);
    first.append(1, body(10, 1));
    first.append(2, body(10, 2));
    // Written 8 days ago as far as the file system knows, e.g. an agent stopped for a week.
    Files.setLastModifiedTime(
        dir.resolve("spool/000000000001.json.gz"),
        java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofDays(8))));

    Spool restarted = spool(1 << 20);

    assertThat(restarted.stats()).isEqualTo(new SpoolStats(1, 10, 1, 0));
    assertThat(restarted.oldest()).get().extracting(SpooledBatch::sequence).isEqualTo(2L);
  }

  @Test
  void theDroppedCounterSurvivesARestartAndKeepsCounting() throws IOException {
    Spool first = spool(100);
    for (long seq = 1; seq <= 5; seq++) {
      first.append(seq, body(30, seq));
    }
    assertThat(first.stats().droppedTotal()).isEqualTo(2);

    Spool restarted = spool(100);
    assertThat(restarted.stats()).isEqualTo(new SpoolStats(3, 90, 2, 0));
    restarted.append(6, body(30, 6));
    assertThat(restarted.stats().droppedTotal()).isEqualTo(3);
    assertThat(restarted.oldest()).get().extracting(SpooledBatch::sequence).isEqualTo(4L);

    // The counter's file is not mistaken for a batch, and a smaller budget applies on start.
    Spool smaller = spool(60);
    assertThat(smaller.stats()).isEqualTo(new SpoolStats(2, 60, 4, 0));
  }
}
