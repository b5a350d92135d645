package io.vigil.agent.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.checks.CheckParams;
import io.vigil.model.AgentConfig;
import io.vigil.model.CheckResult;
import io.vigil.model.CheckStatus;
import io.vigil.model.Point;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The check runner with a scripted kind: lifecycle, errors, overlap. No I/O. */
class CheckRunnerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A kind whose instances answer "run N of instance M"; a latch can hold runs. */
  private static final class EchoKind implements CheckKind {
    final AtomicInteger created = new AtomicInteger();
    final List<Integer> closed = new CopyOnWriteArrayList<>();
    volatile CountDownLatch hold = new CountDownLatch(0);

    @Override
    public String kind() {
      return "echo";
    }

    @Override
    public Set<String> paramNames() {
      return Set.of("text", "count", "points");
    }

    @Override
    public RunnableCheck create(String item, CheckParams params, CheckContext context) {
      String text = params.string("text", "hello");
      int count = params.integer("count", 1, 1, 10);
      int points = params.integer("points", 0, 0, 30_000);
      int instance = created.incrementAndGet();
      AtomicInteger runs = new AtomicInteger();
      return new RunnableCheck() {
        @Override
        public CheckReport run() throws InterruptedException {
          hold.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
          int run = runs.incrementAndGet();
          List<Point> own = new ArrayList<>();
          for (int i = 0; i < points; i++) {
            own.add(
                new Point(
                    "echo", Map.of("item", item), Map.of("run", (double) run, "i", (double) i), 1));
          }
          return new CheckReport(
              CheckStatus.OK,
              text + " run " + run + " of instance " + instance,
              Map.of("count", (double) count),
              List.of(),
              own);
        }

        @Override
        public void close() {
          closed.add(instance);
        }
      };
    }
  }

  private final EchoKind echo = new EchoKind();
  private final CheckRunner runner =
      new CheckRunner(
          CheckKinds.of(List.of(echo)),
          new CheckContext(Path.of("/nonexistent"), List.of(), () -> null, Clock.systemUTC()),
          2);
  private final List<CheckResult> results = new ArrayList<>();

  @AfterEach
  void close() {
    echo.hold.countDown();
    runner.close();
  }

  private static AgentConfig.Item check(String kind, Map<String, String> params) {
    return new AgentConfig.Item(30, true, kind, params);
  }

  private CheckResult runAndWait(String item) {
    assertThat(runner.submit(item)).as("started " + item).isTrue();
    await().atMost(WAIT).until(() -> results.addAll(runner.drain(100)));
    return results.getLast();
  }

  @Test
  void unknownKindsAndInvalidParametersReportUnknownAtEveryRun() {
    runner.apply(
        Map.of(
            "gpu", check("gpu_temp", Map.of()),
            "bad", check("echo", Map.of("count", "eleven")),
            "typo", check("echo", Map.of("txet", "x")),
            "cpu", new AgentConfig.Item(10, true),
            "../../etc/evil", check("echo", Map.of())));
    assertThat(runner.items()).containsExactlyInAnyOrder("gpu", "bad", "typo");

    for (int round = 0; round < 2; round++) {
      CheckResult gpu = runAndWait("gpu");
      assertThat(gpu.status()).isEqualTo(CheckStatus.UNKNOWN);
      assertThat(gpu.kind()).isEqualTo("gpu_temp");
      assertThat(gpu.message())
          .isEqualTo("unknown check kind gpu_temp; this agent runs echo (update the agent)");

      CheckResult bad = runAndWait("bad");
      assertThat(bad.status()).isEqualTo(CheckStatus.UNKNOWN);
      assertThat(bad.message())
          .isEqualTo(
              "invalid parameters: parameter count of kind echo must be a whole number from 1 to"
                  + " 10, was 'eleven'");

      assertThat(runAndWait("typo").message())
          .isEqualTo(
              "invalid parameters: unknown parameter txet for kind echo; known: count, points,"
                  + " text");
    }
    assertThat(echo.created).hasValue(0);
    assertThat(runner.submit("cpu")).as("collectors are not checks").isFalse();
  }

  @Test
  void aRunStillUnderWayIsNotStartedTwice() {
    runner.apply(Map.of("slow", check("echo", Map.of())));
    echo.hold = new CountDownLatch(1);

    assertThat(runner.submit("slow")).isTrue();
    assertThat(runner.submit("slow")).isFalse();
    assertThat(runner.submit("slow")).isFalse();
    assertThat(runner.skippedRuns()).isEqualTo(2);

    echo.hold.countDown();
    await().atMost(WAIT).until(() -> results.addAll(runner.drain(100)));
    assertThat(results).hasSize(1);
    assertThat(results.getFirst().message()).isEqualTo("hello run 1 of instance 1");
    await().atMost(WAIT).until(() -> runner.submit("slow"));
  }

  @Test
  void changedParametersMakeANewInstanceAndRemovedItemsAreClosed() {
    runner.apply(Map.of("greet", check("echo", Map.of("text", "hi"))));
    assertThat(runAndWait("greet").message()).isEqualTo("hi run 1 of instance 1");
    assertThat(runAndWait("greet").message()).isEqualTo("hi run 2 of instance 1");

    // Only the interval changes: same instance.
    runner.apply(Map.of("greet", new AgentConfig.Item(5, true, "echo", Map.of("text", "hi"))));
    assertThat(runAndWait("greet").message()).isEqualTo("hi run 3 of instance 1");

    runner.apply(Map.of("greet", check("echo", Map.of("text", "ho"))));
    assertThat(echo.closed).containsExactly(1);
    CheckResult changed = runAndWait("greet");
    assertThat(changed.message()).isEqualTo("ho run 1 of instance 2");
    assertThat(changed.item()).isEqualTo("greet");
    assertThat(changed.kind()).isEqualTo("echo");
    assertThat(changed.metrics()).containsEntry("count", 1.0);

    runner.apply(Map.of("greet", new AgentConfig.Item(5, false, "echo", Map.of("text", "ho"))));
    assertThat(echo.closed).containsExactly(1, 2);
    assertThat(runner.submit("greet")).isFalse();
  }

  @Test
  void anItemRemovedWhileRunningIsClosedWhenTheRunEndsAndItsResultDropped() {
    runner.apply(Map.of("slow", check("echo", Map.of())));
    echo.hold = new CountDownLatch(1);
    assertThat(runner.submit("slow")).isTrue();
    await().atMost(WAIT).until(() -> echo.created.get() == 1);

    runner.apply(Map.of());
    assertThat(echo.closed).isEmpty();
    echo.hold.countDown();

    await().atMost(WAIT).until(() -> echo.closed.contains(1));
    assertThat(runner.drain(100)).isEmpty();
  }

  @Test
  void pointsOfChecksWaitForTheBatchesBoundedOldestDroppedFirst() {
    runner.apply(Map.of("agg", check("echo", Map.of("points", "15000"))));
    runAndWait("agg");
    assertThat(runner.pendingPoints()).isEqualTo(15_000);
    List<Point> first = runner.drainPoints(3);
    assertThat(first).extracting(p -> p.fields().get("i")).containsExactly(0.0, 1.0, 2.0);
    assertThat(first.getFirst().tags()).containsEntry("item", "agg");

    runAndWait("agg");
    assertThat(runner.pendingPoints()).isEqualTo(CheckRunner.MAX_PENDING_POINTS);
    assertThat(runner.droppedPoints()).isEqualTo(14_997 + 15_000 - CheckRunner.MAX_PENDING_POINTS);
    List<Point> rest = runner.drainPoints(Integer.MAX_VALUE);
    assertThat(rest).hasSize(CheckRunner.MAX_PENDING_POINTS);
    assertThat(rest.getLast().fields()).containsEntry("run", 2.0).containsEntry("i", 14_999.0);
    assertThat(runner.drainPoints(10)).isEmpty();
  }
}
