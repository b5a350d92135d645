package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.Closing;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.Resolution;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's data directory on a small tmpfs of its own (mounted for the test; the CI machine
 * runs tests as root), filled up to the last byte while an agent sends: ingest answers 503 with a
 * message and the server keeps serving; once space returns the agent's retried batches are
 * acknowledged, and every acknowledged sample is stored exactly once.
 */
class DiskFullIT {

  private static final int POINTS = 50;
  private static final int MIN_FREE_MB = 160;

  /** What the filler leaves free: under the minimum, so ingest is refused before the disk is. */
  private static final int LEFT_FREE_MB = 64;

  Path mount;
  VigilServer server;

  @BeforeEach
  void mount() throws Exception {
    mount = Files.createTempDirectory("vigil-disk-full");
    run("mount", "-t", "tmpfs", "-o", "size=1g", "tmpfs", mount.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    Closing.all(server);
    run("umount", mount.toString());
    Files.deleteIfExists(mount);
  }

  @Test
  void aFullDiskAnswers503LosesNothingAndRecoversWhenSpaceReturns() throws Exception {
    server =
        VigilServer.builder()
            .dataDir(mount.resolve("data"))
            .property("vigil.storage.min-free-space", MIN_FREE_MB + "MB")
            .start();
    ProtocolAgent agent =
        ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "disk-full");
    long base = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
    long sequence = 0;
    for (int i = 0; i < 20; i++) {
      sequence++;
      assertThat(agent.send(sequence, points(base, sequence)).status()).isEqualTo(200);
    }

    Path filler = mount.resolve("filler");
    fill(filler, LEFT_FREE_MB);
    // The disk is full: the next batches are refused with 503 (the agent keeps them spooled).
    long refusedSequence = sequence + 1;
    Thread.sleep(1_100); // free space is read at most once a second
    for (int attempt = 0; attempt < 5; attempt++) {
      ApiClient.Response response = agent.send(refusedSequence, points(base, refusedSequence));
      assertThat(response.status()).as(response.body()).isEqualTo(503);
      assertThat(response.json().get("message").asText()).contains("disk is full");
    }
    ApiClient admin = ApiClient.loggedInAdmin(server);
    assertThat(admin.get("/api/v1/hosts").status()).as("the API keeps answering").isEqualTo(200);
    assertThat(admin.get("/api/v1/health").status()).isEqualTo(200);

    Files.delete(filler);
    long sent = resumeSending(agent, base, refusedSequence, 20);
    System.out.printf(
        "DiskFullIT: %d batches stored, the one refused while the disk was full included%n", sent);

    long last = sent;
    await("every acknowledged sample is readable")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(stored(agent.hostKey(), base)).hasSize((int) last * POINTS));
    Map<Long, Double> rows = stored(agent.hostKey(), base);
    for (long s = 1; s <= last; s++) {
      for (int i = 0; i < POINTS; i++) {
        assertThat(rows.get(timestamp(base, s, i))).as("batch %d point %d", s, i).isEqualTo(s);
      }
    }
  }

  /**
   * Something else fills the disk to the last byte (the guard cannot prevent that): the store and
   * the config database fail their writes, ingest answers 503, and once space returns the server
   * recovers by itself with nothing acknowledged lost.
   */
  @Test
  void aDiskFilledToTheLastByteByAnotherProgramIsSurvived() throws Exception {
    server =
        VigilServer.builder()
            .dataDir(mount.resolve("data"))
            .property("vigil.storage.min-free-space", "1MB")
            .start();
    ProtocolAgent agent = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "zero");
    long base = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
    long sequence = 0;
    for (int i = 0; i < 10; i++) {
      sequence++;
      assertThat(agent.send(sequence, points(base, sequence)).status()).isEqualTo(200);
    }
    Path filler = mount.resolve("filler");
    fill(filler, 0);
    int refused = 0;
    for (int i = 0; i < 20; i++) {
      ApiClient.Response response = agent.send(sequence + 1, points(base, sequence + 1));
      assertThat(response.status()).as(response.body()).isIn(200, 503);
      if (response.status() == 200) {
        sequence++;
      } else {
        refused++;
      }
      Thread.sleep(250);
    }
    System.out.printf("DiskFullIT: on a full disk, %d of 20 batches refused with 503%n", refused);
    Files.delete(filler);
    long sent = resumeSending(agent, base, sequence + 1, 10);
    await("the API answers again: the config database reopened")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              ApiClient.Response hosts = ApiClient.loggedInAdmin(server).get("/api/v1/hosts");
              assertThat(hosts.status()).isEqualTo(200);
              assertThat(hosts.body()).as("the host enrolled before").contains(agent.hostKey());
            });
    long last = sent;
    await("every acknowledged sample is readable")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(stored(agent.hostKey(), base)).hasSize((int) last * POINTS));
  }

  /**
   * After space returned: re-sends the refused batch as the agent's spool does until it is
   * acknowledged (within 60 s), then {@code more} batches, each acknowledged at once.
   *
   * @return the last sequence sent
   */
  private static long resumeSending(ProtocolAgent agent, long base, long refused, int more)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int status = 0;
    while (System.nanoTime() < deadline && status != 200) {
      status = agent.send(refused, points(base, refused)).status();
      if (status != 200) {
        Thread.sleep(500);
      }
    }
    assertThat(status).as("the refused batch is acknowledged once space returns").isEqualTo(200);
    long sent = refused;
    for (int i = 0; i < more; i++) {
      sent++;
      assertThat(agent.send(sent, points(base, sent)).status()).isEqualTo(200);
    }
    return sent;
  }

  /** Writes zeros until only {@code leftMb} are left, or (0) the file system refuses more. */
  private static void fill(Path filler, int leftMb) throws IOException {
    byte[] chunk = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (Files.getFileStore(filler).getUsableSpace() > leftMb * (1L << 20)) {
        out.write(chunk);
      }
      if (leftMb == 0) {
        out.write(chunk); // the last partial chunk; fails with ENOSPC
      }
    } catch (IOException e) {
      if (leftMb != 0 || !e.getMessage().contains("space")) {
        throw e;
      }
    }
  }

  private Map<Long, Double> stored(String host, long base) {
    Map<Long, Double> rows = new HashMap<>();
    for (var series :
        server
            .bean(MetricStore.class)
            .range(
                new RangeQuery(
                    "cpu",
                    Map.of("host", host),
                    List.of("used_pct"),
                    Instant.ofEpochMilli(base - 1_000),
                    Instant.now().plus(Duration.ofMinutes(1)),
                    Resolution.RAW))
            .series()) {
      double[] used = series.fields().get("used_pct").avg();
      for (int i = 0; i < series.timestamps().length; i++) {
        Double before = rows.put(series.timestamps()[i], used[i]);
        assertThat(before).as("sample at %d stored twice", series.timestamps()[i]).isNull();
      }
    }
    return rows;
  }

  private static List<Point> points(long base, long sequence) {
    Point[] points = new Point[POINTS];
    for (int i = 0; i < POINTS; i++) {
      points[i] =
          new Point(
              "cpu",
              Map.of("cpu", "total"),
              Map.of("used_pct", (double) sequence),
              timestamp(base, sequence, i));
    }
    return List.of(points);
  }

  private static long timestamp(long base, long sequence, int index) {
    return base + (sequence - 1) * POINTS + index;
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor())
        .as("%s (the test mounts a tmpfs: it runs as root): %s", String.join(" ", command), output)
        .isZero();
  }
}
