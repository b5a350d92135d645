package io.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.CheckStatus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckOutcomeTest {

  @Test
  void messagesAreOneBoundedLineAndMetricsFinite() {
    Map<String, Double> metrics = new HashMap<>();
    metrics.put("connect_ms", 1.5);
    metrics.put("bad", Double.NaN);
    metrics.put("none", null);
    CheckOutcome outcome =
        new CheckOutcome(CheckStatus.WARNING, "first\nsecond " + "x".repeat(2000), metrics);

    assertThat(outcome.message()).startsWith("first second").hasSize(CheckOutcome.MAX_MESSAGE);
    assertThat(outcome.metrics()).containsOnlyKeys("connect_ms");
  }
}
