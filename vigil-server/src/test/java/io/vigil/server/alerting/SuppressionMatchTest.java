package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which problems a silence and a maintenance window's scope match. */
class SuppressionMatchTest {

  static Problem problem(String host, String rule, Severity severity) {
    return new Problem(
        1,
        7,
        rule,
        host,
        Map.of(),
        severity,
        Problem.Status.OPEN,
        0,
        null,
        "",
        Double.NaN,
        null,
        null,
        null);
  }

  static Silence silence(String host, String rule, Severity atMost, long startsAt, long endsAt) {
    return new Silence(1, host, rule, atMost, startsAt, endsAt, "why", "admin", startsAt);
  }

  @Test
  void everyGivenMatcherMustMatch() {
    Silence s = silence("web-1", "CPU busy", Severity.MAJOR, 100, 200);
    assertThat(s.matches(problem("web-1", "CPU busy", Severity.MAJOR), 150)).isTrue();
    assertThat(s.matches(problem("web-1", "CPU busy", Severity.WARNING), 150)).isTrue();
    assertThat(s.matches(problem("web-1", "CPU busy", Severity.CRITICAL), 150))
        .as("more severe than severityAtMost")
        .isFalse();
    assertThat(s.matches(problem("web-2", "CPU busy", Severity.MAJOR), 150)).isFalse();
    assertThat(s.matches(problem("web-1", "Memory", Severity.MAJOR), 150)).isFalse();
  }

  @Test
  void aSilenceHoldsFromItsStartUntilBeforeItsEnd() {
    Silence s = silence(null, null, null, 100, 200);
    assertThat(s.matches(problem("any", "any", Severity.CRITICAL), 99)).isFalse();
    assertThat(s.matches(problem("any", "any", Severity.CRITICAL), 100)).isTrue();
    assertThat(s.matches(problem("any", "any", Severity.CRITICAL), 199)).isTrue();
    assertThat(s.matches(problem("any", "any", Severity.CRITICAL), 200)).isFalse();
  }

  @Test
  void aSilenceNeedsAComment() {
    assertThatThrownBy(() -> new Silence(0, null, null, null, 1, 2, " ", "admin", 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("comment");
  }

  @Test
  void aWindowOfAGroupCoversItsMembersOnly() {
    MaintenanceWindow w =
        new MaintenanceWindow(
            1,
            "patching",
            "group",
            "Linux servers",
            MaintenanceSchedule.once(100L, 200L),
            "admin",
            0);
    assertThat(w.covers("web-1", List.of("Linux servers"), 150)).isTrue();
    assertThat(w.covers("web-1", List.of("Databases"), 150)).isFalse();
    assertThat(w.covers("web-1", List.of("Linux servers"), 250)).isFalse();
    MaintenanceWindow host =
        new MaintenanceWindow(
            2, "reboot", "host", "web-1", MaintenanceSchedule.once(100L, 200L), "admin", 0);
    assertThat(host.covers("web-1", List.of(), 150)).isTrue();
    assertThat(host.covers("web-2", List.of(), 150)).isFalse();
  }

  @Test
  void aWindowScopeIsHostOrGroup() {
    assertThatThrownBy(
            () ->
                new MaintenanceWindow(
                    0, "x", "tag", "a", MaintenanceSchedule.once(1L, 2L), "admin", 0))
        .hasMessageStartingWith("scope.type");
    assertThatThrownBy(
            () ->
                new MaintenanceWindow(
                    0, "x", "host", "", MaintenanceSchedule.once(1L, 2L), "admin", 0))
        .hasMessageStartingWith("scope.value");
  }
}
