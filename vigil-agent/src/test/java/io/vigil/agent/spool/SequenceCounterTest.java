package io.vigil.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceCounterTest {

  @TempDir Path dir;

  @Test
  void startsAtOneAndContinuesAfterARestart() throws IOException {
    Path file = dir.resolve("sequence");
    SequenceCounter counter = new SequenceCounter(file, 0);
    assertThat(counter.peekNext()).isEqualTo(1);
    counter.commit(1);
    counter.commit(2);

    assertThat(new SequenceCounter(file, 0).peekNext()).isEqualTo(3);
  }

  @Test
  void theSpoolsNewestBatchWinsAfterACrashBeforeTheCounterWasPersisted() throws IOException {
    Path file = dir.resolve("sequence");
    Files.writeString(file, "4");

    assertThat(new SequenceCounter(file, 6).peekNext()).isEqualTo(7);
  }
}
