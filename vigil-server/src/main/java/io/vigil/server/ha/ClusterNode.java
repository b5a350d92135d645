package io.vigil.server.ha;

import io.vigil.server.alerting.ProblemSink;
import io.vigil.server.items.SecretBox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * This server's part in a pair (or, when {@code vigil.cluster.enabled} is false, a single server
 * that always leads). Every heartbeat, on its own thread: renew or watch the leader's lease in the
 * shared database, send a signed heartbeat to the peer (whose answer is its own heartbeat), judge
 * whether the peer is down, notice configuration the peer changed, and every other turn let
 * features re-read shared state.
 */
@Component
public class ClusterNode implements Leadership, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long FAILURE_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** The peer as last heard of, for the API and UI. */
  public record PeerView(
      String url,
      String node,
      String state,
      Long lastHeardAt,
      boolean leader,
      String version,
      Boolean secretsKeyMatches) {}

  /** The pair as this server sees it. */
  public record Status(
      boolean enabled,
      String node,
      boolean leader,
      String leaderNode,
      long startedAt,
      PeerView peer) {}

  private final ClusterProperties properties;
  private final ClusterRepository repository;
  private final ObjectProvider<ClusterListener> listeners;
  private final ObjectProvider<ProblemSink> problems;
  private final String secretsKey;
  private final long startedAt = System.currentTimeMillis();
  private final long startedNanos = System.nanoTime();
  private final AtomicLong counter = new AtomicLong();
  private final AtomicReference<Heartbeat> peer = new AtomicReference<>();
  private final HeartbeatSigner signer;
  private final LeaderLease lease;
  private final PeerDownJudge peerDown;
  private final HttpClient http;
  private volatile long peerHeardNanos;
  private volatile long peerHeardAt;
  private long configGeneration = Long.MIN_VALUE;
  private long turns;
  private long failureLoggedNanos = Long.MIN_VALUE / 2;
  private volatile ScheduledExecutorService thread;

  ClusterNode(
      ClusterProperties properties,
      ClusterRepository repository,
      ObjectProvider<ClusterListener> listeners,
      ObjectProvider<ProblemSink> problems,
      SecretBox secrets,
      @Value("${spring.datasource.url:}") String configDatabase) {
    if (properties.enabled() && !configDatabase.startsWith("jdbc:postgresql:")) {
      throw new IllegalStateException(
          "vigil.cluster.enabled needs both servers on one PostgreSQL config database"
              + " (spring.datasource.url=jdbc:postgresql://...); this server uses "
              + configDatabase.replaceAll(";.*", ""));
    }
    this.properties = properties;
    this.repository = repository;
    this.listeners = listeners;
    this.problems = problems;
    this.secretsKey = secrets.fingerprint();
    if (properties.enabled()) {
      this.signer = new HeartbeatSigner(properties.secret());
      this.lease =
          new LeaderLease(
              repository,
              properties.nodeName(),
              properties.leaseTime().toNanos(),
              properties.heartbeat().toNanos());
      this.peerDown =
          new PeerDownJudge(
              peerKey(properties.peerUrl()),
              properties.nodeName(),
              properties.peerTimeout().toMillis(),
              properties.startupGrace().toMillis());
      this.http =
          HttpClient.newBuilder()
              .connectTimeout(properties.heartbeat())
              .sslContext(PeerTrust.signedMessagesOnly())
              .build();
    } else {
      this.signer = null;
      this.lease = null;
      this.peerDown = null;
      this.http = null;
    }
  }

  /** The peer's problems are keyed by its address as configured, e.g. {@code vigil-b:8080}. */
  static String peerKey(URI url) {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  /** This server's node name, or null for a single server. */
  public String name() {
    return properties.enabled() ? properties.nodeName() : null;
  }

  @Override
  public boolean isLeader() {
    return lease == null || lease.isLeader(System.nanoTime());
  }

  @Override
  public boolean clustered() {
    return properties.enabled();
  }

  public Status status() {
    if (!properties.enabled()) {
      return new Status(false, null, true, null, startedAt, null);
    }
    Heartbeat last = peer.get();
    long heard = peerHeardNanos;
    boolean up = heard != 0 && System.nanoTime() - heard <= properties.peerTimeout().toNanos();
    String state = heard == 0 ? "unknown" : up ? "up" : "down";
    PeerView view =
        new PeerView(
            properties.peerUrl().toString(),
            last == null ? null : last.node(),
            state,
            heard == 0 ? null : peerHeardAt,
            last != null && up && last.leader(),
            last == null ? null : last.version(),
            last == null ? null : secretsKey.equals(last.secretsKey()));
    return new Status(true, properties.nodeName(), isLeader(), lease.leader(), startedAt, view);
  }

  /**
   * A heartbeat the peer sent: checked, recorded, answered with this server's own (signed). Empty
   * when the signature is wrong or the heartbeat is a replay.
   */
  Optional<SignedHeartbeat> received(byte[] body, String signature) {
    if (!properties.enabled() || !signer.verify(body, signature)) {
      return Optional.empty();
    }
    Heartbeat beat;
    try {
      beat = JSON.readValue(body, Heartbeat.class);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    if (!heard(beat)) {
      return Optional.empty();
    }
    return Optional.of(own());
  }

  /** A signed body and its signature. */
  record SignedHeartbeat(byte[] body, String signature) {}

  private SignedHeartbeat own() {
    Heartbeat beat =
        new Heartbeat(
            properties.nodeName(),
            startedAt,
            counter.incrementAndGet(),
            isLeader(),
            version(),
            secretsKey);
    byte[] body = JSON.writeValueAsBytes(beat);
    return new SignedHeartbeat(body, signer.sign(body));
  }

  private boolean heard(Heartbeat beat) {
    if (beat.node() == null || beat.node().equals(properties.nodeName())) {
      return false; // our own heartbeat sent back, or a misconfigured pair
    }
    Heartbeat before = peer.getAndUpdate(previous -> beat.after(previous) ? beat : previous);
    if (!beat.after(before)) {
      return false;
    }
    if (before == null || before.startedAt() != beat.startedAt()) {
      log.info(
          "Peer {} (started {}) heard; it is {}",
          beat.node(),
          Instant.ofEpochMilli(beat.startedAt()),
          beat.leader() ? "the leader" : "not the leader");
      if (!secretsKey.equals(beat.secretsKey())) {
        log.error(
            "Peer {} uses another secrets key: secrets one server stores cannot be read by the"
                + " other. Give both the same vigil.secrets.key-file.",
            beat.node());
      }
    }
    peerHeardNanos = System.nanoTime();
    peerHeardAt = System.currentTimeMillis();
    return true;
  }

  private void turn() {
    long now = System.nanoTime();
    try {
      boolean gained = lease.tick(now, System.currentTimeMillis());
      if (gained) {
        log.warn("{} is now the notification leader", properties.nodeName());
        peerDown.reset();
        listeners.orderedStream().forEach(ClusterListener::leadershipGained);
      }
      sendHeartbeat();
      judgePeer(now);
      long generation = repository.configGeneration();
      if (configGeneration != Long.MIN_VALUE && generation != configGeneration) {
        listeners.orderedStream().forEach(ClusterListener::sharedConfigChanged);
      }
      configGeneration = generation;
      if (++turns % 2 == 0) {
        listeners.orderedStream().forEach(ClusterListener::refreshSharedState);
      }
    } catch (RuntimeException e) {
      if (now - failureLoggedNanos > FAILURE_LOG_EVERY_NANOS) {
        failureLoggedNanos = now;
        log.error(
            "Cluster turn failed (is the config database reachable?); this server leads only"
                + " while it can renew its lease",
            e);
      }
    }
  }

  private void judgePeer(long now) {
    long heard = peerHeardNanos;
    boolean ever = heard != 0;
    long silent = TimeUnit.NANOSECONDS.toMillis(now - (ever ? heard : startedNanos));
    Heartbeat last = peer.get();
    peerDown
        .judge(
            isLeader(), silent, ever, last == null ? null : last.node(), System.currentTimeMillis())
        .ifPresent(signal -> problems.orderedStream().forEach(sink -> sink.signal(signal)));
  }

  private void sendHeartbeat() {
    SignedHeartbeat beat = own();
    HttpRequest request =
        HttpRequest.newBuilder(properties.peerUrl().resolve("/api/v1/cluster/heartbeat"))
            .timeout(properties.heartbeat().multipliedBy(2))
            .header("Content-Type", "application/json")
            .header(HeartbeatSigner.HEADER, beat.signature())
            .POST(HttpRequest.BodyPublishers.ofByteArray(beat.body()))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenAccept(
            response -> {
              if (response.statusCode() == 200) {
                byte[] body = response.body();
                String signature =
                    response.headers().firstValue(HeartbeatSigner.HEADER).orElse(null);
                if (signer.verify(body, signature)) {
                  try {
                    heard(JSON.readValue(body, Heartbeat.class));
                  } catch (JacksonException e) {
                    log.debug("unreadable heartbeat answer from the peer", e);
                  }
                }
              }
            })
        .exceptionally(
            e -> {
              if (!(e.getCause() instanceof IOException)) {
                log.debug("heartbeat to the peer failed", e);
              }
              return null;
            });
  }

  private static String version() {
    String v = ClusterNode.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public synchronized void start() {
    if (!properties.enabled() || thread != null) {
      return;
    }
    log.info(
        "Cluster node {}: peer {}, heartbeat {}, peer timeout {}, lease {}",
        properties.nodeName(),
        properties.peerUrl(),
        properties.heartbeat(),
        properties.peerTimeout(),
        properties.leaseTime());
    thread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("vigil-cluster").daemon().factory());
    long period = properties.heartbeat().toMillis();
    thread.scheduleWithFixedDelay(this::turn, 0, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (thread == null) {
      return;
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
    try {
      repository.release(properties.nodeName());
    } catch (RuntimeException e) {
      log.warn("Could not give up the leader's lease; the peer takes it over after the lease time");
    }
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /** Starts after the evaluator and the dispatcher, which it calls when it becomes the leader. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  /** Raises the configuration generation, so the peer drops its caches. */
  void configChanged() {
    if (properties.enabled()) {
      repository.raiseConfigGeneration();
    }
  }
}
