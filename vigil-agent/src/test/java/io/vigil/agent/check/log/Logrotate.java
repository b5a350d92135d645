package io.vigil.agent.check.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real logrotate, set up to rotate one log file ({@code rotate 50}, no compression) with its
 * own config and state file in a test's directory, forced on every {@link #rotate()}.
 */
public final class Logrotate {

  private final Path binary;
  private final Path config;
  private final Path state;

  private Logrotate(Path binary, Path config, Path state) {
    this.binary = binary;
    this.config = config;
    this.state = state;
  }

  /**
   * Rotates {@code log} in {@code mode} ({@code create}, {@code copytruncate}, …), keeping its
   * config and state in {@code dir}.
   */
  public static Logrotate of(Path log, String mode, Path dir) throws Exception {
    Path binary = find();
    Path config =
        Files.writeString(
            dir.resolve("logrotate.conf"),
            log + " {\n  rotate 50\n  " + mode + "\n  missingok\n  nocompress\n}\n",
            UTF_8);
    return new Logrotate(binary, config, dir.resolve("logrotate.status"));
  }

  /** Runs one forced rotation and asserts that it succeeded. */
  public void rotate() throws Exception {
    Process process =
        new ProcessBuilder(binary.toString(), "-f", "-s", state.toString(), config.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("logrotate: %s", output).isZero();
  }

  private static Path find() {
    for (String candidate : List.of("/usr/sbin/logrotate", "/sbin/logrotate")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(entry, "logrotate");
      if (!entry.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return fail(
        "logrotate is missing: install the Debian package 'logrotate'"
            + " (apt-get install -y logrotate; .ci/run does it)");
  }
}
