package io.vigil.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --spool-max-mb} and {@code --spool-max-age}: the two bounds of each server's spool. */
class SpoolOptionsTest {

  private static AgentOptions parse(String... extra) {
    String[] base = {"--server", "http://vigil:8080", "--state-dir", "/var/lib/vigil-agent"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return AgentOptionsParser.parse(args);
  }

  @Test
  void defaultsMatchTheServersSevenDayWindowAnd256Mb() {
    AgentOptions options = parse();
    assertThat(options.spoolMaxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(options.spoolMaxBytes()).isEqualTo(256L * 1024 * 1024);
  }

  @Test
  void theAgeTakesDurationsWithAUnit() {
    assertThat(parse("--spool-max-age", "12h").spoolMaxAge()).isEqualTo(Duration.ofHours(12));
    assertThat(parse("--spool-max-age", "30m").spoolMaxAge()).isEqualTo(Duration.ofMinutes(30));
    assertThat(parse("--spool-max-age", "3d").spoolMaxAge()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void aMissingUnitOrATinyAgeIsRefused() {
    assertThatThrownBy(() -> parse("--spool-max-age", "7"))
        .isInstanceOf(OptionsException.class)
        .hasMessageContaining("--spool-max-age");
    assertThatThrownBy(() -> parse("--spool-max-age", "10s"))
        .isInstanceOf(OptionsException.class)
        .hasMessageContaining("at least 1m");
  }
}
