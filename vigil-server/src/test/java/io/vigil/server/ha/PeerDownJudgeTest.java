package io.vigil.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Severity;
import io.vigil.server.alerting.ProblemSignal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerDownJudgeTest {

  final PeerDownJudge judge = new PeerDownJudge("vigil-b:8080", "vigil-a", 5_000, 60_000);

  @Test
  void aPeerSilentPastTheTimeoutIsDownOnceAndUpOnce() {
    assertThat(judge.judge(true, 1_000, true, "vigil-b", 1))
        .get()
        .satisfies(s -> assertThat(s.recovered()).isTrue());
    assertThat(judge.judge(true, 4_000, true, "vigil-b", 2)).isEmpty();
    ProblemSignal down = judge.judge(true, 6_000, true, "vigil-b", 3).orElseThrow();
    assertThat(down.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(down.ruleId()).isEqualTo(PeerDownJudge.RULE_ID);
    assertThat(down.hostKey()).isEqualTo("vigil-b:8080");
    assertThat(down.text()).contains("vigil-b (vigil-b:8080)", "6 s", "vigil-a carries on alone");
    assertThat(judge.judge(true, 9_000, true, "vigil-b", 4)).isEmpty();
    assertThat(judge.judge(true, 0, true, "vigil-b", 5))
        .get()
        .satisfies(s -> assertThat(s.recovered()).isTrue());
    assertThat(judge.judge(true, 0, true, "vigil-b", 6)).isEmpty();
  }

  @Test
  void aPeerNeverHeardGetsTheStartupGrace() {
    assertThat(judge.judge(true, 30_000, false, null, 1))
        .get()
        .satisfies(s -> assertThat(s.recovered()).isTrue());
    Optional<ProblemSignal> down = judge.judge(true, 61_000, false, null, 2);
    assertThat(down)
        .get()
        .satisfies(s -> assertThat(s.text()).contains("vigil-b:8080 has not been heard from"));
  }

  @Test
  void onlyTheLeaderJudgesAndANewLeaderSignalsWhatItFinds() {
    assertThat(judge.judge(false, 10_000, true, "vigil-b", 1)).isEmpty();
    assertThat(judge.judge(true, 10_000, true, "vigil-b", 2))
        .get()
        .satisfies(s -> assertThat(s.recovered()).isFalse());
    judge.reset();
    assertThat(judge.judge(true, 11_000, true, "vigil-b", 3))
        .as("re-signalled after becoming leader again (idempotent for the problem service)")
        .isPresent();
  }
}
