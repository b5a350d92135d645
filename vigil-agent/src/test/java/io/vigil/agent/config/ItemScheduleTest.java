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
    ItemSchedule schedule = new ItemSchedule(List.of("cpu", "mem", "proc"), T0);
    schedule.due(T0);

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
    ItemSchedule schedule = new ItemSchedule(List.of("cpu", "mem"), T0);
    schedule.due(T0);
    schedule.apply(new AgentConfig(1, Map.of("cpu", new AgentConfig.Item(60, false))), T0);
    assertThat(schedule.due(T0 + 10_000)).containsExactly("mem");

    schedule.apply(new AgentConfig(2, Map.of()), T0 + 12_000);

    assertThat(schedule.item("cpu")).isEqualTo(ItemSchedule.DEFAULT);
    assertThat(schedule.due(T0 + 12_000)).containsExactly("cpu");
  }

  @Test
  void aLoopThatFellBehindSkipsAheadInsteadOfBursting() {
    ItemSchedule schedule = new ItemSchedule(List.of("cpu"), T0);
    schedule.due(T0);

    assertThat(schedule.due(T0 + 55_000)).containsExactly("cpu");
    assertThat(schedule.due(T0 + 55_001)).isEmpty();
    assertThat(schedule.nextDue()).isEqualTo(T0 + 65_000);
  }
}
