package io.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckResultsTest {

  @Test
  void whateverACheckReportsFitsTheWireLimits() {
    Map<String, Double> metrics = new HashMap<>();
    metrics.put("Bad Name", 1.0);
    metrics.put("nan", Double.NaN);
    metrics.put("a_ok", 2.5);
    for (int i = 0; i < 100; i++) {
      metrics.put("m" + i, (double) i);
    }
    List<String> details = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      details.add("line " + i + "\u0000\u0007" + "x".repeat(2000));
    }
    CheckReport report =
        new CheckReport(
            CheckStatus.WARNING, "first\r\nsecond\u0001" + "y".repeat(5000), metrics, details);

    CheckResult result = CheckResults.of("web_log", "log", 1_763_700_000_000L, 1.5, report);

    assertThat(result.message()).startsWith("first second\uFFFD").hasSize(CheckResult.MAX_MESSAGE);
    assertThat(result.message()).endsWith("…");
    assertThat(result.metrics()).hasSize(CheckResult.MAX_METRICS).containsEntry("a_ok", 2.5);
    assertThat(result.metrics()).doesNotContainKeys("Bad Name", "nan");
    assertThat(result.details()).hasSize(CheckResult.MAX_DETAILS);
    assertThat(result.details().get(0))
        .startsWith("line 0\uFFFD\uFFFDxxx")
        .hasSize(CheckResult.MAX_DETAIL_LENGTH);
    assertThat(result.durationMs()).isEqualTo(1.5);
    assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
  }
}
