package io.vigil.storage.victoriametrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SeriesNamesTest {

  @Test
  void theColonSplitsEveryVigilNameBackAndRejectsOthers() {
    assertThat(SeriesNames.metric("cpu", "user_pct")).isEqualTo("cpu:user_pct");
    assertThat(SeriesNames.measurementOf("cpu_user:pct")).isEqualTo("cpu_user");
    assertThat(SeriesNames.fieldOf("cpu_user:pct")).isEqualTo("pct");
    assertThat(SeriesNames.measurementOf("cpu:user_pct")).isEqualTo("cpu");
    assertThat(SeriesNames.fieldOf("cpu:user_pct")).isEqualTo("user_pct");
    // another system's names: none, two colons (recording rules), upper case
    assertThat(SeriesNames.measurementOf("node_cpu_seconds_total")).isNull();
    assertThat(SeriesNames.measurementOf("job:http_requests:rate5m")).isNull();
    assertThat(SeriesNames.measurementOf("Cpu:user")).isNull();
    assertThat(SeriesNames.fieldOf("up")).isNull();
  }

  @Test
  void quotedStringsKeepBackslashesQuotesAndNewlines() {
    assertThat(SeriesNames.quote("a\"b\\c\nd'e")).isEqualTo("\"a\\\"b\\\\c\\nd'e\"");
  }

  @Test
  void alternationMatchesExactlyItsValues() {
    String regex = SeriesNames.alternation(List.of("web.1", "a|b", "(x)*", "c$^"));
    Pattern pattern = Pattern.compile(regex); // RE2 and Java agree on these escapes
    assertThat(pattern.matcher("web.1").matches()).isTrue();
    assertThat(pattern.matcher("webx1").matches()).isFalse();
    assertThat(pattern.matcher("a|b").matches()).isTrue();
    assertThat(pattern.matcher("a").matches()).isFalse();
    assertThat(pattern.matcher("(x)*").matches()).isTrue();
    assertThat(pattern.matcher("xx").matches()).isFalse();
    assertThat(pattern.matcher("c$^").matches()).isTrue();
  }

  @Test
  void selectorsNameOneFieldSeveralOrAll() {
    assertThat(SeriesNames.selector("cpu", List.of("user_pct"), Map.of("host", "w1")))
        .isEqualTo("{__name__=\"cpu:user_pct\",host=\"w1\"}");
    assertThat(SeriesNames.selector("cpu", List.of("a", "b"), Map.of("z", "1", "host", "w1")))
        .isEqualTo("{__name__=~\"cpu:(a|b)\",host=\"w1\",z=\"1\"}");
    assertThat(SeriesNames.selector("cpu", List.of(), Map.of(), "key!=\"\""))
        .isEqualTo("{__name__=~\"cpu:.+\",key!=\"\"}");
  }
}
