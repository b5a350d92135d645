package io.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParamTextTest {

  @Test
  void durationsAreMillisecondsSecondsMinutesOrHours() {
    assertThat(ParamText.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(ParamText.duration("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(ParamText.duration(" 2m ")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ParamText.duration("1h")).isEqualTo(Duration.ofHours(1));
    for (String bad : new String[] {"5 sec", "5", "5 s", "1d", "-5s", "1.5s", "5S", ""}) {
      assertThat(ParamText.duration(bad)).as(bad).isNull();
    }
  }

  @Test
  void durationsMayBeFromOneMillisecondToADay() {
    assertThat(ParamText.isDurationInRange(Duration.ofMillis(1))).isTrue();
    assertThat(ParamText.isDurationInRange(Duration.ofHours(24))).isTrue();
    assertThat(ParamText.isDurationInRange(Duration.ZERO)).isFalse();
    assertThat(ParamText.isDurationInRange(ParamText.duration("25h"))).isFalse();
  }

  @Test
  void wholeNumbersAndBooleans() {
    assertThat(ParamText.wholeNumber(" 8080 ")).isEqualTo(8080L);
    assertThat(ParamText.wholeNumber("-3")).isEqualTo(-3L);
    assertThat(ParamText.wholeNumber("eighty")).isNull();
    assertThat(ParamText.wholeNumber("1.5")).isNull();
    assertThat(ParamText.bool(" TRUE ")).isTrue();
    assertThat(ParamText.bool("yes")).isTrue();
    assertThat(ParamText.bool("off")).isFalse();
    assertThat(ParamText.bool("0")).isFalse();
    assertThat(ParamText.bool("maybe")).isNull();
  }

  @Test
  void aBrokenRegexIsDescribedWithItsPosition() {
    assertThat(ParamText.regexProblem("^SSH-\\d")).isNull();
    assertThat(ParamText.regexProblem("a(b"))
        .startsWith("is not a valid regular expression: ")
        .endsWith(" near index 3");
  }
}
