package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The problem list's filter validation and the series key. */
class ProblemQueryTest {

  static ProblemQuery query(String status, int limit) {
    return new ProblemQuery(status, null, null, null, null, null, null, limit, null);
  }

  @Test
  void invalidFiltersNameTheParameter() {
    assertThatThrownBy(() -> query("pending", 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("status");
    assertThatThrownBy(() -> query(null, 0)).hasMessageStartingWith("limit");
    assertThatThrownBy(() -> query(null, 501)).hasMessageStartingWith("limit");
    assertThatThrownBy(() -> ProblemQuery.severity("severity", "severe"))
        .hasMessageStartingWith("severity");
    assertThatThrownBy(() -> new ProblemQuery(null, null, null, null, null, 10L, 5L, 10, null))
        .hasMessageStartingWith("from");
    assertThat(query("active", 500).limit()).isEqualTo(500);
    assertThat(ProblemQuery.severity("severity", " Major")).isEqualTo(Severity.MAJOR);
    assertThat(ProblemQuery.name(Problem.Status.ACKNOWLEDGED)).isEqualTo("acknowledged");
  }

  @Test
  void theActiveKeyDependsOnRuleHostAndSeriesButNotOnTagOrder() {
    String a = ProblemRepository.activeKey(1, "web-1", Map.of("mount", "/", "device", "sda"));
    String b =
        ProblemRepository.activeKey(
            1, "web-1", new java.util.LinkedHashMap<>(Map.of("device", "sda", "mount", "/")));
    assertThat(a).hasSize(64).isEqualTo(b);
    assertThat(ProblemRepository.activeKey(2, "web-1", Map.of("mount", "/", "device", "sda")))
        .isNotEqualTo(a);
    assertThat(ProblemRepository.activeKey(1, "web-2", Map.of("mount", "/", "device", "sda")))
        .isNotEqualTo(a);
    assertThat(ProblemRepository.activeKey(1, "web-1", Map.of("mount", "/boot"))).isNotEqualTo(a);
  }
}
