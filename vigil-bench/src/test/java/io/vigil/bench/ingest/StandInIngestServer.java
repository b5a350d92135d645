package io.vigil.bench.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.model.AgentConfig;
import io.vigil.model.ApiError;
import io.vigil.model.Batch;
import io.vigil.model.Enrolment;
import io.vigil.model.IngestAck;
import io.vigil.model.InvalidInputException;
import io.vigil.model.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * TEST STAND-IN for the Vigil server's agent API, not the server: the JDK's HttpServer answering
 * {@code /api/v1/agent/enrol} and {@code /api/v1/agent/ingest} as docs/api.md specifies them
 * (strict parsing, per-agent sequences, re-acknowledged duplicates), storing nothing but counts. It
 * lets the load generator be tested end to end over real HTTP while the server is being written;
 * its throughput says nothing about the real server's.
 */
final class StandInIngestServer implements AutoCloseable {

  private static final WireCodec STRICT = WireCodec.strict();

  /** What the stand-in received from one agent, in arrival order. */
  record Received(long sequence, int samples, boolean inventory) {}

  private final HttpServer http;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final String enrolmentToken;
  private final int rejectEvery;
  private final Duration delay;
  private final Map<String, AtomicLong> inFlightByHost = new ConcurrentHashMap<>();
  private final AtomicLong inFlight = new AtomicLong();
  final AtomicLong maxInFlight = new AtomicLong();
  final AtomicLong maxInFlightPerHost = new AtomicLong();
  private final Map<String, String> hostByToken = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastSequence = new ConcurrentHashMap<>();
  private final Map<String, List<Received>> stored = new ConcurrentHashMap<>();
  private final LongAdder ingestRequests = new LongAdder();
  final LongAdder enrolments = new LongAdder();
  final LongAdder storedSamples = new LongAdder();

  /**
   * @param rejectEvery answer every n-th ingest request with 503 (queue full); 0 never
   * @param delay how long each ingest request takes, to play a slow server
   */
  private StandInIngestServer(int port, String enrolmentToken, int rejectEvery, Duration delay)
      throws IOException {
    this.enrolmentToken = enrolmentToken;
    this.rejectEvery = rejectEvery;
    this.delay = delay;
    // A backlog for the burst of connections a fleet opens at once.
    this.http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
    http.setExecutor(threads);
    http.createContext("/api/v1/agent/enrol", this::enrol);
    http.createContext("/api/v1/agent/ingest", this::ingest);
    http.createContext("/api/v1/agent/config", this::config);
    http.start();
  }

  static StandInIngestServer start(String enrolmentToken, int rejectEvery) throws IOException {
    return new StandInIngestServer(0, enrolmentToken, rejectEvery, Duration.ZERO);
  }

  static StandInIngestServer slow(String enrolmentToken, Duration delay) throws IOException {
    return new StandInIngestServer(0, enrolmentToken, 0, delay);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  Map<String, List<Received>> stored() {
    return stored;
  }

  @Override
  public void close() {
    http.stop(0);
    threads.close();
  }

  private void enrol(HttpExchange exchange) throws IOException {
    try (exchange) {
      Enrolment.Request request;
      try (InputStream body = exchange.getRequestBody()) {
        request = STRICT.read(body, Enrolment.Request.class);
      } catch (InvalidInputException e) {
        answer(exchange, 400, new ApiError("invalid", e.getMessage()));
        return;
      }
      if (!request.enrolmentToken().equals(enrolmentToken)) {
        answer(exchange, 401, new ApiError("unauthorized", "unknown enrolment token"));
        return;
      }
      enrolments.increment();
      String token = "vgl_a_" + UUID.randomUUID().toString().replace("-", "");
      // Enrolling again replaces the host's token, as the real server does.
      hostByToken.values().remove(request.hostname());
      hostByToken.put(token, request.hostname());
      answer(exchange, 200, new Enrolment.Response(request.machineId(), request.hostname(), token));
    }
  }

  private void config(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (host(exchange) == null) {
        answer(exchange, 401, new ApiError("unauthorized", "bad agent token"));
        return;
      }
      answer(exchange, 200, new AgentConfig(1, Map.of("cpu", new AgentConfig.Item(10, true))));
    }
  }

  private String host(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization == null || !authorization.startsWith("Bearer ")
        ? null
        : hostByToken.get(authorization.substring(7));
  }

  private void ingest(HttpExchange exchange) throws IOException {
    try (exchange) {
      String host = host(exchange);
      if (host == null) {
        answer(exchange, 401, new ApiError("unauthorized", "bad agent token"));
        return;
      }
      if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        answer(exchange, 415, new ApiError("unsupported", "application/json only"));
        return;
      }
      AtomicLong hostInFlight = inFlightByHost.computeIfAbsent(host, h -> new AtomicLong());
      maxInFlightPerHost.accumulateAndGet(hostInFlight.incrementAndGet(), Math::max);
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        handleBatch(exchange, host);
      } finally {
        hostInFlight.decrementAndGet();
        inFlight.decrementAndGet();
      }
    }
  }

  private void handleBatch(HttpExchange exchange, String host) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    ingestRequests.increment();
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay); // plays a server that takes this long to store a batch
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (rejectEvery > 0 && ingestRequests.sum() % rejectEvery == 0) {
      answer(exchange, 503, new ApiError("busy", "store queue full"));
      return;
    }
    Batch batch;
    try {
      boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      batch = gzip ? STRICT.readGzip(body, Batch.class) : STRICT.read(body, Batch.class);
    } catch (InvalidInputException e) {
      answer(exchange, 400, new ApiError("invalid", e.getMessage()));
      return;
    }
    AtomicLong last = lastSequence.computeIfAbsent(host, h -> new AtomicLong());
    long ack;
    synchronized (last) {
      if (batch.sequence() > last.get()) {
        last.set(batch.sequence());
        storedSamples.add(batch.sampleCount());
        stored
            .computeIfAbsent(host, h -> new CopyOnWriteArrayList<>())
            .add(new Received(batch.sequence(), batch.sampleCount(), batch.inventory() != null));
      }
      ack = last.get();
    }
    answer(exchange, 200, new IngestAck(ack, 1));
  }

  private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] json = STRICT.write(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, json.length);
    exchange.getResponseBody().write(json);
  }

  /**
   * Runs the stand-in on its own, to measure the generator's cost in a separate process: {@code
   * PORT ENROLMENT_TOKEN SECONDS}. It stops after the given time.
   */
  public static void main(String[] args) throws Exception {
    try (StandInIngestServer server =
        new StandInIngestServer(Integer.parseInt(args[0]), args[1], 0, Duration.ZERO)) {
      System.out.println(
          "stand-in agent API at " + server.uri() + ", pid " + ProcessHandle.current().pid());
      Thread.sleep(Duration.ofSeconds(Long.parseLong(args[2])));
      System.out.println(
          "stand-in stored "
              + server.storedSamples.sum()
              + " samples from "
              + server.stored.size()
              + " agents");
    }
  }
}
