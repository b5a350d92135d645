package io.vigil.agent.check.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import io.vigil.model.CheckStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PluginRunner} against the real Debian monitoring-plugins and against shell scripts in a
 * temporary allow-listed directory. Needs {@code apt-get install monitoring-plugins-basic}.
 */
class PluginRunnerIT {

  private static final Path PLUGINS = PluginRunner.NAGIOS_PLUGINS;

  @TempDir Path scripts;
  @TempDir Path outside;

  @BeforeAll
  static void requirePlugins() {
    for (String plugin : List.of("check_dummy", "check_load", "check_disk", "check_procs")) {
      if (!Files.isExecutable(PLUGINS.resolve(plugin))) {
        fail(
            PLUGINS.resolve(plugin)
                + " is missing: install the Debian package monitoring-plugins-basic"
                + " (apt-get install -y monitoring-plugins-basic; .ci/run does)");
      }
    }
  }

  private PluginRunner runner() {
    return new PluginRunner(List.of(PLUGINS, scripts));
  }

  private static Path script(Path dir, String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static String plugin(String name) {
    return PLUGINS.resolve(name).toString();
  }

  @Test
  void checkDummyExitCodesBecomeStatuses() {
    Map<Integer, CheckStatus> expected =
        Map.of(
            0, CheckStatus.OK,
            1, CheckStatus.WARNING,
            2, CheckStatus.CRITICAL,
            3, CheckStatus.UNKNOWN);
    Map<Integer, String> messages =
        Map.of(0, "OK: fine", 1, "WARNING: fine", 2, "CRITICAL: fine", 3, "UNKNOWN: fine");
    for (int code = 0; code <= 3; code++) {
      PluginResult result = runner().run(List.of(plugin("check_dummy"), "" + code, "fine"));
      assertThat(result.status()).as("exit %d", code).isEqualTo(expected.get(code));
      assertThat(result.exitCode()).isEqualTo(code);
      assertThat(result.message()).isEqualTo(messages.get(code));
      assertThat(result.perfData()).isEmpty();
      assertThat(result.truncated()).isFalse();
    }
  }

  @Test
  void bareNamesAreLookedUpInTheAllowedDirectories() {
    PluginResult result = runner().run(List.of("check_dummy", "0", "by name"));
    assertThat(result.status()).isEqualTo(CheckStatus.OK);
    assertThat(result.message()).isEqualTo("OK: by name");
  }

  @Test
  void checkLoadReportsThreeLoadAverages() {
    PluginResult result =
        runner().run(List.of(plugin("check_load"), "-w", "1000,1000,1000", "-c", "2000,2000,2000"));
    assertThat(result.status()).isEqualTo(CheckStatus.OK);
    assertThat(result.message()).startsWith("LOAD OK");
    assertThat(result.skippedPerfData()).isZero();
    assertThat(result.perfData())
        .extracting(PerfDatum::label)
        .containsExactly("load1", "load5", "load15");
    assertThat(result.perfData())
        .allSatisfy(
            d -> {
              assertThat(d.value()).isBetween(0.0, 1000.0);
              assertThat(d.unit()).isEqualTo(PerfUnit.NONE);
              assertThat(d.warn()).startsWith("1000");
              assertThat(d.crit()).startsWith("2000");
            });
  }

  @Test
  void checkDiskReportsTheRootFileSystemInBytes() throws IOException {
    PluginResult result =
        runner().run(List.of(plugin("check_disk"), "-w", "10%", "-c", "5%", "-p", "/"));
    assertThat(result.status()).isIn(CheckStatus.OK, CheckStatus.WARNING, CheckStatus.CRITICAL);
    assertThat(result.message()).startsWith("DISK");
    PerfDatum root =
        result.perfData().stream().filter(d -> d.label().equals("/")).findFirst().orElseThrow();
    long total = Files.getFileStore(Path.of("/")).getTotalSpace();
    assertThat(root.unit()).isEqualTo(PerfUnit.BYTES);
    assertThat(root.min()).isZero();
    assertThat(root.max())
        .isCloseTo((double) total, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(root.value()).isPositive().isLessThanOrEqualTo(root.max());
  }

  @Test
  void checkProcsCountsProcesses() {
    PluginResult result =
        runner().run(List.of(plugin("check_procs"), "-w", "100000", "-c", "200000"));
    assertThat(result.status()).isEqualTo(CheckStatus.OK);
    PerfDatum procs = result.perfData().get(0);
    assertThat(procs.label()).isEqualTo("procs");
    assertThat(procs.value()).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void multiCallPluginsKeepTheirLinkName() {
    // check_ftp is a symlink to check_tcp, which behaves according to the name it was run as.
    PluginResult result = runner().run(List.of(plugin("check_ftp"), "-V"));
    assertThat(result.message()).startsWith("check_ftp ");
  }

  @Test
  void anExecutableOutsideTheAllowListIsRefusedWithoutRunning() throws IOException {
    Path marker = outside.resolve("ran");
    Path rogue = script(outside, "rogue.sh", "touch " + marker + "\necho OK");
    PluginResult result = runner().run(List.of(rogue.toString()));
    assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(result.message())
        .startsWith("refused: " + rogue)
        .contains("is outside the allowed directories")
        .contains(PLUGINS.toString());
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(marker).doesNotExist();
  }

  @Test
  void aSymlinkInsideTheAllowListPointingOutsideIsRefused() throws IOException {
    Path marker = outside.resolve("ran");
    Path rogue = script(outside, "rogue.sh", "touch " + marker + "\necho OK");
    Path link = Files.createSymbolicLink(scripts.resolve("innocent"), rogue);
    PluginResult result = runner().run(List.of(link.toString()));
    assertThat(result.status()).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(result.message())
        .startsWith("refused: " + link)
        .contains("resolves to " + rogue.toRealPath())
        .contains("outside the allowed directories");
    assertThat(marker).doesNotExist();
    assertThat(runner().run(List.of("innocent")).message()).startsWith("refused");
  }

  @Test
  void dotDotEscapesAndRelativePathsAreRefused() throws IOException {
    Path rogue = script(outside, "rogue.sh", "echo OK");
    String escape = scripts + "/../" + outside.getFileName() + "/rogue.sh";
    assertThat(runner().run(List.of(escape)).message()).contains("outside the allowed directories");
    assertThat(runner().run(List.of("./rogue.sh")).message()).startsWith("refused");
    assertThat(runner().run(List.of(scripts + "/missing")).message()).contains("does not exist");
    assertThat(rogue).exists();
  }

  @Test
  void aHangingScriptIsKilledWithItsChildrenAtTheTimeout() throws Exception {
    Path shellPid = scripts.resolve("shell.pid");
    Path sleepPid = scripts.resolve("sleep.pid");
    Path hang =
        script(
            scripts,
            "hang.sh",
            "echo $$ > "
                + shellPid
                + "\n/bin/sh -c 'echo $$ > "
                + sleepPid
                + "; exec /bin/sleep 60'\necho never");
    PluginResult result = runner().withTimeout(Duration.ofSeconds(1)).run(List.of(hang.toString()));

    assertThat(result.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(result.message()).isEqualTo("timed out after 1 s");
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.elapsed()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
    long shell = Long.parseLong(Files.readString(shellPid).trim());
    long sleep = Long.parseLong(Files.readString(sleepPid).trim());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(ProcessHandle.of(shell).filter(ProcessHandle::isAlive)).isEmpty();
              assertThat(ProcessHandle.of(sleep).filter(ProcessHandle::isAlive)).isEmpty();
            });
  }

  @Test
  void tenMegabytesOfOutputAreTruncatedWithoutHanging() throws IOException {
    Path flood =
        script(
            scripts,
            "flood.sh",
            "echo 'FLOOD OK | lines=1'\n/usr/bin/yes 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'"
                + " | /usr/bin/head -c 10485760\nexit 0");
    PluginResult result =
        runner().withTimeout(Duration.ofSeconds(30)).run(List.of(flood.toString()));
    assertThat(result.status()).isEqualTo(CheckStatus.OK);
    assertThat(result.truncated()).isTrue();
    assertThat(result.message()).isEqualTo("FLOOD OK");
    assertThat(result.perfData()).extracting(PerfDatum::label).containsExactly("lines");
    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void stderrIsMergedAndOutputUnderTheLimitIsNotTruncated() throws IOException {
    Path noisy = script(scripts, "noisy.sh", "echo 'oops on stderr' >&2\nexit 2");
    PluginResult result = runner().run(List.of(noisy.toString()));
    assertThat(result.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(result.message()).isEqualTo("oops on stderr");
    assertThat(result.truncated()).isFalse();
  }

  @Test
  void exitCodesAboveThreeAreUnknown() throws IOException {
    for (int code : new int[] {4, 7, 127, 255}) {
      Path odd = script(scripts, "exit" + code + ".sh", "echo 'strange | x=1'\nexit " + code);
      PluginResult result = runner().run(List.of(odd.toString()));
      assertThat(result.status()).as("exit %d", code).isEqualTo(CheckStatus.UNKNOWN);
      assertThat(result.exitCode()).isEqualTo(code);
      assertThat(result.message()).isEqualTo("exit code " + code + ": strange");
      assertThat(result.perfData()).hasSize(1);
    }
  }

  @Test
  void pluginsSeeAMinimalEnvironmentAndAFixedWorkingDirectory() throws IOException {
    Path env =
        script(
            scripts,
            "env.sh",
            "echo \"cwd=$(pwd) $(/usr/bin/env | /usr/bin/sort | /usr/bin/tr '\\n' ' ')\"");
    PluginResult result = runner().run(List.of(env.toString()));
    assertThat(result.status()).isEqualTo(CheckStatus.OK);
    String variables = result.message().substring(result.message().indexOf(' ') + 1).trim();
    assertThat(result.message()).startsWith("cwd=/ ");
    assertThat(
            List.of(variables.split(" ")).stream()
                .map(v -> v.split("=")[0])
                .collect(Collectors.toSet()))
        .isSubsetOf("PATH", "LANG", "LC_ALL", "PWD", "SHLVL", "_");
    assertThat(variables).contains("PATH=/usr/bin:/bin", "LANG=C", "LC_ALL=C");
  }

  @Test
  void noOutputSaysSo() throws IOException {
    Path silent = script(scripts, "silent.sh", "exit 1");
    PluginResult result = runner().run(List.of(silent.toString()));
    assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
    assertThat(result.message()).isEqualTo("(no output, exit code 1)");
  }
}
