package io.vigil.server.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingest limits ({@code vigil.ingest.*}); unknown keys fail the start.
 *
 * @param queueCapacity batches waiting for the store writer before agents are told 503
 * @param maxPointsPerCommit how many points the writer groups into one store write
 * @param commitInterval how long the writer gathers batches into one store write; acknowledgements
 *     wait for it, so it bounds the latency it adds
 * @param maxBodySize largest request body as sent (compressed)
 * @param maxUncompressedSize largest body after gzip decompression
 * @param maxAge oldest accepted point timestamp, relative to now
 * @param maxFuture newest accepted point timestamp, relative to now (clock skew)
 * @param writeTimeout how long a request waits for its batch to become durable before 503
 * @param maxSeriesPerHost distinct series (measurement and tag values, check items and their
 *     metrics) one host may send within {@code seriesWindow}; a batch going past it is refused
 * @param seriesWindow how long series are counted towards {@code maxSeriesPerHost}
 * @param maxSeries distinct series of all hosts together within {@code seriesWindow}: bounds the
 *     server's memory for series (≈ 16 bytes each in the limiter) whatever the number of hosts
 * @param maxPointsPerSecondPerHost sustained points per second one host may send; more is answered
 *     429 with {@code Retry-After}
 * @param pointsBurstPerHost points a host may send at once above the sustained rate (an agent
 *     catching up from its spool)
 */
@ConfigurationProperties(prefix = "vigil.ingest", ignoreUnknownFields = false)
public record IngestProperties(
    @DefaultValue("2048") int queueCapacity,
    @DefaultValue("50000") int maxPointsPerCommit,
    @DefaultValue("100ms") Duration commitInterval,
    @DefaultValue("4MB") DataSize maxBodySize,
    @DefaultValue("32MB") DataSize maxUncompressedSize,
    @DefaultValue("7d") Duration maxAge,
    @DefaultValue("10m") Duration maxFuture,
    @DefaultValue("30s") Duration writeTimeout,
    @DefaultValue("10000") int maxSeriesPerHost,
    @DefaultValue("1h") Duration seriesWindow,
    @DefaultValue("10000000") long maxSeries,
    @DefaultValue("100000") int maxPointsPerSecondPerHost,
    @DefaultValue("1000000") int pointsBurstPerHost) {

  public IngestProperties {
    if (queueCapacity < 1 || maxPointsPerCommit < 1) {
      throw new IllegalArgumentException("vigil.ingest queue sizes must be positive");
    }
    if (commitInterval.isNegative() || commitInterval.toSeconds() > 5) {
      throw new IllegalArgumentException("vigil.ingest.commit-interval must be 0..5s");
    }
    if (maxSeriesPerHost < 1 || !seriesWindow.isPositive()) {
      throw new IllegalArgumentException(
          "vigil.ingest.max-series-per-host and series-window must be positive");
    }
    if (maxSeries < maxSeriesPerHost) {
      throw new IllegalArgumentException(
          "vigil.ingest.max-series must be at least vigil.ingest.max-series-per-host");
    }
    if (maxPointsPerSecondPerHost < 1 || pointsBurstPerHost < 1) {
      throw new IllegalArgumentException(
          "vigil.ingest.max-points-per-second-per-host and points-burst-per-host must be"
              + " positive");
    }
  }
}
