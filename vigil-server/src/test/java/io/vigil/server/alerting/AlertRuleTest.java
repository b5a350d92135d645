package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.InvalidInputException;
import io.vigil.model.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRuleTest {

  static AlertRule parse(String json) {
    return RuleJson.parse(RuleJson.JSON.readTree(json));
  }

  static void rejects(String json, String messageStart) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(InvalidInputException.class)
        .message()
        .startsWith(messageStart);
  }

  static final String CPU =
      """
      {"name":"CPU busy","kind":"threshold","measurement":"cpu","field":"used_pct",
       "tags":{"cpu":"total"},
       "conditions":[{"severity":"warning","op":">","value":80,"for":"10m"},
                     {"severity":"major","op":">","value":90,"for":"5m"}],
       "recovery":{"op":"<","value":75,"for":"1m"}}
      """;

  @Test
  void aThresholdRuleParsesWithDefaultsAndWorstConditionFirst() {
    AlertRule rule = parse(CPU);
    assertThat(rule.enabled()).isTrue();
    assertThat(rule.scope()).isEqualTo(AlertRule.Scope.ALL);
    assertThat(rule.kind()).isEqualTo(AlertRule.Kind.THRESHOLD);
    assertThat(rule.conditions())
        .extracting(AlertRule.Condition::severity)
        .containsExactly(Severity.MAJOR, Severity.WARNING);
    assertThat(rule.conditions().get(0).forDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rule.recovery().op()).isEqualTo(AlertRule.Op.LT);
    assertThat(rule.flapWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rule.flapMaxChanges()).isEqualTo(4);
    assertThat(rule.window()).isNull();
  }

  @Test
  void theViewRoundTrips() {
    AlertRule rule = parse(CPU).withId(7);
    String json = RuleJson.JSON.writeValueAsString(RuleJson.view(rule));
    assertThat(json).contains("\"for\":\"5m\"", "\"kind\":\"threshold\"", "\"scope\":{");
    assertThat(parse(json).withId(7)).isEqualTo(rule);
  }

  @Test
  void everyProblemNamesItsField() {
    rejects("{\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\"}", "name");
    rejects("{\"name\":\"x\",\"kind\":\"sometimes\"}", "kind");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"CPU!\",\"field\":\"x\","
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":1}]}",
        "measurement");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\"}",
        "conditions");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\","
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\"=>\",\"value\":1}]}",
        "conditions[0].op");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\","
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":1},"
            + "{\"severity\":\"huge\",\"op\":\">\",\"value\":1}]}",
        "conditions[1].severity");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\","
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":\"lots\"}]}",
        "conditions[0].value");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\","
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":1,\"for\":\"5 min\"}]}",
        "conditions[0].for");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\","
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":1},"
            + "{\"severity\":\"major\",\"op\":\">\",\"value\":2}]}",
        "conditions[1].severity");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\","
            + "\"scope\":{\"type\":\"group\"},"
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":1}]}",
        "scope.value");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\","
            + "\"scope\":{\"type\":\"tag\",\"value\":\"mount\"},"
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":1}]}",
        "scope.value");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\","
            + "\"colour\":\"red\","
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":1}]}",
        "colour");
    rejects(
        "{\"name\":\"x\",\"kind\":\"forecast\",\"measurement\":\"fs\",\"field\":\"used_pct\","
            + "\"horizon\":\"1d\",\"conditions\":[{\"severity\":\"major\"}]}",
        "window");
    rejects(
        "{\"name\":\"x\",\"kind\":\"absence\",\"measurement\":\"cpu\",\"intervals\":0.5,"
            + "\"conditions\":[{\"severity\":\"major\"}]}",
        "intervals");
    rejects(
        "{\"name\":\"x\",\"kind\":\"host_down\",\"recovery\":{\"op\":\"<\",\"value\":1},"
            + "\"conditions\":[{\"severity\":\"critical\"}]}",
        "recovery");
    rejects(
        "{\"name\":\"x\",\"kind\":\"check_status\","
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\"==\",\"value\":\"BAD\"}]}",
        "conditions[0].value");
    rejects(
        "{\"name\":\"x\",\"kind\":\"threshold\",\"measurement\":\"cpu\",\"field\":\"x\","
            + "\"flapMaxChanges\":-1,"
            + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":1}]}",
        "flapMaxChanges");
    rejects("{\"name\":\"" + "n".repeat(101) + "\",\"kind\":\"host_down\"}", "name");
  }

  @Test
  void checkStatusAcceptsStatusNamesAndFillsItsMeasurement() {
    AlertRule rule =
        parse(
            "{\"name\":\"checks\",\"kind\":\"check_status\",\"conditions\":["
                + "{\"severity\":\"major\",\"op\":\"==\",\"value\":\"CRITICAL\"},"
                + "{\"severity\":\"warning\",\"op\":\"==\",\"value\":1}]}");
    assertThat(rule.measurement()).isEqualTo("check");
    assertThat(rule.field()).isEqualTo("status");
    assertThat(rule.conditions()).extracting(AlertRule.Condition::value).containsExactly(2.0, 1.0);
  }

  @Test
  void kindsWithoutValuesIgnoreTheOpAndValueTheEditorSends() {
    AlertRule rule =
        parse(
            "{\"name\":\"down\",\"kind\":\"host_down\",\"measurement\":null,\"field\":null,"
                + "\"conditions\":[{\"severity\":\"critical\",\"op\":\">\",\"value\":0,"
                + "\"for\":\"0s\"}]}");
    assertThat(rule.conditions()).hasSize(1);
    assertThat(rule.measurement()).isNull();
    AlertRule absence =
        parse(
            "{\"name\":\"quiet\",\"kind\":\"absence\",\"measurement\":\"check\","
                + "\"tags\":{\"check\":\"nginx\"},\"conditions\":[{\"severity\":\"major\"}]}");
    assertThat(absence.intervals()).isEqualTo(3);
    assertThat(AlertEngine.itemOf(absence)).isEqualTo("nginx");
  }

  @Test
  void durationsParseAndFormatInTheirShortestForm() {
    assertThat(RuleJson.parseDuration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(RuleJson.parseDuration("x", "1d")).isEqualTo(Duration.ofDays(1));
    assertThat(RuleJson.format(Duration.ofSeconds(120))).isEqualTo("2m");
    assertThat(RuleJson.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(RuleJson.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(RuleJson.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void theShippedDefaultRulesAreValid() {
    List<AlertRule> rules = DefaultRules.load();
    assertThat(rules)
        .extracting(AlertRule::name)
        .contains("CPU busy", "Memory low", "File system full", "Host down", "Check failing");
    assertThat(rules)
        .extracting(AlertRule::kind)
        .contains(
            AlertRule.Kind.THRESHOLD,
            AlertRule.Kind.FORECAST,
            AlertRule.Kind.HOST_DOWN,
            AlertRule.Kind.CHECK_STATUS);
    AlertRule load = rules.stream().filter(r -> r.name().equals("Load high")).findFirst().get();
    assertThat(load.conditions().get(0).perCpu()).isTrue();
  }
}
