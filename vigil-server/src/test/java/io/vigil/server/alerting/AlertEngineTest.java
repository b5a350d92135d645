package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.model.Point;
import io.vigil.model.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evaluator's core with fake hosts and a fake clock: which signals come out, and when. */
class AlertEngineTest {

  static final long T0 = 1_700_000_000_000L;

  /** Hosts as a test sets them up. */
  static final class FakeHosts implements HostLookup {
    final Map<String, Host> hosts = new HashMap<>();
    final Map<Long, Map<String, Integer>> intervals = new HashMap<>();
    final Map<String, Long> lastSeen = new HashMap<>();

    Host add(String key, boolean agentless, Set<String> groups, int cpus) {
      Host host = new Host(hosts.size() + 1, key, agentless, groups, cpus);
      hosts.put(key, host);
      intervals.put(host.id(), new HashMap<>(Map.of("cpu", 10, "fs", 60)));
      return host;
    }

    @Override
    public Host host(String key) {
      return hosts.get(key);
    }

    @Override
    public Collection<Host> hosts() {
      return hosts.values();
    }

    @Override
    public Map<String, Integer> enabledIntervals(long hostId) {
      return intervals.getOrDefault(hostId, Map.of());
    }

    @Override
    public Long lastSeen(String hostKey) {
      return lastSeen.get(hostKey);
    }
  }

  final FakeHosts hosts = new FakeHosts();
  final List<ProblemSignal> signals = new ArrayList<>();
  final List<Long> receivedAts = new ArrayList<>();
  final AlertEngine engine =
      new AlertEngine(
          hosts,
          (signal, receivedAt) -> {
            signals.add(signal);
            receivedAts.add(receivedAt);
          });
  long sequence = 1;

  AlertRule rule(String json) {
    return RuleJson.parse(RuleJson.JSON.readTree(json)).withId(sequence++);
  }

  AlertRule cpuRule(String scope, String forDuration) {
    return rule(
        "{\"name\":\"CPU busy\",\"kind\":\"threshold\",\"measurement\":\"cpu\","
            + "\"field\":\"used_pct\",\"tags\":{\"cpu\":\"total\"},\"scope\":"
            + scope
            + ",\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":90,\"for\":\""
            + forDuration
            + "\"},{\"severity\":\"warning\",\"op\":\">\",\"value\":80}]}");
  }

  static Point cpu(String host, long at, double used) {
    return new Point("cpu", Map.of("host", host, "cpu", "total"), Map.of("used_pct", used), at);
  }

  void send(String host, long at, double used) {
    engine.batch(host, List.of(cpu(host, at, used)), List.of(), 42, at);
  }

  /** The signals after the resync recoveries a fresh series sends when nothing holds. */
  List<ProblemSignal> changes() {
    return signals.stream().filter(s -> !s.text().endsWith(": not holding")).toList();
  }

  @Test
  void opensEscalatesAndRecoversWithOneSignalPerChange() {
    hosts.add("web-1", false, Set.of(), 4);
    engine.rules(List.of(cpuRule("{\"type\":\"all\"}", "2m")), T0);
    send("web-1", T0, 50);
    assertThat(signals).hasSize(1);
    assertThat(signals.get(0).recovered()).as("resync of a fresh series").isTrue();
    send("web-1", T0 + 10_000, 85);
    send("web-1", T0 + 20_000, 95);
    send("web-1", T0 + 30_000, 95);
    send("web-1", T0 + 140_000, 95);
    send("web-1", T0 + 150_000, 96);
    send("web-1", T0 + 160_000, 70);
    List<ProblemSignal> changes = changes();
    assertThat(changes)
        .extracting(ProblemSignal::severity)
        .containsExactly(Severity.WARNING, Severity.MAJOR, null);
    ProblemSignal major = changes.get(1);
    assertThat(major.hostKey()).isEqualTo("web-1");
    assertThat(major.series()).isEqualTo(Map.of("cpu", "total"));
    assertThat(major.value()).isEqualTo(95.0);
    assertThat(major.at()).isEqualTo(T0 + 140_000);
    assertThat(major.text()).isEqualTo("CPU busy: used_pct 95 > 90 for 2m");
    assertThat(changes.get(2).text()).isEqualTo("CPU busy: recovered, used_pct 70");
    assertThat(receivedAts).containsOnly(42L);
  }

