package io.vigil.server.ingest;

import io.vigil.model.Batch;
import io.vigil.model.IngestAck;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import io.vigil.server.auth.AgentPrincipal;
import io.vigil.server.inventory.AgentRegistry;
import io.vigil.server.inventory.HostInventory;
import io.vigil.server.items.AgentConfigService;
import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives agent batches. A batch is acknowledged only after its points and check results are
 * durable in the store; anything invalid is refused whole, before any of it is stored.
 */
@RestController
class IngestController {

  private final IngestPipeline pipeline;
  private final IngestGate gate;
  private final AgentRegistry agents;
  private final HostInventory inventory;
  private final AgentConfigService configs;
  private final IngestProperties limits;
  private final BatchValidator validator;
  private final WireCodec codec = WireCodec.strict();

  IngestController(
      IngestPipeline pipeline,
      IngestGate gate,
      AgentRegistry agents,
      HostInventory inventory,
      AgentConfigService configs) {
    this.pipeline = pipeline;
    this.gate = gate;
    this.agents = agents;
    this.inventory = inventory;
    this.configs = configs;
    this.limits = gate.limits();
    this.validator = new BatchValidator(limits);
  }

  @PostMapping("/api/v1/agent/ingest")
  IngestAck ingest(@AuthenticationPrincipal AgentPrincipal agent, HttpServletRequest request)
      throws IOException {
    Batch batch = read(request);
    validator.check(batch, Instant.now());
    long configVersion = configs.version(agent.hostId());
    long acknowledged = agents.lastAck(agent.agentId());
    if (batch.sequence() <= acknowledged) {
      return ack(acknowledged, configVersion, agent);
    }
    gate.requireDiskSpace();
    // Series first: a batch refused for good (400) must not use up the host's rate budget.
    gate.admitSeries(agent.hostKey(), batch);
    gate.admitRate(agent.hostKey(), batch.points().size() + batch.checks().size());
    if (batch.inventory() != null) {
      inventory.update(agent.hostId(), batch.inventory());
    }
    if (!batch.points().isEmpty() || !batch.checks().isEmpty()) {
      gate.awaitDurable(
          pipeline.submit(
              agent.hostKey(), withHost(batch.points(), agent.hostKey()), batch.checks()));
    }
    agents.acknowledge(agent.agentId(), batch.sequence());
    return ack(batch.sequence(), configVersion, agent);
  }

  /** The ack, asking the agent to rotate its token when an admin requested it. */
  private IngestAck ack(long sequence, long configVersion, AgentPrincipal agent) {
    return new IngestAck(
        sequence, configVersion, agents.rotationRequested(agent.agentId()) ? true : null);
  }

  private Batch read(HttpServletRequest request) throws IOException {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send application/json.");
    }
    try {
      return codec.read(IngestBodies.open(request, limits), Batch.class);
    } catch (UncheckedIOException e) {
      throw IngestBodies.translate(e.getCause());
    } catch (BoundedInputStream.TooLargeException | ZipException | EOFException e) {
      throw IngestBodies.translate(e);
    }
  }

  private static List<Point> withHost(List<Point> points, String hostKey) {
    List<Point> stamped = new ArrayList<>(points.size());
    for (Point point : points) {
      stamped.add(point.withTag(Point.HOST_TAG, hostKey));
    }
    return stamped;
  }
}
