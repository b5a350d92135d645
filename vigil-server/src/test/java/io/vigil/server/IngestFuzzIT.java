package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.model.Point;
import io.vigil.server.testing.ApiClient;
import io.vigil.server.testing.HostileInput;
import io.vigil.server.testing.ProtocolAgent;
import io.vigil.storage.MetricStore;
import io.vigil.storage.RangeQuery;
import io.vigil.storage.Resolution;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the ingest endpoint over real HTTP with hostile bodies from a seeded generator (malformed
 * JSON, invalid UTF-8, huge and non-finite numbers, timestamps far in the past and future, deep
 * nesting, oversized and broken gzip bodies), then a burst of ever-new series: every answer is a
 * handled 4xx (or 503 when the store queue is full), the server stays up and keeps what it had.
 */
class IngestFuzzIT {

  private static final long SEED = Long.getLong("vigil.fuzz.seed", 20261121L);
  private static final int BODIES = Integer.getInteger("vigil.fuzz.ingest-bodies", 1_500);
  private static final Duration BUDGET = Duration.ofSeconds(40);

  @TempDir static Path dataDir;
  static VigilServer server;

  @BeforeAll
  static void start() {
    server = VigilServer.builder().dataDir(dataDir).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long storedSeries(String measurement, String hostKey, String field) {
    Instant now = Instant.now();
    return server
        .bean(MetricStore.class)
        .range(
            new RangeQuery(
                measurement,
                Map.of("host", hostKey),
                List.of(field),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofMinutes(5)),
                Resolution.RAW))
        .series()
        .size();
  }

