package io.vigil.server.ingest;

import io.vigil.model.Batch;
import io.vigil.model.InvalidInputException;
import io.vigil.model.Point;
import io.vigil.server.store.DiskGuard;
import io.vigil.server.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The limits every way into the store shares — agents, InfluxDB line protocol, Glances, Prometheus
 * scrapes: free disk, the timestamp window, distinct series per host and overall, points per second
 * per host — and the hand-over to the {@link IngestPipeline} with the wait until the points are
 * durable. One instance, so a host that reports through two protocols has one budget.
 */
@Component
public class IngestGate {

  /**
   * The accepted range of point timestamps at one instant.
   *
   * @param oldest epoch millis of the oldest accepted timestamp
   * @param newest epoch millis of the newest accepted timestamp
   */
  public record TimestampWindow(long oldest, long newest) {
    public boolean accepts(long timestamp) {
      return timestamp >= oldest && timestamp <= newest;
    }
  }

  private final IngestPipeline pipeline;
  private final IngestProperties limits;
  private final DiskGuard disk;
  private final SeriesLimiter series;
  private final HostRateLimiter rate;

  IngestGate(IngestPipeline pipeline, IngestProperties limits, DiskGuard disk) {
    this.pipeline = pipeline;
    this.limits = limits;
    this.disk = disk;
    this.series =
        new SeriesLimiter(limits.maxSeriesPerHost(), limits.maxSeries(), limits.seriesWindow());
    this.rate =
        new HostRateLimiter(
            limits.maxPointsPerSecondPerHost(), limits.pointsBurstPerHost(), System::nanoTime);
  }

  public IngestProperties limits() {
    return limits;
  }

  /** 503 while the disk guard keeps ingest off a nearly full disk. */
  public void requireDiskSpace() {
    if (disk.full()) {
      throw unavailable(disk.reason());
    }
  }

  /** The timestamps accepted now: {@code vigil.ingest.max-age} back, {@code max-future} ahead. */
  public TimestampWindow window(Instant now) {
    return new TimestampWindow(
        now.minus(limits.maxAge()).toEpochMilli(), now.plus(limits.maxFuture()).toEpochMilli());
  }

  /**
   * Counts the points' series towards the host's and the overall cap, or refuses them all (400
   * {@code too_many_series}, counting none).
   */
  public void admitSeries(String hostKey, List<Point> points) {
    series.admit(hostKey, points, List.of());
  }

  void admitSeries(String hostKey, Batch batch) {
    series.admit(hostKey, batch);
  }

  /** Takes {@code points} from the host's rate budget, or refuses (429 with Retry-After). */
  public void admitRate(String hostKey, int points) {
    rate.admit(hostKey, points);
  }

  /** Queues the points of several hosts (each carrying its host tag) as one store write. */
  public CompletableFuture<Void> submitAll(Map<String, List<Point>> pointsByHost) {
    try {
      return pipeline.submitAll(pointsByHost);
    } catch (IngestPipeline.UnavailableException e) {
      throw unavailable(e.getMessage());
    }
  }

  /**
   * Waits until a submitted write is durable: 503 when the store is too slow or failed (the sender
   * retries), 400 when the store refused the points themselves (they clash with its schema).
   */
  public void awaitDurable(CompletableFuture<Void> written) {
    try {
      written.get(limits.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw unavailable("the store did not confirm the write in time; retry");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof InvalidInputException invalid) {
        throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", invalid.getMessage());
      }
      throw unavailable("the store could not write the batch; retry");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted");
    }
  }

  static ApiException unavailable(String message) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", message);
  }
}
