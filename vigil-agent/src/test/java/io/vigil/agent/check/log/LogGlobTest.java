package io.vigil.agent.check.log;

import static io.vigil.agent.check.log.LogFollowerTest.append;
import static io.vigil.agent.check.log.LogFollowerTest.texts;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogGlobTest {

  private static final LogFollowerLimits LIMITS = LogFollowerLimits.DEFAULTS;

  @TempDir Path dir;

  @Test
  void followsMatchingFilesAndPicksUpNewOnesFromTheirStart() throws IOException {
    Path a = Files.writeString(dir.resolve("a.log"), "history\n", UTF_8);
    Path other = Files.writeString(dir.resolve("b.txt"), "", UTF_8);
    try (LogGlob glob = LogGlob.startingAtEnd(dir.resolve("*.log").toString(), LIMITS)) {
      append(a, "a new\n");
      append(other, "ignored\n");
      Path c = Files.writeString(dir.resolve("c.log"), "c first\n", UTF_8);

      Map<Path, List<LogLine>> lines = glob.poll();

      assertThat(lines.keySet()).containsExactly(a, c);
      assertThat(texts(lines.get(a))).containsExactly("a new");
      assertThat(texts(lines.get(c))).containsExactly("c first");
      assertThat(glob.files()).containsExactly(a, c);
    }
  }

  @Test
  void resumesEveryFileFromItsSavedState() throws IOException {
    Path a = Files.writeString(dir.resolve("a.log"), "", UTF_8);
    Map<Path, LogFollowerState> saved;
    try (LogGlob glob = LogGlob.startingAtEnd(dir.resolve("*.log").toString(), LIMITS)) {
      append(a, "seen\n");
      glob.poll();
      saved = glob.states();
    }
    append(a, "while down\n");
    Path b = Files.writeString(dir.resolve("b.log"), "appeared while down\n", UTF_8);
    try (LogGlob glob = LogGlob.resuming(dir.resolve("*.log").toString(), saved, LIMITS)) {
      Map<Path, List<LogLine>> lines = glob.poll();
      assertThat(texts(lines.get(a))).containsExactly("while down");
      assertThat(texts(lines.get(b))).containsExactly("appeared while down");
    }
  }

  @Test
  void aFileThatStaysGoneIsDropped() throws IOException {
    Path a = Files.writeString(dir.resolve("a.log"), "", UTF_8);
    try (LogGlob glob = LogGlob.startingAtEnd(dir.resolve("*.log").toString(), LIMITS)) {
      Files.delete(a);
      for (int i = 0; i < LogGlob.GONE_POLLS_BEFORE_DROP; i++) {
        glob.poll();
      }
      assertThat(glob.files()).isEmpty();
    }
  }

  @Test
  void globCharactersAreAllowedInTheFileNameOnly() {
    assertThatThrownBy(() -> LogGlob.startingAtEnd(dir.resolve("*/x.log").toString(), LIMITS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