  private static long storedCpuRows(String hostKey) {
    Instant now = Instant.now();
    return server
        .bean(MetricStore.class)
        .range(
            new RangeQuery(
                "cpu",
                Map.of("host", hostKey),
                List.of("used_pct"),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofMinutes(5)),
                Resolution.RAW))
        .series()
        .stream()
        .mapToLong(s -> s.timestamps().length)
        .sum();
  }

  private static String validBatch(long sequence, long now) {
    return "{\"sequence\":"
        + sequence
        + ",\"sentAt\":"
        + now
        + ",\"points\":[{\"measurement\":\"cpu\",\"tags\":{\"cpu\":\"total\"},"
        + "\"fields\":{\"used_pct\":3.5,\"idle_pct\":96.5},\"timestamp\":"
        + (now - 1_000)
        + "},{\"measurement\":\"fs\",\"tags\":{\"mount\":\"/\"},\"fields\":{\"used_bytes\":1e9},"
        + "\"timestamp\":"
        + (now - 2_000)
        + "}],\"checks\":[{\"item\":\"web\",\"kind\":\"port\",\"timestamp\":"
        + (now - 500)
        + ",\"status\":\"OK\",\"message\":\"ok\",\"durationMs\":1.5,"
        + "\"metrics\":{\"connect_ms\":0.3},\"details\":[]}]}";
  }

  /** One hostile body of the i-th kind: bytes to send and the Content-Encoding, if any. */
  private record Hostile(String kind, byte[] body, String encoding) {}

  private static Hostile hostile(HostileInput gen, int i, long sequence) throws Exception {
    long now = System.currentTimeMillis();
    String valid = validBatch(sequence, now);
    return switch (i % 10) {
      case 0 -> new Hostile("random bytes", gen.randomBytes(3_000), null);
      case 1 -> new Hostile("gzip of random bytes", gzip(gen.randomBytes(3_000)), "gzip");
      case 2 -> new Hostile("broken gzip", broken(gen, gzip(valid.getBytes())), "gzip");
      case 3 -> new Hostile("deep nesting", gen.deeplyNested(10_000), null);
      case 4 -> new Hostile("gzip of a mutation", gzip(gen.mutate(valid)), "gzip");
      case 5 -> new Hostile("timestamp", timestamp(gen, sequence, now), null);
      default -> new Hostile("mutation", gen.mutate(valid), null);
    };
  }

  /** A point whose timestamp is far in the past or future, or at the edges of a long. */
  private static byte[] timestamp(HostileInput gen, long sequence, long now) {
    long[] timestamps = {
      Long.MAX_VALUE,
      Long.MIN_VALUE,
      0,
      -1,
      1,
      now + Duration.ofDays(365 * 1000L).toMillis(),
      now - Duration.ofDays(365 * 100L).toMillis(),
      now + Duration.ofMinutes(11).toMillis(),
      now - Duration.ofDays(8).toMillis(),
      253_402_300_800_000L
    };
    long ts = timestamps[gen.random().nextInt(timestamps.length)];
    return ("{\"sequence\":"
            + sequence
            + ",\"sentAt\":"
            + ts
            + ",\"points\":[{\"measurement\":\"cpu\",\"tags\":{},\"fields\":{\"x\":1},"
            + "\"timestamp\":"
            + ts
            + "}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void hostileBodiesAreRefusedCleanlyAndNothingStoredIsLost() throws Exception {
    ProtocolAgent keeper = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "keep");
    long start = System.currentTimeMillis() - 60_000;
    assertThat(keeper.send(1, ProtocolAgent.cpuPoints(start, 20)).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> storedCpuRows(keeper.hostKey()) == 20);

    ProtocolAgent fuzzer = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "fuzz");
    HostileInput gen = new HostileInput(SEED);
    long deadline = System.nanoTime() + BUDGET.toNanos();
    int sent = 0;
    int accepted = 0;
    for (int i = 0; i < BODIES && System.nanoTime() < deadline; i++) {
      Hostile h = hostile(gen, i, 2 + i);
      ApiClient.Response response = fuzzer.sendRaw(h.body(), h.encoding(), "application/json");
      HostileInput.assertHandled(response, "seed " + SEED + " #" + i + " " + h.kind(), true);
      sent++;
      if (response.status() == 200) {
        accepted++;
      }
    }
    assertThat(sent).as("bodies sent in %s", BUDGET).isGreaterThan(200);
    assertThat(accepted).as("most hostile bodies are refused").isLessThan(sent / 2);

    // Found by fuzzing (500s before): a body Jackson takes for UCS-4, a gzip header cut short.
    ApiClient.Response ucs4 =
        fuzzer.sendRaw(
            new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '}'}, null, "application/json");
    HostileInput.assertHandled(ucs4, "UCS-4", false);
    assertThat(ucs4.json().get("message").asString()).contains("not UTF-8");
    ApiClient.Response cut =
        fuzzer.sendRaw(new byte[] {0x1f, (byte) 0x8b, 8}, "gzip", "application/json");
    HostileInput.assertHandled(cut, "cut gzip", false);
    assertThat(cut.status()).isEqualTo(400);
    assertThat(cut.json().get("message").asString()).contains("gzip");

    // Limits the generator does not reach by chance.
    HostileInput.assertHandled(
        fuzzer.sendRaw(new byte[5 * 1024 * 1024], null, "application/json"), "5 MiB", false);
    HostileInput.assertHandled(
        fuzzer.sendRaw(hugeArray(), null, "application/json"), "25,000 points", false);
    HostileInput.assertHandled(
        fuzzer.sendRaw("{\"sequence\":1}".getBytes(), "br", "application/json"), "brotli", false);
    HostileInput.assertHandled(
        fuzzer.sendRaw(validBatch(1, start).getBytes(), null, "application/x-www-form-urlencoded"),
        "form",
        false);

    assertThat(new ApiClient(server.baseUri()).get("/api/v1/health").status()).isEqualTo(200);
    assertThat(storedCpuRows(keeper.hostKey())).as("data stored before").isEqualTo(20);
    ApiClient.Response next = keeper.send(2, ProtocolAgent.cpuPoints(start + 30_000, 5));
    assertThat(next.status()).as(next.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> storedCpuRows(keeper.hostKey()) == 25);
  }

  /**
   * The write endpoints of other programs get the same: hostile line protocol (random bytes, a
   * Telegraf batch with bytes flipped, cut or inserted, broken gzip, over-long lines) and hostile
   * Glances JSON. Every answer is handled; what was written before stays.
   */
  @Test
  void hostileLineProtocolAndGlancesBodiesAreAnsweredCleanly() {
    ApiClient admin = ApiClient.loggedInAdmin(server);
    ApiClient.Response created = admin.post("/api/v1/ingest-tokens", "{\"name\":\"fuzz\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String token = created.json().get("token").asString();
    long seconds = System.currentTimeMillis() / 1000 - 60;
    String keep =
        "cpu,cpu=cpu-total,host=keeper-host usage_idle=90,usage_user=10 " + seconds + "\n";
    ApiClient.Response kept =
        writeRaw(token, "/write?db=telegraf&precision=s", keep.getBytes(), null);
    assertThat(kept.status()).as(kept.body()).isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> storedSeries("cpu", "keeper-host", "used_pct") == 1);
    String batch =
        "cpu,cpu=cpu-total,host=lpfz usage_idle=90,usage_user=10 "
            + seconds
            + "\nmem,host=lpfz total=100i,available=40i,s=\"a\\\"b\" "
            + seconds
            + "\nnet,host=lpfz,interface=e\\ 0 bytes_recv=1i,bytes_sent=2u,up=t "
            + seconds
            + "\n";
    ApiClient.Response good =
        writeRaw(token, "/write?db=telegraf&precision=s", batch.getBytes(), null);
    assertThat(good.status()).as(good.body()).isEqualTo(204);

    HostileInput gen = new HostileInput(SEED + 7);
    String glances =
        "{\"system\":{\"hostname\":\"gl-fuzz\"},\"cpu\":{\"idle\":90,\"user\":5},"
            + "\"fs\":{\"/.key\":\"mnt_point\",\"/.mnt_point\":\"/\",\"/.size\":10,"
            + "\"/.used\":1,\"/.free\":9}}";
    long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
    int sent = 0;
    for (int i = 0; i < 1_500 && System.nanoTime() < deadline; i++) {
      byte[] body;
      String path = i % 2 == 0 ? "/write?db=telegraf&precision=s" : "/api/v2/write?bucket=b";
      String encoding = null;
      switch (i % 6) {
        case 0 -> body = gen.randomBytes(1 + gen.random().nextInt(3_000));
        case 1, 2 -> body = flip(gen, batch.getBytes(StandardCharsets.UTF_8));
        case 3 -> {
          body = gen.randomBytes(1 + gen.random().nextInt(200));
          encoding = "gzip";
        }
        case 4 -> {
          body = gen.mutate(glances);
          path = "/api/v1/glances";
        }
        default -> {
          body =
              i % 12 == 5
                  ? gen.deeplyNested(5_000)
                  : ("m,host=x v=1,pad=\"" + "y".repeat(2 << 20) + "\"\n").getBytes();
          path = i % 12 == 5 ? "/api/v1/glances" : path;
        }
      }
      ApiClient.Response response = writeRaw(token, path, body, encoding);
      HostileInput.assertHandled(response, "seed " + SEED + " #" + i + " " + path, true);
      sent++;
    }
    assertThat(sent).isGreaterThan(100);
    assertThat(new ApiClient(server.baseUri()).get("/api/v1/health").status()).isEqualTo(200);
    assertThat(storedSeries("cpu", "keeper-host", "used_pct")).as("written before").isEqualTo(1);
    ApiClient.Response again =
        writeRaw(token, "/write?db=telegraf&precision=s", batch.getBytes(), null);
    assertThat(again.status()).as(again.body()).isEqualTo(204);
  }

  private static byte[] flip(HostileInput gen, byte[] valid) {
    byte[] body = valid.clone();
    int edits = 1 + gen.random().nextInt(8);
    for (int e = 0; e < edits; e++) {
      int at = gen.random().nextInt(body.length);
      if (gen.random().nextInt(4) == 0) {
        body = java.util.Arrays.copyOf(body, at + 1);
      } else {
        body[at] = (byte) gen.random().nextInt(256);
      }
    }
    return body;
  }

  private static ApiClient.Response writeRaw(
      String token, String path, byte[] body, String encoding) {
    ApiClient client = new ApiClient(server.baseUri());
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(server.baseUri().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Token " + token)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return client.send(request);
  }

  /**
   * Ten million new series from one host, in batches of 5,000: the first 10,000 (the default {@code
   * vigil.ingest.max-series-per-host}) are stored, every later batch is refused with a message
   * naming the limit, the server's heap does not grow with the burst, known series keep flowing and
   * other hosts are not affected.
   */
  @Test
  void aTenMillionSeriesBurstIsCappedPerHostAndTheServerKeepsServing() {
    ProtocolAgent burst = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "burst");
    long now = System.currentTimeMillis();
    int batchSize = 5_000;
    int batches = 2_000;
    long heapBefore = usedHeapAfterGc();
    long started = System.nanoTime();
    int accepted = 0;
    int refused = 0;
    for (int b = 0; b < batches; b++) {
      ApiClient.Response response = burst.send(1 + b, burstPoints(b * batchSize, batchSize, now));
      if (response.status() == 200) {
        accepted++;
      } else {
        HostileInput.assertHandled(response, "burst batch " + b, false);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asString()).isEqualTo("too_many_series");
        assertThat(response.json().get("message").asString())
            .contains("10000")
            .contains("vigil.ingest.max-series-per-host");
        refused++;
      }
    }
    long heapGrowth = usedHeapAfterGc() - heapBefore;
    System.out.printf(
        "IngestFuzzIT: %,d series sent in %d batches in %d ms; heap grew by %d MB%n",
        (long) batches * batchSize,
        batches,
        (System.nanoTime() - started) / 1_000_000,
        heapGrowth >> 20);
    assertThat(accepted).as("batches within the cap").isEqualTo(2);
    assertThat(refused).isEqualTo(batches - 2);
    assertThat(storedSeries("burst", burst.hostKey(), "v")).isEqualTo(10_000);
    // Holding the ten million series (or their points) would take well over a gigabyte.
    assertThat(heapGrowth).as("heap growth after the burst").isLessThan(256L << 20);

    ApiClient.Response known = burst.send(batches + 1, burstPoints(0, batchSize, now + 1_000));
    assertThat(known.status()).as("known series still flow: " + known.body()).isEqualTo(200);
    ProtocolAgent other = ProtocolAgent.enrol(server.baseUri(), server.enrolmentToken(), "calm");
    assertThat(other.send(1, burstPoints(0, batchSize, now)).status()).isEqualTo(200);
    assertThat(new ApiClient(server.baseUri()).get("/api/v1/health").status()).isEqualTo(200);
    assertThat(storedSeries("burst", burst.hostKey(), "v")).isEqualTo(10_000);
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static List<Point> burstPoints(int first, int count, long timestamp) {
    List<Point> points = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      points.add(new Point("burst", Map.of("id", "req-" + i), Map.of("v", (double) i), timestamp));
    }
    return points;
  }

  /** A gzip stream with flipped bytes or cut short. */
  private static byte[] broken(HostileInput gen, byte[] gzipped) {
    byte[] copy = gzipped.clone();
    if (gen.random().nextBoolean()) {
      return java.util.Arrays.copyOf(copy, gen.random().nextInt(copy.length));
    }
    for (int i = 0; i < 1 + gen.random().nextInt(3); i++) {
      copy[gen.random().nextInt(copy.length)] ^= (byte) (1 + gen.random().nextInt(255));
    }
    return copy;
  }

  /** More points than a batch may hold, each valid. */
  private static byte[] hugeArray() {
    long now = System.currentTimeMillis();
    StringBuilder json = new StringBuilder("{\"sequence\":999999,\"sentAt\":1,\"points\":[");
    for (int i = 0; i < 25_000; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"measurement\":\"m\",\"fields\":{\"v\":1},\"timestamp\":")
          .append(now)
          .append('}');
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] body) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(body);
    }
    return bytes.toByteArray();
  }
}
