package io.vigil.agent.check.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.agent.check.log.LogPatternCounter.Interval;
import io.vigil.agent.check.log.LogPatternCounter.Rule;
import io.vigil.model.CheckStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogPatternCounterTest {

  private final List<Rule> rules =
      List.of(Rule.of("ERROR|FATAL", CheckStatus.CRITICAL), Rule.of("WARN", CheckStatus.WARNING));

  @Test
  void countsMatchesPerRuleAndTheWorstMatchedRuleGivesTheStatus() {
    LogPatternCounter counter = new LogPatternCounter(rules, 2, 10, 1024, 1_000_000);
    counter.accept("WARN disk 91%");
    counter.accept("ERROR one and WARN"); // first rule wins
    counter.accept("ERROR two");
    counter.accept("FATAL three and a long tail");
    counter.accept("INFO fine");

    Interval interval = counter.finish();

    assertThat(interval.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(interval.rules().get(0).count()).isEqualTo(3);
    assertThat(interval.rules().get(0).samples()).containsExactly("ERROR one ", "ERROR two");
    assertThat(interval.rules().get(1).count()).isEqualTo(1);
    assertThat(interval.rules().get(1).samples()).containsExactly("WARN disk ");
  }

  @Test
  void nothingMatchedIsOkAndEachIntervalStartsFromZero() {
    LogPatternCounter counter = new LogPatternCounter(rules);
    counter.acceptAll(List.of(new LogLine("WARN x", false)));
    assertThat(counter.finish().status()).isEqualTo(CheckStatus.WARNING);

    counter.accept("all good");
    Interval next = counter.finish();

    assertThat(next.status()).isEqualTo(CheckStatus.OK);
    assertThat(next.rules()).allSatisfy(r -> assertThat(r.count()).isZero());
    assertThat(next.rules()).allSatisfy(r -> assertThat(r.samples()).isEmpty());
  }

  @Test
  void aCatastrophicPatternIsAbortedNotHung() {
    LogPatternCounter counter =
        new LogPatternCounter(
            List.of(Rule.of("(.*a){20}", CheckStatus.CRITICAL), Rule.of("b", CheckStatus.WARNING)),
            5,
            512,
            64 << 10,
            100_000);
    String evil = "a".repeat(19) + "!".repeat(40) + "b";

    long start = System.nanoTime();
    counter.accept(evil);
    Interval interval = counter.finish();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(interval.abortedMatches()).isEqualTo(1);
    assertThat(interval.rules().get(0).count()).isZero();
    assertThat(interval.rules().get(1).count()).isEqualTo(1);
    assertThat(interval.status()).isEqualTo(CheckStatus.WARNING);
  }

  @Test
  void onlyTheHeadOfAHugeLineIsMatched() {
    LogPatternCounter counter =
        new LogPatternCounter(List.of(Rule.of("ERROR", CheckStatus.CRITICAL)), 5, 512, 100, 1_000);
    counter.accept("x".repeat(200) + "ERROR");
    assertThat(counter.finish().status()).isEqualTo(CheckStatus.OK);
  }
}
