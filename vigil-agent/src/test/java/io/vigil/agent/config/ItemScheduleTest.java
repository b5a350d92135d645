package io.vigil.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.AgentConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemScheduleTest {

  private static final long T0 = 1_000_000;

  @Test
  void everyItemRunsAtOnceThenEveryTenSecondsByDefault() {
    ItemSchedule schedule = new ItemSchedule(List.of("cpu", "mem"), T0);

    assertThat(schedule.due(T0)).containsExactly("cpu", "mem");
    assertThat(schedule.due(T0 + 9_999)).isEmpty();
    assertThat(schedule.nextDue()).isEqualTo(T0 + 10_000);
    assertThat(schedule.due(T0 + 10_000)).containsExactly("cpu", "mem");
  }

  @Test
  void aConfigChangesIntervalsDisablesItemsAndIgnoresUnknownKeys() {
    ItemSchedule schedule = ranOnce(List.of("cpu", "mem", "proc"));

    List<String> unknown =
        schedule.apply(
            new AgentConfig(
                2,
                Map.of(
                    "cpu", new AgentConfig.Item(2, true),
                    "proc", new AgentConfig.Item(60, false),
                    "gpu", new AgentConfig.Item(5, true))),
            T0 + 1_000);

    assertThat(unknown).containsExactly("gpu");
    // cpu: the new 2 s interval applies at once instead of waiting for the old 10 s slot.
    assertThat(schedule.due(T0 + 3_000)).containsExactly("cpu");
    assertThat(schedule.due(T0 + 5_000)).containsExactly("cpu");
    assertThat(schedule.due(T0 + 10_000)).containsExactly("cpu", "mem");
    assertThat(schedule.item("proc").enabled()).isFalse();
  }

  @Test
  void reEnablingRunsTheItemImmediatelyAndOmittedItemsReturnToTheDefault() {
    ItemSchedule schedule = ranOnce(List.of("cpu", "mem"));
    schedule.apply(new AgentConfig(1, Map.of("cpu", new AgentConfig.Item(60, false))), T0);
    assertThat(schedule.due(T0 + 10_000)).containsExactly("mem");

    schedule.apply(new AgentConfig(2, Map.of()), T0 + 12_000);

    assertThat(schedule.item("cpu")).isEqualTo(ItemSchedule.DEFAULT);
    assertThat(schedule.due(T0 + 12_000)).containsExactly("cpu");
  }

  @Test
  void aLoopThatFellBehindSkipsAheadInsteadOfBursting() {
    ItemSchedule schedule = ranOnce(List.of("cpu"));

    assertThat(schedule.due(T0 + 55_000)).containsExactly("cpu");
    assertThat(schedule.due(T0 + 55_001)).isEmpty();
    assertThat(schedule.nextDue()).isEqualTo(T0 + 65_000);
  }

  private static final AgentConfig.Item LOG =
      new AgentConfig.Item(60, true, "log", Map.of("path", "/var/log/x.log"));

  /** A schedule of these collectors whose first round, due at once, has run at T0. */
  private static ItemSchedule ranOnce(List<String> collectors) {
    ItemSchedule schedule = new ItemSchedule(collectors, T0);
    schedule.due(T0);
    return schedule;
  }

  /** An enabled port check item. */
  private static AgentConfig.Item port(int interval, String port) {
    return new AgentConfig.Item(interval, true, "port", Map.of("port", port));
  }

  @Test
  void checkItemsAreAddedRescheduledAndRemovedWithTheConfig() {
    ItemSchedule schedule = ranOnce(List.of("cpu"));

    List<String> ignored =
        schedule.apply(
            new AgentConfig(2, Map.of("web_port", port(30, "80"), "web_log", LOG)), T0 + 1_000);

    assertThat(ignored).isEmpty();
    assertThat(schedule.isCheck("web_port")).isTrue();
    assertThat(schedule.isCheck("cpu")).isFalse();
    assertThat(schedule.isCheck("nothing")).isFalse();
    // new checks run at once, then on their own interval
    assertThat(schedule.due(T0 + 1_000)).containsExactlyInAnyOrder("web_port", "web_log");
    assertThat(schedule.due(T0 + 10_000)).containsExactly("cpu");
    assertThat(schedule.due(T0 + 31_000)).containsExactlyInAnyOrder("cpu", "web_port");

    // interval shortened: effective within one new interval, params unchanged
    schedule.apply(
        new AgentConfig(3, Map.of("web_port", port(5, "80"), "web_log", LOG)), T0 + 32_000);
    assertThat(schedule.due(T0 + 36_999)).isEmpty();
    assertThat(schedule.due(T0 + 37_000)).containsExactly("web_port");

    // changed params: due at once; web_log removed
    schedule.apply(new AgentConfig(4, Map.of("web_port", port(5, "8080"))), T0 + 38_000);
    assertThat(schedule.due(T0 + 38_000)).containsExactly("web_port");
    assertThat(schedule.item("web_log")).isNull();
    assertThat(schedule.isCheck("web_log")).isFalse();
    assertThat(schedule.due(T0 + 200_000)).containsExactlyInAnyOrder("cpu", "web_port");
    // the collector not listed went back to the default
    assertThat(schedule.item("cpu")).isEqualTo(ItemSchedule.DEFAULT);
  }

  @Test
  void aDisabledCheckIsNotDueAndACheckNamedLikeACollectorIsIgnored() {
    ItemSchedule schedule = ranOnce(List.of("cpu"));

    List<String> ignored =
        schedule.apply(
            new AgentConfig(
                2,
                Map.of(
                    "cpu",
                    port(5, "80"),
                    "later",
                    new AgentConfig.Item(5, false, "port", Map.of("port", "80")))),
            T0);

    assertThat(ignored).containsExactly("cpu");
    assertThat(schedule.item("cpu")).isEqualTo(ItemSchedule.DEFAULT);
    assertThat(schedule.due(T0 + 5_000)).isEmpty();
    assertThat(schedule.nextDue()).isEqualTo(T0 + 10_000);

    schedule.apply(new AgentConfig(3, Map.of("later", port(5, "80"))), T0 + 6_000);
    assertThat(schedule.due(T0 + 6_000)).containsExactly("later");
  }
}
