package io.vigil.agent.check.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.agent.collect.LinuxProcSource.Process;
import io.vigil.checks.CheckOutcome;
import io.vigil.model.CheckStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProcessCheckTest {

  private static final long OWN_PID = 999;

  /** A process table the test sets row by row, and a clock it moves. */
  private static final class FakeTable implements ProcessTable {
    List<Process> processes = new ArrayList<>();
    final Map<Integer, String> commandLines = new HashMap<>();
    final Map<Integer, String> users = new HashMap<>();
    long nanos;

    FakeTable add(int pid, String name, String args, String user, long cpuMillis, long rss) {
      processes.add(new Process(pid, 1000 + pid, name, cpuMillis, rss));
      commandLines.put(pid, args);
      users.put(pid, user);
      return this;
    }

    @Override
    public List<Process> processes() {
      return processes;
    }

    @Override
    public String commandLine(int pid) {
      return commandLines.get(pid);
    }

    @Override
    public String user(int pid) {
      return users.get(pid);
    }
  }

  private static ProcessCheck check(ProcessMatch match, FakeTable table) {
    return new ProcessCheck(match, table, () -> table.nanos, OWN_PID);
  }

  @Test
  void countInsideTheBoundsIsOkWithSummedMemory() {
    FakeTable table =
        new FakeTable()
            .add(10, "nginx", "nginx: master process", "root", 0, 1000)
            .add(11, "nginx", "nginx: worker process", "www-data", 0, 2000)
            .add(12, "sshd", "/usr/sbin/sshd -D", "root", 0, 500);

    CheckOutcome outcome = check(new ProcessMatch("nginx", null, null, 1, 4), table).run();

    assertThat(outcome.status()).isEqualTo(CheckStatus.OK);
    assertThat(outcome.message()).isEqualTo("2 processes match (pids 10, 11)");
    assertThat(outcome.metrics())
        .containsEntry("count", 2.0)
        .containsEntry("rss_bytes", 3000.0)
        .doesNotContainKey("cpu_pct"); // one snapshot is not enough
  }

  @Test
  void countOutsideTheBoundsIsCritical() {
    FakeTable table =
        new FakeTable()
            .add(10, "sleep", "sleep 1", "u", 0, 1)
            .add(11, "sleep", "sleep 2", "u", 0, 1);

    CheckOutcome two = check(ProcessMatch.exactlyOne("sleep"), table).run();
    assertThat(two.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(two.message()).startsWith("2 processes match, expected 1..1");

    table.processes = List.of();
    CheckOutcome none = check(new ProcessMatch("sleep", null, null, 1, null), table).run();
    assertThat(none.status()).isEqualTo(CheckStatus.CRITICAL);
    assertThat(none.message()).isEqualTo("0 processes match, expected at least 1");
    assertThat(none.metrics()).containsEntry("count", 0.0).containsEntry("rss_bytes", 0.0);
  }

  @Test
  void cpuIsTheDeltaOfTheProcessesSeenTwiceOverTheElapsedTime() {
    FakeTable table =
        new FakeTable()
            .add(10, "java", "java -jar a.jar", "app", 1_000, 1)
            .add(11, "java", "java -jar b.jar", "app", 5_000, 1);
    ProcessCheck check = check(new ProcessMatch("java", null, null, 0, null), table);
    check.run();

    table.nanos += 2_000_000_000L; // 2 s later
    table.processes = new ArrayList<>();
    table.add(10, "java", "java -jar a.jar", "app", 2_000, 1); // +1000 ms
    table.add(11, "java", "java -jar b.jar", "app", 6_000, 1); // +1000 ms
    table.add(12, "java", "java -jar c.jar", "app", 9_000, 1); // new: no delta yet

    assertThat(check.run().metrics()).containsEntry("cpu_pct", 100.0);
  }

  @Test
  void aReusedPidIsANewProcess() {
    FakeTable table = new FakeTable().add(10, "w", "w", "u", 5_000, 1);
    ProcessCheck check = check(new ProcessMatch("w", null, null, 0, null), table);
    check.run();
    table.nanos += 1_000_000_000L;
    table.processes = List.of(new Process(10, 77_777, "w", 6_000, 1)); // other start time
    assertThat(check.run().metrics()).containsEntry("cpu_pct", 0.0);
  }

  @Test
  void commandLineRegexUserAndNameMustAllHold() {
    FakeTable table =
        new FakeTable()
            .add(10, "python3", "python3 /srv/app/worker.py --queue a", "app", 0, 1)
            .add(11, "python3", "python3 /srv/app/web.py", "app", 0, 1)
            .add(12, "python3", "python3 /srv/app/worker.py --queue b", "root", 0, 1)
            .add(13, "kworker/0:1", "", "root", 0, 1);

    ProcessMatch workersOfApp =
        new ProcessMatch("python3", Pattern.compile("worker\\.py"), "app", 1, 1);
    CheckOutcome outcome = check(workersOfApp, table).run();
    assertThat(outcome.status()).isEqualTo(CheckStatus.OK);
    assertThat(outcome.message()).isEqualTo("1 process matches (pid 10)");

    ProcessMatch kernelThread = new ProcessMatch(null, Pattern.compile("^\\[kworker/"), null, 1, 1);
    assertThat(check(kernelThread, table).run().message()).isEqualTo("1 process matches (pid 13)");
  }

  @Test
  void theAgentItselfAndProcessesThatEndedMeanwhileAreNotCounted() {
    FakeTable table =
        new FakeTable().add((int) OWN_PID, "java", "java -jar vigil-agent.jar", "vigil", 0, 1);
    table.add(20, "java", null, "vigil", 0, 1); // gone before its cmdline was read
    ProcessMatch java = new ProcessMatch(null, Pattern.compile("java"), null, 0, 0);
    assertThat(check(java, table).run().metrics()).containsEntry("count", 0.0);
  }

  @Test
  void aLongNameMatchesTheCommTheKernelCut() {
    ProcessMatch match = ProcessMatch.exactlyOne("systemd-resolved-extra");
    assertThat(match.nameMatches("systemd-resolve")).isTrue(); // 15 bytes
    assertThat(match.nameMatches("systemd-resol")).isFalse();
    assertThat(ProcessMatch.exactlyOne("sleep").nameMatches("sleeper")).isFalse();
  }

  @Test
  void invalidMatchesAreRefused() {
    assertThatThrownBy(() -> new ProcessMatch(null, null, " ", 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a name");
    assertThatThrownBy(() -> new ProcessMatch("x", null, null, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ProcessMatch("x", null, null, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below minCount");
  }

  @Test
  void manyPidsAreCutInTheMessage() {
    FakeTable table = new FakeTable();
    for (int pid = 100; pid < 115; pid++) {
      table.add(pid, "httpd", "httpd", "www", 0, 1);
    }
    String message = check(new ProcessMatch("httpd", null, null, 1, 5), table).run().message();
    assertThat(message)
        .startsWith("15 processes match, expected 1..5 (pids 100, 101,")
        .endsWith("109, …)");
  }
}
