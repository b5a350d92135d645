package io.vigil.agent.check.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.agent.check.CheckKindFixture;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ProcessCheck} on the real /proc, with a child process the test starts and kills. */
class ProcessCheckIT {

  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void aChildIsFoundByNameAndCommandLineAndItsEndIsCritical() throws IOException {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    // a unique argument, so no other sleep on the host matches
    String seconds = "300." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    child = new ProcessBuilder("sleep", seconds).start();
    String user = System.getProperty("user.name");
    ProcessMatch match =
        new ProcessMatch(
            "sleep", Pattern.compile("^sleep " + Pattern.quote(seconds) + "$"), user, 1, 1);
    ProcessCheck check = ProcessCheck.onThisHost(match);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              CheckOutcome outcome = check.run();
              assertThat(outcome.status()).isEqualTo(CheckStatus.OK);
              assertThat(outcome.message())
                  .isEqualTo("1 process matches (pid " + child.pid() + ")");
              assertThat(outcome.metrics()).containsEntry("count", 1.0);
              assertThat(outcome.metrics().get("rss_bytes")).isPositive();
              assertThat(outcome.metrics().get("cpu_pct")).isBetween(0.0, 100.0); // second run on
            });

    child.destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              CheckOutcome outcome = check.run();
              assertThat(outcome.status()).isEqualTo(CheckStatus.CRITICAL);
              assertThat(outcome.message()).isEqualTo("0 processes match, expected 1..1");
              assertThat(outcome.metrics()).containsEntry("count", 0.0);
            });
  }

  @Test
  void anotherUsersNameDoesNotMatch() throws IOException {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    String seconds = "300." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    child = new ProcessBuilder("sleep", seconds).start();
    String other = System.getProperty("user.name").equals("root") ? "nobody" : "root";
    ProcessMatch match =
        new ProcessMatch(null, Pattern.compile(Pattern.quote(seconds)), other, 0, 0);
    ProcessCheck check = ProcessCheck.onThisHost(match);
    // the child exists from start() on, so one run suffices; it must not be counted
    CheckOutcome outcome = check.run();
    assertThat(outcome.status()).isEqualTo(CheckStatus.OK);
    assertThat(outcome.metrics()).containsEntry("count", 0.0);
  }

  /** The same through the {@code process} check kind, as the agent runs a config item. */
  @Test
  void theProcessKindGoesCriticalWhenTheProcessIsKilledAndOkWhenOneIsStarted(
      @org.junit.jupiter.api.io.TempDir Path state) throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
    String seconds = "300." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    try (RunnableCheck check =
        CheckKindFixture.create(
            "process",
            "sleeper",
            Map.of("name", "sleep", "cmdline", "^sleep " + Pattern.quote(seconds) + "$"),
            CheckKindFixture.context(state, List.of()))) {
      CheckReport none = check.run();
      assertThat(none.status()).isEqualTo(CheckStatus.CRITICAL);
      assertThat(none.message()).isEqualTo("0 processes match, expected at least 1");

      child = new ProcessBuilder("sleep", seconds).start();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                CheckReport report = check.run();
                assertThat(report.status()).isEqualTo(CheckStatus.OK);
                assertThat(report.message())
                    .isEqualTo("1 process matches (pid " + child.pid() + ")");
                assertThat(report.metrics()).containsEntry("count", 1.0).containsKey("rss_bytes");
              });

      child.destroyForcibly();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(check.run().status()).isEqualTo(CheckStatus.CRITICAL));
    }
  }
}