  @Test
  void aPendingSeriesDoesNotResyncUntilItIsDecided() {
    hosts.add("web-1", false, Set.of(), 4);
    engine.rules(List.of(cpuRule("{\"type\":\"all\"}", "1m")), T0);
    send("web-1", T0, 95);
    assertThat(signals)
        .as("warning fired (for 0s); a still pending major does not recover anything")
        .extracting(ProblemSignal::severity)
        .containsExactly(Severity.WARNING);
  }

  @Test
  void eachSeriesIsJudgedOnItsOwn() {
    hosts.add("web-1", false, Set.of(), 4);
    hosts.add("web-2", false, Set.of(), 4);
    engine.rules(List.of(cpuRule("{\"type\":\"all\"}", "0s")), T0);
    send("web-1", T0, 95);
    send("web-2", T0, 50);
    send("web-2", T0 + 1000, 60);
    engine.batch(
        "web-1",
        List.of(
            new Point("cpu", Map.of("host", "web-1", "cpu", "cpu0"), Map.of("used_pct", 99.0), T0)),
        List.of(),
        0,
        T0);
    assertThat(changes()).hasSize(1);
    assertThat(changes().get(0).hostKey()).isEqualTo("web-1");
    assertThat(engine.seriesCount()).as("cpu0 does not match the tag filter").isEqualTo(2);
  }

  @Test
  void scopesSelectHostsGroupsAndTags() {
    hosts.add("web-1", false, Set.of("Web"), 1);
    hosts.add("db-1", false, Set.of("Databases"), 1);
    engine.rules(
        List.of(
            cpuRule("{\"type\":\"host\",\"value\":\"db-1\"}", "0s"),
            rule(
                "{\"name\":\"web cpu\",\"kind\":\"threshold\",\"measurement\":\"cpu\","
                    + "\"field\":\"used_pct\",\"scope\":{\"type\":\"group\",\"value\":\"Web\"},"
                    + "\"conditions\":[{\"severity\":\"minor\",\"op\":\">\",\"value\":50}]}"),
            rule(
                "{\"name\":\"root fs\",\"kind\":\"threshold\",\"measurement\":\"fs\","
                    + "\"field\":\"used_pct\",\"scope\":{\"type\":\"tag\",\"value\":\"mount=/\"},"
                    + "\"conditions\":[{\"severity\":\"critical\",\"op\":\">\",\"value\":95}]}")),
        T0);
    send("web-1", T0, 99);
    send("db-1", T0, 99);
    for (String mount : List.of("/", "/boot")) {
      engine.batch(
          "db-1",
          List.of(
              new Point(
                  "fs", Map.of("host", "db-1", "mount", mount), Map.of("used_pct", 99.0), T0)),
          List.of(),
          0,
          T0);
    }
    assertThat(changes())
        .extracting(s -> s.ruleName() + "@" + s.hostKey() + s.series())
        .containsExactlyInAnyOrder(
            "web cpu@web-1{cpu=total}", "CPU busy@db-1{cpu=total}", "root fs@db-1{mount=/}");
  }

