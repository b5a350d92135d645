package io.vigil.server.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.model.Severity;
import io.vigil.server.ingest.StoredBatch;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The evaluator's thread and queue: ingest never waits, and nothing stops the loop. */
class AlertEvaluatorTest {

  /** Rules that can be slow (a stuck database) or fail once. */
  static final class TestRules extends RuleRepository {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean failOnce = new AtomicBoolean();
    volatile List<AlertRule> rules = List.of();

    TestRules() {
      super(null);
    }

    @Override
    List<AlertRule> findAll() {
      if (failOnce.getAndSet(false)) {
        throw new IllegalStateException("the database is down");
      }
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return rules;
    }
  }

  /** Every host known, one CPU, a 10 s cpu item. */
  static final class TestHosts extends HostIndex {
    TestHosts() {
      super(null, null, null);
    }

    @Override
    public Host host(String key) {
      return new Host(1, key, false, Set.of(), 1);
    }

    @Override
    public Collection<Host> hosts() {
      return List.of();
    }

    @Override
    public Map<String, Integer> enabledIntervals(long hostId) {
      return Map.of("cpu", 10);
    }

    @Override
    public Long lastSeen(String hostKey) {
      return null;
    }
  }

  final TestRules rules = new TestRules();
  final List<ProblemSignal> received = new CopyOnWriteArrayList<>();
  AlertEvaluator evaluator;

  AlertEvaluator evaluator(int capacity, ProblemSink beanSink) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("sink", beanSink);
    evaluator =
        new AlertEvaluator(
            rules,
            beans.getBeanProvider(ProblemSink.class),
            new TestHosts(),
            new AlertingProperties(capacity, Duration.ofMillis(50), true));
    evaluator.addSink(received::add);
    evaluator.start();
    return evaluator;
  }

  @AfterEach
  void stop() {
    rules.release.countDown();
    if (evaluator != null) {
      evaluator.stop();
    }
  }

  static StoredBatch hot(String host, long at) {
    return new StoredBatch(
        host,
        List.of(
            new Point("cpu", Map.of("host", host, "cpu", "total"), Map.of("used_pct", 95.0), at)),
        List.of());
  }

  @Test
  void aFullQueueDropsBatchesWithoutBlockingIngest() {
    AlertEvaluator evaluator = evaluator(2, signal -> {});
    long started = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      evaluator.onStored(hot("web-" + i, 1_000_000L + i));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(evaluator.droppedBatches()).isBetween(7L, 8L);
    rules.release.countDown();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> evaluator.judgedBatches() + evaluator.droppedBatches() == 10);
    assertThat(evaluator.queued()).isZero();
  }

  @Test
  void aFailingRuleLoadAndAFailingSinkDoNotStopTheLoop() {
    rules.failOnce.set(true);
    rules.release.countDown();
    rules.rules =
        List.of(
            RuleJson.parse(
                    RuleJson.JSON.readTree(
                        "{\"name\":\"hot\",\"kind\":\"threshold\",\"measurement\":\"cpu\","
                            + "\"field\":\"used_pct\",\"conditions\":[{\"severity\":\"major\","
                            + "\"op\":\">\",\"value\":90}]}"))
                .withId(1));
    AlertEvaluator evaluator =
        evaluator(
            100,
            signal -> {
              throw new IllegalStateException("the problem store is down");
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              evaluator.onStored(hot("web-1", System.currentTimeMillis()));
              return !received.isEmpty();
            });
    assertThat(received.get(0).severity()).isEqualTo(Severity.MAJOR);
    assertThat(received.get(0).hostKey()).isEqualTo("web-1");
    assertThat(evaluator.signalCount()).isEqualTo(1);
    assertThat(evaluator.latency().count()).isEqualTo(1);
    assertThat(evaluator.isRunning()).isTrue();
  }
}
