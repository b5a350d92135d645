package io.vigil.server.store;

import io.vigil.storage.victoriametrics.VictoriaMetricsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The remote engine's VictoriaMetrics ({@code vigil.storage.victoriametrics.*}), used with {@code
 * vigil.storage.engine=victoriametrics}. The password and the token may be sealed ({@code
 * enc:v1:…}) like any other secret in the configuration.
 *
 * @param url where writes go: a single node ({@code http://vm:8428}) or a cluster's vminsert with
 *     its tenant ({@code http://vminsert:8480/insert/0/prometheus})
 * @param queryUrl where queries go, when not {@code url}: a cluster's vmselect ({@code
 *     http://vmselect:8481/select/0/prometheus})
 * @param metricsUrls pages whose {@code vm_data_size_bytes} add up to the disk used (the storage
 *     screen, benchmarks): default {@code /metrics} of {@code url}'s host; list every vmstorage
 *     node's {@code http://vmstorage-N:8482/metrics} for a cluster
 * @param username basic auth (with {@code password}), e.g. for vmauth in front of a cluster
 * @param password basic-auth password
 * @param bearerToken bearer token instead of basic auth
 * @param connectTimeout connection set-up
 * @param writeTimeout one import request
 * @param queryTimeout one query
 * @param writeRetries further attempts of an import that failed for a passing reason (no
 *     connection, timeout, 429, 5xx) before the batch is refused with 503 and the agent retries
 * @param retryBackoff wait before the first retry, doubled for each next one
 * @param maxRequestSize uncompressed size at which a store write is split into several imports
 * @param gzip compress imports
 * @param latestLookback how far back a host's latest values are looked for
 * @param catalogRefresh how long the list of measurements, fields and tags is reused
 */
public record VictoriaMetricsProperties(
    URI url,
    URI queryUrl,
    List<URI> metricsUrls,
    String username,
    String password,
    String bearerToken,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration writeTimeout,
    @DefaultValue("30s") Duration queryTimeout,
    @DefaultValue("2") int writeRetries,
    @DefaultValue("250ms") Duration retryBackoff,
    @DefaultValue("8MB") DataSize maxRequestSize,
    @DefaultValue("true") boolean gzip,
    @DefaultValue("1d") Duration latestLookback,
    @DefaultValue("30s") Duration catalogRefresh) {

  /** The engine's settings; fails with the reason when a value is out of range. */
  VictoriaMetricsSettings settings() {
    try {
      return new VictoriaMetricsSettings(
          url,
          queryUrl,
          metricsUrls,
          username,
          password,
          bearerToken,
          connectTimeout,
          writeTimeout,
          queryTimeout,
          writeRetries,
          retryBackoff,
          (int) Math.min(Integer.MAX_VALUE, maxRequestSize.toBytes()),
          gzip,
          latestLookback,
          catalogRefresh);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("vigil.storage.victoriametrics: " + e.getMessage(), e);
    }
  }
}
