package io.vigil.server.ingest;

import io.vigil.model.Batch;
import io.vigil.model.IngestAck;
import io.vigil.model.Point;
import io.vigil.model.WireCodec;
import io.vigil.server.auth.AgentPrincipal;
import io.vigil.server.inventory.AgentRegistry;
import io.vigil.server.inventory.HostInventory;
import io.vigil.server.items.AgentConfigService;
import io.vigil.server.store.DiskGuard;
import io.vigil.server.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
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
  private final AgentRegistry agents;
  private final HostInventory inventory;
  private final AgentConfigService configs;
  private final IngestProperties limits;
  private final BatchValidator validator;
  private final SeriesLimiter series;
  private final HostRateLimiter rate;
  private final WireCodec codec = WireCodec.strict();

  private final DiskGuard disk;

  IngestController(
      IngestPipeline pipeline,
      AgentRegistry agents,
      HostInventory inventory,
      AgentConfigService configs,
      IngestProperties limits,
      DiskGuard disk) {
    this.pipeline = pipeline;
    this.disk = disk;
    this.agents = agents;
    this.inventory = inventory;
    this.configs = configs;
    this.limits = limits;
    this.validator = new BatchValidator(limits);
    this.series =
        new SeriesLimiter(limits.maxSeriesPerHost(), limits.maxSeries(), limits.seriesWindow());
    this.rate =
        new HostRateLimiter(
            limits.maxPointsPerSecondPerHost(), limits.pointsBurstPerHost(), System::nanoTime);
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
    if (disk.full()) {
      throw unavailable(disk.reason());
    }
    // Series first: a batch refused for good (400) must not use up the host's rate budget.
    series.admit(agent.hostKey(), batch);
    rate.admit(agent.hostKey(), batch.points().size() + batch.checks().size());
    if (batch.inventory() != null) {
      inventory.update(agent.hostId(), batch.inventory());
    }
    if (!batch.points().isEmpty() || !batch.checks().isEmpty()) {
      awaitDurable(
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
    long maxBody = limits.maxBodySize().toBytes();
    if (request.getContentLengthLong() > maxBody) {
      throw tooLarge("the body is larger than " + maxBody + " bytes");
    }
    InputStream body = new BoundedInputStream(request.getInputStream(), maxBody, "the body");
    String encoding = request.getHeader("Content-Encoding");
    try {
      if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
        body =
            new BoundedInputStream(
                new GZIPInputStream(body),
                limits.maxUncompressedSize().toBytes(),
                "the uncompressed body");
      } else if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
        throw new ApiException(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported_encoding",
            "Content-Encoding must be gzip or identity.");
      }
      return codec.read(body, Batch.class);
    } catch (UncheckedIOException e) {
      throw translate(e.getCause());
    } catch (BoundedInputStream.TooLargeException | ZipException | EOFException e) {
      // GZIPInputStream reads the header in its constructor: a cut-short body fails there.
      throw translate(e);
    }
  }

  private static RuntimeException translate(IOException e) {
    if (e instanceof BoundedInputStream.TooLargeException) {
      return tooLarge(e.getMessage());
    }
    if (e instanceof ZipException || e instanceof EOFException) {
      return ApiException.badRequest("the body is not valid gzip");
    }
    return new UncheckedIOException(e);
  }

  private static ApiException tooLarge(String message) {
    return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too_large", message);
  }

  private static List<Point> withHost(List<Point> points, String hostKey) {
    List<Point> stamped = new ArrayList<>(points.size());
    for (Point point : points) {
      stamped.add(point.withTag(Point.HOST_TAG, hostKey));
    }
    return stamped;
  }

  private void awaitDurable(java.util.concurrent.CompletableFuture<Void> written) {
    try {
      written.get(limits.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw unavailable("the store did not confirm the write in time; retry");
    } catch (ExecutionException e) {
      throw unavailable("the store could not write the batch; retry");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted");
    }
  }

  private static ApiException unavailable(String message) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", message);
  }
}
