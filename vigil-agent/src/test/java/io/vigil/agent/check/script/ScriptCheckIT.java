package io.vigil.agent.check.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import io.vigil.agent.check.CheckContext;
import io.vigil.agent.check.CheckKindFixture;
import io.vigil.agent.check.CheckReport;
import io.vigil.agent.check.RunnableCheck;
import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code script} check kind with the real monitoring-plugins and with shell scripts: the
 * allow-list comes from the agent's side (the context), never from the item's parameters.
 */
class ScriptCheckIT {

  private static final Path PLUGINS = PluginRunner.NAGIOS_PLUGINS;

  @TempDir Path scripts;
  @TempDir Path outside;
  @TempDir Path state;

  @BeforeAll
  static void requirePlugins() {
    for (String plugin : List.of("check_dummy", "check_load", "check_disk")) {
      if (!Files.isExecutable(PLUGINS.resolve(plugin))) {
        fail(
            PLUGINS.resolve(plugin)
                + " is missing: install the Debian package monitoring-plugins-basic");
      }
    }
  }

  private CheckReport run(Map<String, String> params) throws Exception {
    CheckContext context = CheckKindFixture.context(state, List.of(PLUGINS, scripts));
    try (RunnableCheck check = CheckKindFixture.create("script", "s", params, context)) {
      return check.run();
    }
  }

  private static Path script(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void checkLoadGivesItsStatusAndLoadAveragesAsMetrics() throws Exception {
    CheckReport report =
        run(
            Map.of(
                "command",
                PLUGINS.resolve("check_load").toString(),
                "args",
                "-w\n1000,1000,1000\n-c\n2000,2000,2000"));

    assertThat(report.status()).isEqualTo(CheckStatus.OK);
    assertThat(report.message()).startsWith("LOAD OK");
    assertThat(report.metrics()).containsKeys("load1", "load5", "load15");
    assertThat(report.metrics().get("load1")).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void checkDiskGivesItsStatusAndTheUsedBytesOfRoot() throws Exception {
    CheckReport report =
        run(
            Map.of(
                "command", PLUGINS.resolve("check_disk").toString(),
                "args", "-w\n1%\n-c\n1%\n-p\n/",
                "timeout", "20s"));

    assertThat(report.status()).as(report.message()).isEqualTo(CheckStatus.OK);
    assertThat(report.message()).startsWith("DISK OK");
    // check_disk labels the root file system "/", its used space in bytes
    assertThat(report.metrics()).containsKey("root");
    assertThat(report.metrics().get("root")).isPositive();
  }

  @Test
  void argumentsArePassedVerbatimWithoutAShellAndExitCodesAreStatuses() throws Exception {
    Path marker = outside.resolve("injected");
    CheckReport report =
        run(
            Map.of(
                "command",
                PLUGINS.resolve("check_dummy").toString(),
                "args",
                "1\nfine $(touch " + marker + ") ; `id`"));

    assertThat(report.status()).isEqualTo(CheckStatus.WARNING);
    assertThat(report.message()).isEqualTo("WARNING: fine $(touch " + marker + ") ; `id`");
    assertThat(marker).doesNotExist();
  }

  @Test
  void aScriptOutsideTheAllowedDirectoriesIsRefused() throws Exception {
    Path marker = outside.resolve("ran");
    Path rogue = script(outside, "rogue.sh", "touch " + marker + "\necho OK");

    CheckReport report = run(Map.of("command", rogue.toString()));

    assertThat(report.status()).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(report.message())
        .startsWith("refused: " + rogue + " is outside the allowed directories")
        .contains(PLUGINS.toString())
        .contains(scripts.toString());
    assertThat(marker).doesNotExist();

    Path escape = scripts.resolve("..").resolve(outside.getFileName()).resolve("rogue.sh");
    assertThat(run(Map.of("command", escape.toString())).message()).startsWith("refused: ");
    assertThat(marker).doesNotExist();
  }

  @Test
  void aHangingScriptIsKilledWithItsChildrenAtTheTimeout() throws Exception {
    Path pids = outside.resolve("pids");
    Path hang =
        script(
            scripts,
            "hang.sh",
            "sleep 300 &\necho $$ $! > " + pids + "\necho started\nsleep 300\necho never");

    long started = System.nanoTime();
    CheckReport report = run(Map.of("command", hang.toString(), "timeout", "1s"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(report.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(report.message()).isEqualTo("timed out after 1 s");
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    String[] ids = Files.readString(pids).trim().split(" ");
    assertThat(ids).hasSize(2);
    for (String id : ids) {
      long pid = Long.parseLong(id);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                      .as("process %d of the killed script", pid)
                      .isFalse());
    }
  }
}