  @Test
  void ratesJudgeThePerSecondChangeAndIgnoreCounterResets() {
    hosts.add("web-1", false, Set.of(), 1);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"errors\",\"kind\":\"rate\",\"measurement\":\"net\","
                    + "\"field\":\"rx_errors\",\"window\":\"1m\","
                    + "\"conditions\":[{\"severity\":\"minor\",\"op\":\">\",\"value\":5}]}")),
        T0);
    double[] counter = {100, 110, 300, 2, 12, 13};
    for (int i = 0; i < counter.length; i++) {
      engine.batch(
          "web-1",
          List.of(
              new Point(
                  "net",
                  Map.of("host", "web-1", "iface", "eth0"),
                  Map.of("rx_errors", counter[i]),
                  T0 + i * 10_000L)),
          List.of(),
          0,
          T0 + i * 10_000L);
    }
    // rates: -, 1, 19 (opens), reset (no change), 1 (recovers), 0.1
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.MINOR, null);
    assertThat(changes().get(0).value()).isEqualTo(19.0);
    assertThat(changes().get(0).text()).isEqualTo("errors: rx_errors rising 19/s > 5");
  }

  @Test
  void checkStatusRulesJudgeCheckResults() {
    hosts.add("web-1", false, Set.of(), 1);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"Check failing\",\"kind\":\"check_status\",\"conditions\":["
                    + "{\"severity\":\"major\",\"op\":\"==\",\"value\":\"CRITICAL\"},"
                    + "{\"severity\":\"warning\",\"op\":\"==\",\"value\":\"WARNING\"}]}")),
        T0);
    List<CheckStatus> statuses =
        List.of(CheckStatus.OK, CheckStatus.CRITICAL, CheckStatus.WARNING, CheckStatus.OK);
    for (int i = 0; i < statuses.size(); i++) {
      long at = T0 + i * 10_000L;
      engine.batch("web-1", List.of(), List.of(check("nginx_port", statuses.get(i), at)), 0, at);
    }
    assertThat(changes())
        .extracting(ProblemSignal::severity)
        .containsExactly(Severity.MAJOR, Severity.WARNING, null);
    assertThat(changes().get(0).series()).containsEntry("check", "nginx_port");
    assertThat(changes().get(0).text()).isEqualTo("Check failing: check nginx_port is CRITICAL");
  }

  static CheckResult check(String item, CheckStatus status, long at) {
    return new CheckResult(item, "port", at, status, "msg", 1.0, Map.of(), List.of());
  }

  @Test
  void forecastsOpenWhenTheTrendReachesFullWithinTheHorizon() {
    hosts.add("web-1", false, Set.of(), 1);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"fs filling\",\"kind\":\"forecast\",\"measurement\":\"fs\","
                    + "\"field\":\"used_pct\",\"window\":\"1h\",\"horizon\":\"2h\","
                    + "\"conditions\":[{\"severity\":\"major\"}]}")),
        T0);
    // +10 % per hour from 60 %: full in 4 h at first, within 2 h once past 80 %.
    for (int m = 0; m <= 150; m++) {
      long at = T0 + m * 60_000L;
      engine.batch(
          "web-1",
          List.of(
              new Point(
                  "fs",
                  Map.of("host", "web-1", "mount", "/"),
                  Map.of("used_pct", 60 + m / 6.0),
                  at)),
          List.of(),
          0,
          at);
    }
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.MAJOR);
    ProblemSignal open = changes().get(0);
    assertThat(open.value()).as("the used value when it opened").isBetween(79.8, 80.2);
    assertThat(open.at()).isBetween(T0 + 119 * 60_000L, T0 + 121 * 60_000L);
    assertThat(open.text())
        .startsWith("fs filling: used_pct at ")
        .contains(" reaches 100 in about ")
        .endsWith(" by its trend over 1h");
  }

  @Test
  void absenceOpensAfterTheIntervalsOfTheItemAndRecoversOnTheNextSample() {
    hosts.add("web-1", false, Set.of(), 1);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"cpu quiet\",\"kind\":\"absence\",\"measurement\":\"cpu\","
                    + "\"intervals\":3,\"conditions\":[{\"severity\":\"major\"}]}")),
        T0);
    engine.batch("web-1", List.of(), List.of(), 0, T0);
    engine.tick(T0 + 1000);
    assertThat(signals).extracting(ProblemSignal::severity).containsExactly((Severity) null);
    engine.tick(T0 + 30_000);
    assertThat(changes()).as("3 × 10 s not yet exceeded").isEmpty();
    engine.tick(T0 + 31_000);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.MAJOR);
    assertThat(changes().get(0).text())
        .isEqualTo("cpu quiet: no cpu sample for 31s (expected every 10s)");
    engine.tick(T0 + 40_000);
    assertThat(changes()).hasSize(1);
    send("web-1", T0 + 41_000, 10);
    engine.tick(T0 + 42_000);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.MAJOR, null);
  }

  @Test
  void absenceWaitsForNothingOnHostsWithoutTheItem() {
    hosts.add("web-1", false, Set.of(), 1);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"nginx quiet\",\"kind\":\"absence\",\"measurement\":\"check\","
                    + "\"tags\":{\"check\":\"nginx\"},\"conditions\":[{\"severity\":\"major\"}]}")),
        T0);
    engine.batch("web-1", List.of(), List.of(), 0, T0);
    engine.tick(T0 + 3_600_000);
    assertThat(changes()).isEmpty();
    hosts.intervals.get(1L).put("nginx", 30);
    engine.tick(T0 + 3_601_000);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.MAJOR);
    assertThat(changes().get(0).series()).isEqualTo(Map.of("check", "nginx"));
  }

  @Test
  void aHostIsDownAfterTwoOfItsShortestIntervalsOfSilence() {
    hosts.add("web-1", false, Set.of(), 1);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"Host down\",\"kind\":\"host_down\","
                    + "\"conditions\":[{\"severity\":\"critical\"}]}")),
        T0);
    engine.tick(T0);
    hosts.lastSeen.put("web-1", T0 + 1000);
    engine.tick(T0 + 1000);
    engine.tick(T0 + 21_000);
    assertThat(changes()).as("silent 20 s = 2 × 10 s: not yet").isEmpty();
    engine.tick(T0 + 21_001);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.CRITICAL);
    assertThat(changes().get(0).series()).isEmpty();
    assertThat(changes().get(0).text())
        .isEqualTo("Host down: no report from web-1 for 20s (expected every 10s)");
    hosts.lastSeen.put("web-1", T0 + 30_000);
    engine.tick(T0 + 30_500);
    assertThat(changes())
        .extracting(ProblemSignal::severity)
        .containsExactly(Severity.CRITICAL, null);
  }

  @Test
  void afterAServerRestartHostsGetTheirIntervalsBeforeBeingJudged() {
    hosts.add("web-1", false, Set.of(), 1);
    hosts.lastSeen.put("web-1", T0 - 3_600_000);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"Host down\",\"kind\":\"host_down\","
                    + "\"conditions\":[{\"severity\":\"critical\"}]}")),
        T0);
    engine.tick(T0);
    engine.tick(T0 + 10_000);
    assertThat(signals).as("neither down nor resolved yet").isEmpty();
    engine.tick(T0 + 20_001);
    assertThat(signals).extracting(ProblemSignal::severity).containsExactly(Severity.CRITICAL);
  }

  @Test
  void anAgentlessHostIsDownWhenAllItsChecksAreCritical() {
    hosts.add("router", true, Set.of(), 1);
    hosts.intervals.put(1L, new HashMap<>(Map.of("ping", 30, "web", 30)));
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"Host down\",\"kind\":\"host_down\","
                    + "\"conditions\":[{\"severity\":\"critical\"}]}")),
        T0);
    engine.batch("router", List.of(), List.of(check("ping", CheckStatus.CRITICAL, T0)), 0, T0);
    engine.batch("router", List.of(), List.of(check("web", CheckStatus.OK, T0)), 0, T0);
    engine.tick(T0 + 1000);
    assertThat(changes()).isEmpty();
    engine.batch(
        "router", List.of(), List.of(check("web", CheckStatus.CRITICAL, T0 + 2000)), 0, T0 + 2000);
    engine.tick(T0 + 3000);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.CRITICAL);
    assertThat(changes().get(0).text()).isEqualTo("Host down: every check of router is CRITICAL");
    engine.batch(
        "router", List.of(), List.of(check("ping", CheckStatus.OK, T0 + 4000)), 0, T0 + 4000);
    engine.tick(T0 + 5000);
    assertThat(changes())
        .extracting(ProblemSignal::severity)
        .containsExactly(Severity.CRITICAL, null);
  }

  @Test
  void anAgentlessHostThatPushesDataWithoutChecksIsDownWhenItFallsSilent() {
    hosts.add("telegraf-1", true, Set.of("Linux servers"), 1);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"Host down\",\"kind\":\"host_down\","
                    + "\"conditions\":[{\"severity\":\"critical\"}]}")),
        T0);
    engine.tick(T0);
    hosts.lastSeen.put("telegraf-1", T0 + 1000);
    engine.batch("telegraf-1", List.of(cpu("telegraf-1", T0 + 1000, 5)), List.of(), 0, T0 + 1000);
    engine.tick(T0 + 21_000);
    assertThat(changes()).isEmpty();
    engine.tick(T0 + 21_001);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.CRITICAL);
    assertThat(changes().get(0).text())
        .isEqualTo("Host down: no report from telegraf-1 for 20s (expected every 10s)");
    hosts.lastSeen.put("telegraf-1", T0 + 25_000);
    engine.tick(T0 + 25_500);
    assertThat(changes())
        .extracting(ProblemSignal::severity)
        .containsExactly(Severity.CRITICAL, null);
  }

  @Test
  void flappingSeriesHoldTheirStateInsteadOfSignallingEveryChange() {
    hosts.add("web-1", false, Set.of(), 1);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"flappy\",\"kind\":\"threshold\",\"measurement\":\"cpu\","
                    + "\"field\":\"used_pct\",\"flapWindow\":\"10m\",\"flapMaxChanges\":2,"
                    + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":90}]}")),
        T0);
    for (int i = 0; i < 10; i++) {
      send("web-1", T0 + i * 10_000L, i % 2 == 0 ? 95 : 50);
    }
    assertThat(changes())
        .as("open, recover, then held while flapping")
        .extracting(ProblemSignal::severity)
        .containsExactly(Severity.MAJOR, null);
    send("web-1", T0 + 10 * 60_000L, 95);
    assertThat(changes()).as("5 changes within the last 10 minutes").hasSize(2);
    send("web-1", T0 + 12 * 60_000L, 95);
    assertThat(changes())
        .extracting(ProblemSignal::severity)
        .containsExactly(Severity.MAJOR, null, Severity.MAJOR);
  }

  @Test
  void deletingOrDisablingARuleRecoversItsOpenSeriesAndEditingKeepsThem() {
    hosts.add("web-1", false, Set.of(), 1);
    AlertRule rule = cpuRule("{\"type\":\"all\"}", "0s");
    engine.rules(List.of(rule), T0);
    send("web-1", T0, 95);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.MAJOR);
    AlertRule edited =
        RuleJson.parse(
                RuleJson.JSON.readTree(
                    "{\"name\":\"CPU busy\",\"kind\":\"threshold\",\"measurement\":\"cpu\","
                        + "\"field\":\"used_pct\",\"tags\":{\"cpu\":\"total\"},"
                        + "\"conditions\":[{\"severity\":\"major\",\"op\":\">\",\"value\":92,"
                        + "\"for\":\"5m\"}]}"))
            .withId(rule.id());
    engine.rules(List.of(edited), T0 + 1000);
    send("web-1", T0 + 2000, 95);
    assertThat(changes()).as("still open at major while pending again").hasSize(1);
    engine.rules(List.of(), T0 + 3000);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.MAJOR, null);
    assertThat(changes().get(1).text()).isEqualTo("CPU busy: rule deleted or disabled");
    assertThat(engine.seriesCount()).isZero();
  }

  @Test
  void perCpuConditionsUseTheHostsCpus() {
    hosts.add("big", false, Set.of(), 16);
    hosts.add("small", false, Set.of(), 1);
    engine.rules(
        List.of(
            rule(
                "{\"name\":\"Load high\",\"kind\":\"threshold\",\"measurement\":\"load\","
                    + "\"field\":\"load1\",\"conditions\":[{\"severity\":\"warning\",\"op\":\">\","
                    + "\"value\":2,\"perCpu\":true}]}")),
        T0);
    for (String host : List.of("big", "small")) {
      engine.batch(
          host,
          List.of(new Point("load", Map.of("host", host), Map.of("load1", 8.0), T0)),
          List.of(),
          0,
          T0);
    }
    assertThat(changes()).extracting(ProblemSignal::hostKey).containsExactly("small");
    assertThat(changes().get(0).text()).isEqualTo("Load high: load1 8 > 2");
  }

  @Test
  void changingARulesKindRecoversItsOpenSeries() {
    hosts.add("web-1", false, Set.of(), 1);
    AlertRule absence =
        rule(
            "{\"name\":\"cpu quiet\",\"kind\":\"absence\",\"measurement\":\"cpu\","
                + "\"conditions\":[{\"severity\":\"major\"}]}");
    engine.rules(List.of(absence), T0);
    engine.batch("web-1", List.of(), List.of(), 0, T0);
    engine.tick(T0 + 60_000);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.MAJOR);
    AlertRule threshold =
        RuleJson.parse(
                RuleJson.JSON.readTree(
                    "{\"name\":\"cpu quiet\",\"kind\":\"threshold\",\"measurement\":\"cpu\","
                        + "\"field\":\"used_pct\",\"conditions\":[{\"severity\":\"major\","
                        + "\"op\":\"<\",\"value\":1}]}"))
            .withId(absence.id());
    engine.rules(List.of(threshold), T0 + 61_000);
    engine.tick(T0 + 62_000);
    assertThat(changes()).extracting(ProblemSignal::severity).containsExactly(Severity.MAJOR, null);
    assertThat(changes().get(1).text()).isEqualTo("cpu quiet: rule changed its kind");
  }
}
