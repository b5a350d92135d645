package io.vigil.agent.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.model.AgentConfig;
import io.vigil.model.Batch;
import io.vigil.model.Enrolment;
import io.vigil.model.IngestAck;
import io.vigil.model.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TEST STAND-IN, not Vigil's server: a JDK {@link HttpServer} scripted to answer the agent
 * endpoints the way docs/api.md specifies (enrol, ingest with ack, config), plus switches to
 * simulate an outage (503), a batch refused with 400, and a revoked token (401). It records what it
 * "stored" so tests can count sequences and points.
 */
public final class ScriptedServerStandIn implements AutoCloseable {

  public static final String ENROLMENT_TOKEN = "vgl_e_test";

  private final HttpServer http;
  private final WireCodec codec = WireCodec.strict();
  private final List<Batch> stored = new ArrayList<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final Set<Long> refuse = ConcurrentHashMap.newKeySet();
  private final AtomicInteger unavailableAnswers = new AtomicInteger();
  private final AtomicInteger enrolments = new AtomicInteger();
  private final AtomicInteger configFetches = new AtomicInteger();
  private final AtomicInteger rotations = new AtomicInteger();
  private volatile boolean rotationRequested;
  private volatile boolean available = true;
  private volatile AgentConfig config = new AgentConfig(1, Map.of());
  private long lastAck;

  public ScriptedServerStandIn() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/api/v1/agent/enrol", this::enrol);
    http.createContext("/api/v1/agent/ingest", this::ingest);
    http.createContext("/api/v1/agent/config", this::config);
    http.createContext("/api/v1/agent/rotate-token", this::rotate);
    http.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  void available(boolean available) {
    this.available = available;
  }

  void refuse(long sequence) {
    refuse.add(sequence);
  }

  void revokeAllTokens() {
    validTokens.clear();
  }

  public void config(AgentConfig config) {
    this.config = config;
  }

  /** The next acks ask the agent to rotate its token, until it does. */
  void requestRotation() {
    rotationRequested = true;
  }

  int rotations() {
    return rotations.get();
  }

  /** Tokens the stand-in accepts now. */
  Set<String> validTokens() {
    return Set.copyOf(validTokens);
  }

  int unavailableAnswers() {
    return unavailableAnswers.get();
  }

  int enrolments() {
    return enrolments.get();
  }

  public int configFetches() {
    return configFetches.get();
  }

  public synchronized List<Batch> stored() {
    return List.copyOf(stored);
  }

  synchronized List<Long> storedSequences() {
    return stored.stream().map(Batch::sequence).toList();
  }

  private void enrol(HttpExchange ex) throws IOException {
    Enrolment.Request request =
        codec.read(ex.getRequestBody().readAllBytes(), Enrolment.Request.class);
    if (!ENROLMENT_TOKEN.equals(request.enrolmentToken())) {
      answer(ex, 401, "{\"error\":\"unauthorized\",\"message\":\"bad enrolment token\"}");
      return;
    }
    String token = "vgl_a_" + enrolments.incrementAndGet();
    validTokens.add(token);
    answer(
        ex,
        200,
        new String(codec.write(new Enrolment.Response("agent-1", request.hostname(), token))));
  }

  private void ingest(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    if (!authorized(ex)) {
      answer(ex, 401, "{\"error\":\"unauthorized\",\"message\":\"token revoked\"}");
      return;
    }
    if (!available) {
      unavailableAnswers.incrementAndGet();
      answer(ex, 503, "{\"error\":\"unavailable\",\"message\":\"store queue full\"}");
      return;
    }
    if (!"gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
      answer(ex, 415, "{\"error\":\"unsupported\",\"message\":\"gzip expected\"}");
      return;
    }
    Batch batch = codec.readGzip(body, Batch.class);
    if (refuse.contains(batch.sequence())) {
      answer(ex, 400, "{\"error\":\"invalid\",\"message\":\"scripted refusal\"}");
      return;
    }
    long ack;
    synchronized (this) {
      if (batch.sequence() > lastAck) { // at or below: acknowledged again, not stored twice
        stored.add(batch);
        lastAck = batch.sequence();
      }
      ack = lastAck;
    }
    answer(
        ex,
        200,
        new String(
            codec.write(new IngestAck(ack, config.version(), rotationRequested ? true : null))));
  }

  /** Rotation without a grace period: the old token stops at once, so only the new one works. */
  private void rotate(HttpExchange ex) throws IOException {
    if (!"POST".equals(ex.getRequestMethod()) || !authorized(ex)) {
      answer(ex, 401, "{\"error\":\"unauthorized\",\"message\":\"token revoked\"}");
      return;
    }
    String old = ex.getRequestHeaders().getFirst("Authorization").substring(7);
    String token = "vgl_a_rotated_" + rotations.incrementAndGet();
    validTokens.add(token);
    validTokens.remove(old);
    rotationRequested = false;
    answer(
        ex, 200, "{\"agentId\":\"agent-1\",\"agentToken\":\"" + token + "\",\"graceSeconds\":600}");
  }

  private void config(HttpExchange ex) throws IOException {
    if (!authorized(ex)) {
      answer(ex, 401, "{\"error\":\"unauthorized\",\"message\":\"token revoked\"}");
      return;
    }
    configFetches.incrementAndGet();
    answer(ex, 200, new String(codec.write(config)));
  }

  private boolean authorized(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    return header != null
        && header.startsWith("Bearer ")
        && validTokens.contains(header.substring(7));
  }

  private static void answer(HttpExchange ex, int status, String json) throws IOException {
    try (InputStream ignored = ex.getRequestBody()) {
      byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
