package io.vigil.agent.check.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.agent.check.CheckReport;
import io.vigil.model.CheckStatus;
import io.vigil.model.Names;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScriptCheckKindTest {

  @Test
  void perfDataLabelsBecomeIdentifiers() {
    assertThat(ScriptCheckKind.metricName("load1")).isEqualTo("load1");
    assertThat(ScriptCheckKind.metricName("/")).isEqualTo("root");
    assertThat(ScriptCheckKind.metricName("/var/log")).isEqualTo("var_log");
    assertThat(ScriptCheckKind.metricName("Load 1 (avg)")).isEqualTo("load_1_avg");
    assertThat(ScriptCheckKind.metricName("5xx-rate")).isEqualTo("m_5xx_rate");
    assertThat(ScriptCheckKind.metricName("%%")).isEqualTo("value");
    assertThat(ScriptCheckKind.metricName("é".repeat(3) + "x".repeat(100)))
        .hasSize(63)
        .matches(Names.IDENTIFIER);
  }

  @Test
  void perfDataBecomesMetricsInBaseUnitsWithCollidingLabelsNumbered() {
    PluginOutput output =
        PluginOutput.parse(
            "DISK OK - free space | /=100MB;;;0;200 'Var Log'=1KB ''=5 var/log=2B time=U x=1s");
    PluginResult result =
        new PluginResult(
            CheckStatus.OK,
            output.message(),
            output.perfData().items(),
            output.perfData().skipped(),
            0,
            Duration.ofMillis(3),
            false);

    CheckReport report = ScriptCheckKind.report(result);

    assertThat(report.status()).isEqualTo(CheckStatus.OK);
    assertThat(report.message()).isEqualTo("DISK OK - free space");
    assertThat(report.metrics())
        .containsEntry("root", 100.0 * 1024 * 1024)
        .containsEntry("var_log", 1024.0)
        .containsEntry("var_log_2", 2.0)
        .containsEntry("x", 1.0)
        .doesNotContainKey("time")
        .allSatisfy((name, value) -> assertThat(name).matches(Names.IDENTIFIER));
  }
}
