package io.vigil.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Severity;
import io.vigil.server.alerting.Problem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTest {

  private static Route route(String minSeverity, String host, String group, String tag) {
    return new Route(
        1,
        "r",
        true,
        minSeverity,
        host,
        group,
        tag,
        List.of("email"),
        List.of(new Route.Level(0, List.of(1L), List.of())),
        0,
        true);
  }

  private static Problem problem(Severity severity) {
    return new Problem(
        1,
        1,
        "FS",
        "web-1",
        Map.of("mount", "/"),
        severity,
        Problem.Status.OPEN,
        0,
        null,
        "",
        1,
        null,
        null,
        null);
  }

  @Test
  void matchesSeverityHostGroupAndTag() {
    Problem major = problem(Severity.MAJOR);
    assertThat(NotificationPlanner.matches(route("major", null, null, null), major, null)).isTrue();
    assertThat(NotificationPlanner.matches(route("critical", null, null, null), major, null))
        .isFalse();
    assertThat(NotificationPlanner.matches(route("warning", "web-1", null, null), major, null))
        .isTrue();
    assertThat(NotificationPlanner.matches(route("warning", "db-1", null, null), major, null))
        .isFalse();
    assertThat(
            NotificationPlanner.matches(
                route("warning", null, "Web", null), major, List.of("Linux servers", "Web")))
        .isTrue();
    assertThat(
            NotificationPlanner.matches(
                route("warning", null, "DB", null), major, List.of("Linux servers")))
        .isFalse();
    assertThat(NotificationPlanner.matches(route("warning", null, null, "mount=/"), major, null))
        .isTrue();
    assertThat(NotificationPlanner.matches(route("warning", null, null, "mount=/var"), major, null))
        .isFalse();
  }

  @Test
  void invalidRoutesNameTheField() {
    assertThatThrownBy(() -> route("urgent", null, null, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("minSeverity");
    assertThatThrownBy(() -> route("major", null, null, "mount")).hasMessageContaining("tag");
    assertThatThrownBy(
            () ->
                new Route(
                    0,
                    "r",
                    true,
                    "major",
                    null,
                    null,
                    null,
                    List.of("fax"),
                    List.of(new Route.Level(0, List.of(1L), null)),
                    0,
                    true))
        .hasMessageContaining("channels");
    assertThatThrownBy(
            () ->
                new Route(
                    0,
                    "r",
                    true,
                    "major",
                    null,
                    null,
                    null,
                    List.of("email"),
                    List.of(new Route.Level(5, List.of(1L), null)),
                    0,
                    true))
        .hasMessageContaining("levels");
    assertThatThrownBy(() -> new Route.Level(0, List.of(), List.of()))
        .hasMessageContaining("levels");
    assertThatThrownBy(
            () ->
                new Route(
                    0,
                    "r",
                    true,
                    "major",
                    null,
                    null,
                    null,
                    List.of("email"),
                    List.of(
                        new Route.Level(0, List.of(1L), null),
                        new Route.Level(0.05, List.of(1L), null)),
                    -1,
                    true))
        .hasMessageContaining("repeatMinutes");
  }

  @Test
  void dedupKeyNamesProblemRecipientChannelKindLevelAndSequence() {
    assertThat(new Delivery.Plan(12, 3L, 4, "sms", "escalation", 1, 0, 0).dedupKey())
        .isEqualTo("12:4:sms:escalation:1:0");
  }
}
