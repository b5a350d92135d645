package io.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckParamsTest {

  private static final Set<String> KNOWN =
      Set.of("port", "timeout", "tls", "expect", "args", "host", "password", "max");

  private static CheckParams params(Map<String, String> values) {
    return new CheckParams("demo", values, KNOWN, Set.of("password"));
  }

  @Test
  void typedValuesAreParsed() {
    CheckParams p =
        params(
            Map.of(
                "port", " 8080 ",
                "timeout", "500ms",
                "tls", "TRUE",
                "expect", "^SSH-\\d",
                "args", "-w\r\n\n  80%  \n-c\n")); // blank lines dropped, entries stripped

    assertThat(p.requiredInteger("port", 1, 65535)).isEqualTo(8080);
    assertThat(p.duration("timeout", Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(500));
    assertThat(p.bool("tls", false)).isTrue();
    assertThat(p.regex("expect").matcher("SSH-2.0").find()).isTrue();
    assertThat(p.lines("args")).containsExactly("-w", "80%", "-c");
    assertThat(p.string("host", "127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(p.optionalInteger("max", 0, 10)).isNull();
    assertThat(p.regex("host")).isNull();
  }

  @Test
  void durationsTakeTheFourUnits() {
    assertThat(params(Map.of("timeout", "5s")).optionalDuration("timeout"))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(params(Map.of("timeout", "2m")).optionalDuration("timeout"))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(params(Map.of("timeout", "1h")).optionalDuration("timeout"))
        .isEqualTo(Duration.ofHours(1));
    for (String bad : new String[] {"5", "5 s", "1d", "-5s", "0s", "25h", "1.5s"}) {
      assertThatThrownBy(() -> params(Map.of("timeout", bad)).optionalDuration("timeout"))
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("parameter timeout of kind demo must");
    }
  }

  @Test
  void blankCountsAsNotGiven() {
    CheckParams p = params(Map.of("port", "  ", "timeout", ""));
    assertThat(p.has("port")).isFalse();
    assertThat(p.integer("port", 22, 1, 65535)).isEqualTo(22);
    assertThat(p.duration("timeout", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void errorsNameTheParameterTheRuleAndTheValue() {
    assertThatThrownBy(() -> params(Map.of("port", "http")).requiredInteger("port", 1, 65535))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "parameter port of kind demo must be a whole number from 1 to 65535, was 'http'");
    assertThatThrownBy(() -> params(Map.of("port", "70000")).requiredInteger("port", 1, 65535))
        .hasMessage("parameter port of kind demo must be from 1 to 65535, was '70000'");
    assertThatThrownBy(() -> params(Map.of()).requiredInteger("port", 1, 65535))
        .hasMessage("parameter port of kind demo is required");
    assertThatThrownBy(() -> params(Map.of("tls", "maybe")).bool("tls", false))
        .hasMessage("parameter tls of kind demo must be true or false, was 'maybe'");
    assertThatThrownBy(() -> params(Map.of("expect", "(unclosed")).regex("expect"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("parameter expect of kind demo is not a valid regular expression");
  }

  @Test
  void secretValuesAreNeverEchoed() {
    CheckParams p = params(Map.of("password", "hunter2-secret"));
    assertThatThrownBy(() -> p.requiredInteger("password", 1, 2))
        .hasMessage("parameter password of kind demo must be a whole number from 1 to 2")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void settingsThatRefuseACombinationBecomeInvalidInputNamingTheKind() {
    CheckParams p = params(Map.of("port", "80"));
    assertThat(p.build(() -> p.requiredInteger("port", 1, 65535))).isEqualTo(80);
    assertThatThrownBy(
            () ->
                p.build(
                    () -> {
                      throw new IllegalArgumentException("warn is above crit");
                    }))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("kind demo: warn is above crit");
    assertThatThrownBy(() -> p.build(() -> p.requiredInteger("max", 1, 2)))
        .as("errors naming a parameter pass unchanged")
        .hasMessage("parameter max of kind demo is required");
  }

  @Test
  void unknownNamesAreRejectedListingTheKnownOnes() {
    assertThatThrownBy(() -> params(Map.of("prot", "80", "port", "80", "tmeout", "1s")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "unknown parameters prot, tmeout for kind demo; known: args, expect, host, max,"
                + " password, port, timeout, tls");
  }
}
