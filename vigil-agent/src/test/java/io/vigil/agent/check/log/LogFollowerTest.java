package io.vigil.agent.check.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {

  private static final LogFollowerLimits LIMITS = LogFollowerLimits.DEFAULTS;

  @TempDir Path dir;

  @Test
  void anExistingFileIsFollowedFromItsEnd() throws IOException {
    Path log = write("app.log", "old 1\nold 2\n");
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      assertThat(follower.poll()).isEmpty();
      append(log, "new 1\n");
      assertThat(texts(follower.poll())).containsExactly("new 1");
    }
  }

  @Test
  void startingMidLineSkipsTheTailOfThatLine() throws IOException {
    Path log = write("app.log", "old\nhalf a li");
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      append(log, "ne\nnext\n");
      assertThat(texts(follower.poll())).containsExactly("next");
    }
  }

  @Test
  void aFileCreatedLaterIsReadFromItsStart() throws IOException {
    Path log = dir.resolve("app.log");
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      assertThat(follower.poll()).isEmpty();
      assertThat(follower.state()).isEqualTo(LogFollowerState.NO_FILE);
      write("app.log", "first\nsecond\n");
      assertThat(texts(follower.poll())).containsExactly("first", "second");
    }
  }

  @Test
  void aPartialLastLineIsHeldUntilItsNewlineArrives() throws IOException {
    Path log = dir.resolve("app.log");
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      write("app.log", "complete\npart");
      assertThat(texts(follower.poll())).containsExactly("complete");
      assertThat(follower.poll()).isEmpty();
      append(log, "ial\r\n");
      assertThat(texts(follower.poll())).containsExactly("partial");
    }
  }

  @Test
  void eachPollIsBoundedAndTheRestComesNextTime() throws IOException {
    Path log = dir.resolve("app.log");
    try (LogFollower follower =
        LogFollower.startingAtEnd(log, new LogFollowerLimits(3, 1 << 20, 1024))) {
      write("app.log", numbered(0, 10));
      List<Integer> sizes = new ArrayList<>();
      List<String> all = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        List<LogLine> lines = follower.poll();
        sizes.add(lines.size());
        all.addAll(texts(lines));
      }
      assertThat(sizes).containsExactly(3, 3, 3, 1, 0);
      assertThat(all).containsExactlyElementsOf(numberedList(0, 10));
    }
  }

  @Test
  void theByteBudgetBoundsAPollToo() throws IOException {
    Path log = dir.resolve("app.log");
    try (LogFollower follower =
        LogFollower.startingAtEnd(log, new LogFollowerLimits(1000, 100, 1024))) {
      write("app.log", numbered(0, 100)); // 100 lines of 9 bytes
      List<LogLine> first = follower.poll();
      assertThat(first.size()).isBetween(11, 20);
      List<String> all = new ArrayList<>(texts(first));
      for (int i = 0; i < 20; i++) {
        all.addAll(texts(follower.poll()));
      }
      assertThat(all).containsExactlyElementsOf(numberedList(0, 100));
    }
  }

  @Test
  void aHugeLineIsCutAndFlaggedAndTheNextLineIsIntact() throws IOException {
    Path log = dir.resolve("app.log");
    try (LogFollower follower =
        LogFollower.startingAtEnd(log, new LogFollowerLimits(1000, 64 << 20, 16))) {
      write("app.log", "x".repeat(1 << 20) + "\nshort\n");
      List<LogLine> lines = follower.poll();
      assertThat(lines)
          .containsExactly(new LogLine("x".repeat(16), true), new LogLine("short", false));
    }
  }

  @Test
  void aHugeLineStillBeingWrittenIsCutOnceAndNeverBuffered() throws IOException {
    Path log = dir.resolve("app.log");
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      write("app.log", "y".repeat(200_000));
      List<LogLine> lines = follower.poll();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0).truncated()).isTrue();
      assertThat(lines.get(0).text()).hasSize(LIMITS.maxLineBytes());
      assertThat(follower.state().skippingLongLine()).isTrue();
      append(log, "y".repeat(2_000_000) + "\nafter\n");
      List<LogLine> more = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        more.addAll(follower.poll());
      }
      assertThat(texts(more)).containsExactly("after");
    }
  }

  @Test
  void aBinaryFileDoesNotBreakTheFollower() throws IOException {
    Path log = dir.resolve("app.bin");
    byte[] noise = new byte[3 << 20];
    new Random(42).nextBytes(noise);
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      Files.write(log, noise);
      long total = 0;
      for (int i = 0;
          i < 100 && follower.state().offset() < noise.length - LIMITS.maxLineBytes();
          i++) {
        for (LogLine line : follower.poll()) {
          assertThat(line.text().length()).isLessThanOrEqualTo(LIMITS.maxLineBytes());
          total++;
        }
      }
      assertThat(total).isPositive();
      assertThat(follower.state().offset())
          .isGreaterThan(noise.length - LIMITS.maxLineBytes() - 1L);
    }
  }

  @Test
  void bytesAreDecodedAsUtf8WithReplacement() throws IOException {
    Path log = dir.resolve("app.log");
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      Files.write(log, new byte[] {(byte) 0xff, 'o', 'k', ' ', (byte) 0xc3, (byte) 0xa9, '\n'});
      assertThat(texts(follower.poll())).containsExactly("\uFFFDok é");
    }
  }

  @Test
  void aRestartFromTheSavedStateNeitherRereadsNorMissesLines() throws IOException {
    Path log = write("app.log", "history\n");
    LogFollowerState saved;
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      append(log, "seen\n");
      assertThat(texts(follower.poll())).containsExactly("seen");
      saved = LogFollowerState.decode(follower.state().encode());
    }
    append(log, "while down\n");
    try (LogFollower follower = LogFollower.resuming(log, saved, LIMITS)) {
      append(log, "after restart\n");
      assertThat(texts(follower.poll())).containsExactly("while down", "after restart");
    }
  }

  @Test
  void renameRotationFinishesTheOldFileBeforeTheNewOne() throws IOException {
    Path log = write("app.log", "");
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      append(log, "a\n");
      assertThat(texts(follower.poll())).containsExactly("a");
      Path rotated = Files.move(log, dir.resolve("app.log.1"));
      append(rotated, "b\n"); // the writer has not reopened yet
      assertThat(texts(follower.poll())).containsExactly("b");
      write("app.log", ""); // logrotate's create
      append(rotated, "c\nunterminated");
      assertThat(texts(follower.poll())).containsExactly("c"); // new file still empty: stay
      append(log, "d\n"); // the writer reopened
      assertThat(texts(follower.poll())).containsExactly("unterminated", "d");
      assertThat(follower.poll()).isEmpty();
    }
  }

  @Test
  void aRotationWhileDownIsFoundAgainByInode() throws IOException {
    Path log = write("app.log", "");
    LogFollowerState saved;
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      append(log, "a\n");
      assertThat(texts(follower.poll())).containsExactly("a");
      saved = follower.state();
    }
    append(log, "b\n");
    Path rotated = Files.move(log, dir.resolve("app.log-20250101"));
    append(rotated, "c\n");
    write("app.log", "d\n");
    try (LogFollower follower = LogFollower.resuming(log, saved, LIMITS)) {
      assertThat(texts(follower.poll())).containsExactly("b", "c", "d");
    }
  }

  @Test
  void whenTheSavedFileIsGoneTheCurrentFileIsReadFromItsStart() throws IOException {
    Path log = write("app.log", "");
    LogFollowerState saved;
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      append(log, "a\n");
      follower.poll();
      saved = follower.state();
    }
    // Moved out of reach (not a sibling): deleting it would let the new file reuse its inode.
    Files.createDirectory(dir.resolve("archive"));
    Files.move(log, dir.resolve("archive").resolve("old"));
    write("app.log", "new\n");
    try (LogFollower follower = LogFollower.resuming(log, saved, LIMITS)) {
      assertThat(texts(follower.poll())).containsExactly("new");
    }
  }

  @Test
  void copyTruncateIsDetectedAndTheFileReadAgainFromItsStart() throws IOException {
    Path log = write("app.log", "");
    try (LogFollower follower = LogFollower.startingAtEnd(log, LIMITS)) {
      append(log, "line one\nline two\n");
      assertThat(texts(follower.poll())).containsExactly("line one", "line two");
      Files.copy(log, dir.resolve("app.log.1"));
      try (var channel = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
        channel.truncate(0);
      }
      append(log, "three\n");
      assertThat(texts(follower.poll())).containsExactly("three");
    }
  }

  @Test
  void theStateHasACompactTextForm() {
    LogFollowerState state = new LogFollowerState(2049, 131, 4096, true);
    assertThat(state.encode()).isEqualTo("2049:131:4096:skip");
    assertThat(LogFollowerState.decode("2049:131:4096:skip")).isEqualTo(state);
    assertThat(LogFollowerState.decode("0:0:0")).isEqualTo(LogFollowerState.NO_FILE);
    assertThatThrownBy(() -> LogFollowerState.decode("1:2"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogFollowerState(1, 2, -1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, UTF_8);
  }

  static void append(Path file, String content) throws IOException {
    Files.writeString(file, content, UTF_8, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
  }

  static List<String> texts(List<LogLine> lines) {
    return lines.stream().map(LogLine::text).toList();
  }

  private static String numbered(int from, int to) {
    return String.join("", numberedList(from, to).stream().map(s -> s + "\n").toList());
  }

  private static List<String> numberedList(int from, int to) {
    List<String> lines = new ArrayList<>();
    for (int i = from; i < to; i++) {
      lines.add(String.format("line %03d", i));
    }
    return lines;
  }
}
