package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.server.testing.ServerProcess;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.RangeResult;
import io.vigil.storage.Resolution;
import io.vigil.storage.questdb.QuestDbMetricStore;
import io.vigil.storage.questdb.QuestDbSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault test of the acknowledgement promise: a fleet of protocol agents sends numbered samples
 * while the server process is killed with SIGKILL every few seconds and restarted on the same data
 * directory and port, ten times. Each agent re-sends its current batch until it is acknowledged, as
 * a real agent does from its spool. Afterwards every acknowledged sample is in the store exactly
 * once, and nothing is there that was never sent.
 */
class ServerKillIT {

  private static final int AGENTS = 20;
  private static final int POINTS_PER_BATCH = 25;
  private static final int KILLS = 10;
  private static final long PACE_MILLIS = 200;
  private static final long RETRY_MILLIS = 100;
  private static final Path SERVER_MODULE = Path.of("").toAbsolutePath();

  @TempDir Path dataDir;

  @Test
  void everyAcknowledgedSampleSurvivesTenKills() throws Exception {
    int port = freePort();
    URI base = URI.create("http://127.0.0.1:" + port);
    Path log = SERVER_MODULE.resolve("target/server-kill-it.log");
    Files.deleteIfExists(log);
    long base0 = Instant.now().minus(Duration.ofHours(6)).toEpochMilli();

    ServerProcess server = ServerProcess.start(dataDir, port, log);
    List<Long> restartMillis = new ArrayList<>();
    List<Sender> senders = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    try {
      restartMillis.add(server.awaitHealthy(base));
      // Written by an ApplicationRunner, i.e. just after the web server started answering.
      Path tokenFile = dataDir.resolve("enrolment-token");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.isRegularFile(tokenFile) && !Files.readString(tokenFile).isBlank());
      String enrolmentToken = Files.readString(tokenFile).strip();
      for (int i = 0; i < AGENTS; i++) {
        ProtocolAgent agent = ProtocolAgent.enrol(base, enrolmentToken, "kill-host-" + i);
        senders.add(new Sender(agent, base0));
      }
      for (Sender sender : senders) {
        threads.add(Thread.ofPlatform().name(sender.agent.hostname()).start(sender::run));
      }

      List<Long> ackedPerWindow = new ArrayList<>();
      int inFlightAtKills = 0;
      for (int kill = 1; kill <= KILLS; kill++) {
        long before = ackedSamples(senders);
        Thread.sleep(ThreadLocalRandom.current().nextLong(2_000, 4_001));
        inFlightAtKills += (int) senders.stream().filter(s -> s.inFlight).count();
        int exit = server.kill();
        assertThat(exit)
            .as("kill %d ends the server with SIGKILL", kill)
            .isEqualTo(ServerProcess.SIGKILL_EXIT);
        ackedPerWindow.add(ackedSamples(senders) - before);
        server = ServerProcess.start(dataDir, port, log);
        restartMillis.add(server.awaitHealthy(base));
      }
      // Let every agent get its re-sent batch acknowledged by the last server, then stop them.
      Thread.sleep(2_000);
      senders.forEach(Sender::stop);
      for (Thread thread : threads) {
        thread.join(30_000);
      }
      senders.forEach(s -> assertThat(s.failure.get()).as(s.agent.hostname()).isNull());
      assertThat(ackedPerWindow)
          .as("samples were acknowledged between every two kills")
          .allMatch(n -> n > 0);
      assertThat(server.stop()).as("the server stops cleanly after the kills").isTrue();

      long acked = ackedSamples(senders);
      long resent = senders.stream().mapToLong(s -> s.resentBatches).sum();
      System.out.printf(
          "ServerKillIT: %d kills, %d samples acknowledged (per window %s), %d batches re-sent,"
              + " %d requests in flight at the kills, start times ms %s%n",
          KILLS, acked, ackedPerWindow, resent, inFlightAtKills, restartMillis);
      assertStored(senders);
    } finally {
      senders.forEach(Sender::stop);
      threads.forEach(Thread::interrupt);
      server.kill();
    }
  }

  private static long ackedSamples(List<Sender> senders) {
    return senders.stream().mapToLong(s -> s.ackedSequence.get() * POINTS_PER_BATCH).sum();
  }

  /** Reads the store the killed servers left behind: each acknowledged sample exactly once. */
  private void assertStored(List<Sender> senders) {
    List<String> problems = new ArrayList<>();
    try (QuestDbMetricStore store =
        QuestDbMetricStore.open(QuestDbSettings.defaults(dataDir.resolve("metrics")))) {
      store.awaitApplied(Duration.ofSeconds(60));
      for (Sender sender : senders) {
        problems.addAll(sender.check(store));
      }
    }
    assertThat(problems).as("lost, duplicated or unexpected samples").isEmpty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * One simulated agent: batch {@code n} holds samples {@code base + (n - 1) * 25 ... + 24} (ms),
   * used_pct = n. The next batch is sent only once the current one is acknowledged.
   */
  private static final class Sender {
    private final ProtocolAgent agent;
    private final long base;
    private final AtomicLong ackedSequence = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile boolean inFlight;
    private volatile long sentSequence;
    private long resentBatches;

    Sender(ProtocolAgent agent, long base) {
      this.agent = agent;
      this.base = base;
    }

    void stop() {
      stopping.set(true);
    }

    void run() {
      try {
        for (long sequence = 1; !stopping.get(); sequence++) {
          sentSequence = sequence;
          if (!sendUntilAcknowledged(sequence)) {
            return;
          }
          Thread.sleep(PACE_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e.toString());
      }
    }

    /** Like an agent's spool: the same batch again and again until acknowledged. */
    private boolean sendUntilAcknowledged(long sequence) throws InterruptedException {
      List<Point> points = points(sequence);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
        if (attempt == 1) {
          resentBatches++;
        }
        ApiClient.Response response = null;
        inFlight = true;
        try {
          response = agent.send(sequence, points);
        } catch (UncheckedIOException e) {
          // The server is down or died mid-request: retry.
        } finally {
          inFlight = false;
        }
        if (response != null && response.status() == 200) {
          long ack = response.json().get("ackSequence").asLong();
          if (ack < sequence) {
            failure.compareAndSet(null, "batch " + sequence + " answered with ack " + ack);
            return false;
          }
          ackedSequence.set(sequence);
          return true;
        }
        if (response != null && response.status() != 503) {
          failure.compareAndSet(null, "batch " + sequence + " refused: " + response);
          return false;
        }
        Thread.sleep(RETRY_MILLIS);
      }
      failure.compareAndSet(null, "batch " + sequence + " not acknowledged within 60 s");
      return false;
    }

    private List<Point> points(long sequence) {
      List<Point> points = new ArrayList<>(POINTS_PER_BATCH);
      for (int i = 0; i < POINTS_PER_BATCH; i++) {
        points.add(
            new Point(
                "cpu",
                Map.of("cpu", "total"),
                Map.of("used_pct", (double) sequence, "idle_pct", (double) i),
                timestamp(sequence, i)));
      }
      return points;
    }

    private long timestamp(long sequence, int index) {
      return base + (sequence - 1) * POINTS_PER_BATCH + index;
    }

    /** What is wrong with this agent's samples in the store; empty when all is well. */
    List<String> check(QuestDbMetricStore store) {
      RangeResult result =
          store.range(
              new RangeQuery(
                  "cpu",
                  Map.of("host", agent.hostKey()),
                  List.of("used_pct"),
                  Instant.ofEpochMilli(base - 1_000),
                  Instant.now().plus(Duration.ofMinutes(1)),
                  Resolution.RAW));
      Map<Long, Integer> rows = new HashMap<>();
      Map<Long, Double> values = new HashMap<>();
      for (RangeResult.Series series : result.series()) {
        double[] used = series.fields().get("used_pct").avg();
        for (int i = 0; i < series.timestamps().length; i++) {
          rows.merge(series.timestamps()[i], 1, Integer::sum);
          values.put(series.timestamps()[i], used[i]);
        }
      }
      long missing = 0;
      long duplicated = 0;
      long wrong = 0;
      long acked = ackedSequence.get();
      for (long sequence = 1; sequence <= acked; sequence++) {
        for (int i = 0; i < POINTS_PER_BATCH; i++) {
          long timestamp = timestamp(sequence, i);
          int count = rows.getOrDefault(timestamp, 0);
          if (count == 0) {
            missing++;
          } else if (count > 1) {
            duplicated++;
          } else if (values.get(timestamp) != sequence) {
            wrong++;
          }
        }
      }
      long lastSent = timestamp(sentSequence, POINTS_PER_BATCH - 1);
      long unexpected = rows.keySet().stream().filter(t -> t < base || t > lastSent).count();
      List<String> problems = new ArrayList<>();
      if (missing + duplicated + wrong + unexpected > 0) {
        problems.add(
            "%s (%d batches acknowledged): %d missing, %d duplicated, %d wrong, %d never sent"
                .formatted(agent.hostname(), acked, missing, duplicated, wrong, unexpected));
      }
      return problems;
    }
  }
}
