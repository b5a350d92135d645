package io.vigil.server.testing;

import io.vigil.model.Batch;
import io.vigil.model.Enrolment;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Speaks the agent protocol by hand, so tests can send exactly the batches they need (valid,
 * malformed, oversized, re-sent) to a real server.
 */
public final class ProtocolAgent {

  private final ApiClient client;
  private final WireCodec codec = WireCodec.lenient();
  private final String hostname;
  private String token;
  private String hostKey;

  private ProtocolAgent(URI server, String hostname) {
    this.client = new ApiClient(server);
    this.hostname = hostname;
  }

  public static ProtocolAgent enrol(URI server, String enrolmentToken, String hostname) {
    ProtocolAgent agent = new ProtocolAgent(server, hostname);
    ApiClient.Response response =
        agent.client.post(
            "/api/v1/agent/enrol",
            new String(
                agent.codec.write(
                    new Enrolment.Request(enrolmentToken, hostname, UUID.randomUUID().toString())),
                java.nio.charset.StandardCharsets.UTF_8));
    if (response.status() != 200) {
      throw new IllegalStateException("enrolment failed: " + response);
    }
    Enrolment.Response enrolled =
        agent.codec.read(response.body().getBytes(), Enrolment.Response.class);
    agent.token = enrolled.agentToken();
    agent.hostKey = enrolled.hostKey();
    agent.client.withBearer(agent.token);
    return agent;
  }

  /** The same agent (same token) talking to another server instance, e.g. after a restart. */
  public ProtocolAgent reconnect(URI server) {
    ProtocolAgent other = new ProtocolAgent(server, hostname);
    other.token = token;
    other.hostKey = hostKey;
    other.client.withBearer(token);
    return other;
  }

  public String hostKey() {
    return hostKey;
  }

  public String token() {
    return token;
  }

  public String hostname() {
    return hostname;
  }

  /** {@code count} cpu points one second apart ending now-ish, each with two fields. */
  public static List<Point> cpuPoints(long startMillis, int count) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      points.add(
          new Point(
              "cpu",
              Map.of("cpu", "total"),
              Map.of("used_pct", (double) (i % 100), "idle_pct", 100.0 - (i % 100)),
              startMillis + i * 1000L));
    }
    return points;
  }

  public ApiClient.Response send(long sequence, List<Point> points) {
    Batch batch = new Batch(sequence, System.currentTimeMillis(), null, points);
    return sendRaw(codec.writeGzip(batch), "gzip", "application/json");
  }

  /** A batch of check results (and these points, possibly none). */
  public ApiClient.Response sendChecks(
      long sequence, List<Point> points, List<io.vigil.model.CheckResult> checks) {
    Batch batch = new Batch(sequence, System.currentTimeMillis(), null, points, checks);
    return sendRaw(codec.writeGzip(batch), "gzip", "application/json");
  }

  public ApiClient.Response sendRaw(byte[] body, String encoding, String contentType) {
    HttpRequest.Builder request =
        client
            .request("/api/v1/agent/ingest")
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return client.send(request);
  }

  public ApiClient client() {
    return client;
  }
}
