package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckStatusTest {

  @Test
  void nagiosExitCodesMapBothWays() {
    for (CheckStatus status : CheckStatus.values()) {
      assertThat(CheckStatus.ofExitCode(status.exitCode())).isEqualTo(status);
    }
    assertThat(CheckStatus.ofExitCode(4)).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(CheckStatus.ofExitCode(-1)).isEqualTo(CheckStatus.UNKNOWN);
  }

  @Test
  void worstFollowsNagiosOrder() {
    assertThat(CheckStatus.OK.worst(CheckStatus.WARNING)).isEqualTo(CheckStatus.WARNING);
    assertThat(CheckStatus.WARNING.worst(CheckStatus.UNKNOWN)).isEqualTo(CheckStatus.UNKNOWN);
    assertThat(CheckStatus.CRITICAL.worst(CheckStatus.UNKNOWN)).isEqualTo(CheckStatus.CRITICAL);
  }
}
