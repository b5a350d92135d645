package io.vigil.bench.ingest;

import io.vigil.bench.ingest.TokenCache.AgentIdentity;
import io.vigil.model.Enrolment;
import io.vigil.model.WireCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrols the simulated agents before the timed phase, with bounded parallelism, reusing tokens from
 * the cache. Hostnames and machine ids are deterministic, so enrolling again re-attaches the same
 * hosts instead of creating new ones on every run.
 */
final class AgentEnroller {

  private static final Logger LOG = LoggerFactory.getLogger(AgentEnroller.class);
  private static final WireCodec CODEC = WireCodec.lenient();

  private final HttpClient client;
  private final LoadOptions options;

  AgentEnroller(HttpClient client, LoadOptions options) {
    this.client = client;
    this.options = options;
  }

  static String hostname(String prefix, int index) {
    return String.format("%s%05d", prefix, index);
  }

  /** A stable 32-hex-digit id, shaped like {@code /etc/machine-id}. */
  static String machineId(String hostname) {
    return UUID.nameUUIDFromBytes(("vigil-bench:" + hostname).getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "");
  }

  List<AgentIdentity> enrolAll() throws InterruptedException {
    Map<String, AgentIdentity> cached =
        options.tokenCache().map(f -> TokenCache.load(options.server(), f)).orElse(Map.of());
    if (!cached.isEmpty() && !stillAccepted(cached.values().iterator().next())) {
      LOG.warn("the server refuses the cached agent tokens (reset since?): enrolling again");
      cached = Map.of();
    }
    Semaphore permits = new Semaphore(options.enrolConcurrency());
    AtomicInteger enrolled = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<AgentIdentity>> futures = new ArrayList<>(options.agents());
    long started = System.nanoTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < options.agents(); i++) {
        String hostname = hostname(options.hostPrefix(), i);
        AgentIdentity known = cached.get(hostname);
        if (known != null) {
          futures.add(CompletableFuture.completedFuture(known));
          continue;
        }
        futures.add(
            threads.submit(
                () -> {
                  permits.acquire();
                  try {
                    // One refusal (a wrong enrolment token) fails the rest without asking.
                    if (failed.get()) {
                      throw new IOException("skipped after an earlier enrolment failed");
                    }
                    AgentIdentity agent;
                    try {
                      agent = enrol(hostname);
                    } catch (IOException | RuntimeException e) {
                      failed.set(true);
                      throw e;
                    }
                    int n = enrolled.incrementAndGet();
                    if (n % 1000 == 0) {
                      LOG.info("enrolled {} agents", n);
                    }
                    return agent;
                  } finally {
                    permits.release();
                  }
                }));
      }
    }
    List<AgentIdentity> agents = new ArrayList<>(futures.size());
    IllegalStateException failure = null;
    for (Future<AgentIdentity> f : futures) {
      try {
        agents.add(f.get());
      } catch (ExecutionException e) {
        // Report the first real refusal, not the ones skipped because of it.
        if (failure == null || failure.getMessage().contains("skipped after")) {
          failure = new IllegalStateException("enrolment failed: " + e.getCause().getMessage(), e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    LOG.info(
        "{} agents ready: {} from the token cache, {} enrolled in {} ms",
        agents.size(),
        agents.size() - enrolled.get(),
        enrolled.get(),
        (System.nanoTime() - started) / 1_000_000);
    if (enrolled.get() > 0) {
      options.tokenCache().ifPresent(f -> TokenCache.save(options.server(), f, agents));
    }
    return agents;
  }

  /**
   * Whether the server still knows a cached token: a server whose database was reset answers 401,
   * and a whole run of 401s would measure nothing. Only a 401 condemns the cache.
   */
  private boolean stillAccepted(AgentIdentity agent) throws InterruptedException {
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(options.server() + "/api/v1/agent/config"))
            .timeout(options.timeout())
            .header("Authorization", "Bearer " + agent.token())
            .GET()
            .build();
    try {
      return client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() != 401;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot reach " + options.server() + ": " + e.getMessage(), e);
    }
  }

  private AgentIdentity enrol(String hostname) throws IOException, InterruptedException {
    String machineId = machineId(hostname);
    byte[] body = CODEC.write(new Enrolment.Request(options.enrolToken(), hostname, machineId));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(options.server() + "/api/v1/agent/enrol"))
            .timeout(options.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      String text = new String(response.body(), StandardCharsets.UTF_8);
      throw new IOException(
          "POST /api/v1/agent/enrol for "
              + hostname
              + " answered "
              + response.statusCode()
              + ": "
              + (text.length() > 300 ? text.substring(0, 300) : text));
    }
    Enrolment.Response answer = CODEC.read(response.body(), Enrolment.Response.class);
    return new AgentIdentity(hostname, machineId, answer.agentToken());
  }
}
